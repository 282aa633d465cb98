package io.twinledger.ledger.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Re-derives the log's leaves from the records they describe, as those records are stored now, and
 * compares each with the leaf the log holds: a reading batch's digest from its stored readings, an
 * event's payload digest from its stored row. A record changed after it was logged shows as a
 * mismatch, without anyone exporting its evidence. The {@link IntegrityCheck} covers the log
 * itself.
 *
 * <p>Incremental: each {@link #step} re-derives at most {@code limit} records of each kind after a
 * cursor, and a kind whose records are exhausted completes a pass and starts again from the first.
 * A record the log does not hold yet (the feed appends every few seconds) ends the step for its
 * kind; it is re-checked next time. Findings of a pass replace those of the previous one when it
 * completes, so a mismatch stays reported until a whole pass finds none.
 */
public final class LeafScan {

  private final AuditLog log;
  private final Map<LeafKind, Records> sources = new LinkedHashMap<>();
  private final Map<LeafKind, State> states = new LinkedHashMap<>();
  private final Clock clock;

  /** The records of one kind, as leaves rebuilt from what is stored now. */
  public interface Records {

    /** The kind of leaf these records give. */
    LeafKind kind();

    /**
     * The records whose reference is above {@code after}, in reference order, at most {@code
     * limit}, each with its leaf rebuilt.
     */
    List<Rebuilt> after(long after, int limit);
  }

  /**
   * A record and its leaf rebuilt from it as it is stored now; empty when it cannot be rebuilt,
   * such as a reading batch whose readings are gone.
   */
  public record Rebuilt(long reference, Optional<AuditLeaf> leaf) {}

  /** A record whose rebuilt leaf is not the one the log holds. */
  public record Mismatch(LeafKind kind, long reference, long leafIndex) {

    /** One line naming the record. */
    public String description() {
      return kind.label()
          + " "
          + reference
          + ": rebuilt from the stored record, it differs from leaf "
          + leafIndex
          + " of the log";
    }
  }

  /**
   * Where the scan of one kind is.
   *
   * @param checked records compared since the scan started
   * @param passes passes completed
   * @param lastPassAt when the latest pass completed
   * @param firstMismatch the first mismatch of the latest completed pass, or of the current one if
   *     it found one
   */
  public record Progress(
      LeafKind kind,
      long checked,
      long passes,
      Optional<Instant> lastPassAt,
      Optional<Mismatch> firstMismatch) {}

  private static final class State {
    long cursor = -1;
    long checked;
    long passes;
    Optional<Instant> lastPassAt = Optional.empty();
    Optional<Mismatch> current = Optional.empty();
    Optional<Mismatch> completed = Optional.empty();

    Optional<Mismatch> first() {
      return current.isPresent() ? current : completed;
    }
  }

  public LeafScan(AuditLog log, List<Records> records, Clock clock) {
    this.log = log;
    this.clock = clock;
    for (Records r : records) {
      sources.put(r.kind(), r);
      states.put(r.kind(), new State());
    }
  }

  /**
   * Re-derives and compares the next records of each kind.
   *
   * @param limit the most records of each kind to compare
   */
  public synchronized void step(int limit) {
    sources.forEach((kind, records) -> step(kind, records, states.get(kind), limit));
  }

  private void step(LeafKind kind, Records records, State state, int limit) {
    List<Rebuilt> rebuilt = records.after(state.cursor, limit);
    if (rebuilt.isEmpty()) {
      state.passes++;
      state.lastPassAt = Optional.of(clock.instant());
      state.completed = state.current;
      state.current = Optional.empty();
      state.cursor = -1;
      return;
    }
    for (Rebuilt record : rebuilt) {
      Optional<StoredLeaf> held = log.leaf(kind, record.reference());
      if (held.isEmpty()) {
        return;
      }
      boolean same =
          record.leaf().map(l -> Arrays.equals(held.get().leaf().data(), l.data())).orElse(false);
      if (!same && state.current.isEmpty()) {
        state.current = Optional.of(new Mismatch(kind, record.reference(), held.get().index()));
      }
      state.checked++;
      state.cursor = record.reference();
    }
  }

  /** Where the scan of each kind is. */
  public synchronized List<Progress> progress() {
    return states.entrySet().stream()
        .map(
            e ->
                new Progress(
                    e.getKey(),
                    e.getValue().checked,
                    e.getValue().passes,
                    e.getValue().lastPassAt,
                    e.getValue().first()))
        .toList();
  }
}
