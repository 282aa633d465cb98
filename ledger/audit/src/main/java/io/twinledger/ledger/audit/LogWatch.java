package io.twinledger.ledger.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a stored log before each checkpoint is signed, so that the operator never signs a root
 * over tampered data: runs the {@link IntegrityCheck} (leaves, nodes, and every checkpoint's root,
 * anchored ones included, against the tree recomputed from the leaves) and, when it finds a defect,
 * stops signing and raises an {@link Alarm}.
 *
 * <p>Signing resumes once a check finds the log intact again. The alarm stays raised, and is logged
 * at ERROR on every check, until an operator {@linkplain #acknowledge acknowledges} it; a later
 * defect with another description raises a new one.
 */
public final class LogWatch {

  private static final Logger log = LoggerFactory.getLogger(LogWatch.class);

  private final IntegrityCheck check;
  private final Clock clock;
  private Optional<Alarm> alarm = Optional.empty();
  private Optional<Check> lastCheck = Optional.empty();

  public LogWatch(IntegrityCheck check, Clock clock) {
    this.check = check;
    this.clock = clock;
  }

  /**
   * A defect found in the log.
   *
   * @param logId the log
   * @param defect the first defect the check named
   * @param defects how many it named
   * @param raisedAt when a check first found it
   * @param acknowledged who acknowledged it and when, once someone has
   */
  public record Alarm(
      String logId,
      String defect,
      int defects,
      Instant raisedAt,
      Optional<Acknowledgement> acknowledged) {

    /** Whether the alarm still calls for an operator. */
    public boolean open() {
      return acknowledged.isEmpty();
    }
  }

  /** Who acknowledged an alarm, and when. */
  public record Acknowledgement(String by, Instant at) {}

  /**
   * The outcome of a check, whatever became of its alarm: an acknowledged alarm no longer calls for
   * an operator, but the log may still not be intact.
   *
   * @param intact whether the check found no defect
   * @param at when it ran
   */
  public record Check(boolean intact, Instant at) {}

  /**
   * Checks the log; raises the alarm if it is not intact.
   *
   * @return whether a checkpoint may be signed now
   */
  public synchronized boolean mayCheckpoint() {
    IntegrityReport report = check.run();
    lastCheck = Optional.of(new Check(report.intact(), clock.instant()));
    if (report.intact()) {
      return true;
    }
    String first = report.defects().getFirst().description();
    if (alarm.isEmpty() || !alarm.get().defect().equals(first)) {
      alarm =
          Optional.of(
              new Alarm(
                  report.logId(),
                  first,
                  report.defects().size(),
                  clock.instant(),
                  Optional.empty()));
    }
    if (alarm.get().open()) {
      log.error(
          "Audit log {} is not intact ({} defects, first: {}); no checkpoint is signed until it is,"
              + " and this alarm stays raised until an operator acknowledges it",
          report.logId(),
          report.defects().size(),
          first);
    }
    return false;
  }

  /** The latest check's outcome; empty before the first. */
  public synchronized Optional<Check> lastCheck() {
    return lastCheck;
  }

  /** The alarm, raised or acknowledged, if a check has raised one. */
  public synchronized Optional<Alarm> alarm() {
    return alarm;
  }

  /**
   * Acknowledges the alarm, if one is raised.
   *
   * @param by who acknowledges it
   * @return the alarm as acknowledged, or empty if none is raised
   */
  public synchronized Optional<Alarm> acknowledge(String by) {
    alarm =
        alarm.map(
            a ->
                a.open()
                    ? new Alarm(
                        a.logId(),
                        a.defect(),
                        a.defects(),
                        a.raisedAt(),
                        Optional.of(new Acknowledgement(by, clock.instant())))
                    : a);
    return alarm;
  }
}
