package io.twinledger.reporting.evidence;

import io.twinledger.twin.correction.ReadingAction;
import io.twinledger.twin.reading.DecimalText;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A correction of stored readings as its logged events record it: its request ({@code
 * CorrectionRequested}) and, when it needed a second person, the decision ({@code
 * CorrectionDecided}), both on the correction's own stream {@code correction:<id>}. What the
 * evidence verifier follows from an original reading to a revised period ({@link CorrectionChain})
 * and what a report's {@code kpi-period} formula applies before it closes a period again.
 *
 * <p>Conventions: a correction names a batch by id and by the digest the audit log recorded, and,
 * for one reading, that reading's key with the value it replaces, which the batch must still hold
 * (nothing is deleted). One that changed a closed period needed the approval of someone other than
 * its requester. Corrections took effect in the order of the events that put them in effect, the
 * request for one applied at once, the approval for one that waited: the order of their global
 * indexes. The latest in effect on a reading, whether it names the reading or its whole batch,
 * decides how the reading counts, by twin-adapter's {@link ReadingAction#applied}.
 *
 * @param correctionId its number, as a revised period's cause names it
 * @param action what it does to the reading or the batch
 * @param batchId the batch it names
 * @param batchDigest the digest of that batch as the audit log recorded it, lower-case hex
 * @param reading the reading it replaces; empty when it names the whole batch
 * @param value the corrected value in the reading's unit, for {@link ReadingAction#SUPERSEDE}
 * @param requestedBy who asked for it
 * @param reason why
 * @param approvalRequired whether it changed a closed period, so that it waited for a decision
 * @param quarantineId for a resubmission, the quarantine entry it fixed
 * @param decision the decision on it, when its events hold one
 * @param requestIndex the global index of its request
 */
public record RecordedCorrection(
    long correctionId,
    ReadingAction action,
    long batchId,
    String batchDigest,
    Optional<Replaced> reading,
    Optional<BigDecimal> value,
    String requestedBy,
    String reason,
    boolean approvalRequired,
    Optional<String> quarantineId,
    Optional<Decision> decision,
    long requestIndex) {

  private static final String STREAM = "correction:";
  private static final String REQUESTED = "CorrectionRequested";
  private static final String DECIDED = "CorrectionDecided";
  private static final Pattern NAMED = Pattern.compile("correction (\\d+) by ");

  public RecordedCorrection {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(batchDigest, "batchDigest");
    Objects.requireNonNull(reading, "reading");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(quarantineId, "quarantineId");
    Objects.requireNonNull(decision, "decision");
  }

  /**
   * The reading a correction replaces, as its request names it.
   *
   * @param value the value it replaces, as stored
   */
  public record Replaced(String source, String sensorId, Instant observedAt, BigDecimal value) {

    /** Whether {@code r} is this reading: same source, sensor and observation time. */
    public boolean isKeyOf(EvidenceBundle.Reading r) {
      return r.source().equals(source)
          && r.sensorId().equals(sensorId)
          && EvidenceVerifier.instant(r.observedAt()).equals(observedAt.toString());
    }

    /** This reading in words: {@code <sensor> at <time> with value <value>}. */
    public String describe() {
      return sensorId + " at " + observedAt + " with value " + value.toPlainString();
    }
  }

  /**
   * The decision on a correction that waited for one.
   *
   * @param globalIndex the global index of the {@code CorrectionDecided} event
   */
  public record Decision(String decidedBy, boolean approved, long globalIndex) {
    public Decision {
      Objects.requireNonNull(decidedBy, "decidedBy");
    }
  }

  /** Why a correction's events do not make a correction. */
  public static final class Unusable extends Exception {

    private final boolean malformed;

    private Unusable(String reason, boolean malformed) {
      super(reason);
      this.malformed = malformed;
    }

    /** Whether the events could not be read at all, rather than reading as no correction. */
    public boolean malformed() {
      return malformed;
    }
  }

  /** The number of the correction whose stream holds {@code event}; empty for any other stream. */
  public static Optional<Long> numberOf(EvidenceBundle.Event event) {
    String stream = event.aggregateIdentifier();
    if (!stream.startsWith(STREAM)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(stream.substring(STREAM.length())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Correction {@code correctionId} as {@code events} record it: one request, at most one decision,
   * every event on its stream.
   *
   * @throws Unusable saying why they do not record it
   */
  public static RecordedCorrection read(long correctionId, List<EvidenceBundle.Event> events)
      throws Unusable {
    Optional<EvidenceBundle.Event> request = Optional.empty();
    Optional<EvidenceBundle.Event> decided = Optional.empty();
    for (EvidenceBundle.Event e : events) {
      if (!e.aggregateIdentifier().equals(STREAM + correctionId)) {
        throw new Unusable(
            "event " + e.globalIndex() + " belongs to " + e.aggregateIdentifier(), false);
      }
      if (e.payloadType().endsWith("." + REQUESTED)) {
        request = once(request, e, "requests");
      } else if (e.payloadType().endsWith("." + DECIDED)) {
        decided = once(decided, e, "decisions");
      } else {
        throw new Unusable(
            "event " + e.globalIndex() + " is a " + e.payloadType() + ", not a correction's",
            false);
      }
    }
    if (request.isEmpty()) {
      throw new Unusable("no " + REQUESTED + " event of it is given", false);
    }
    try {
      StrictJson.Node r = payload(request.get());
      if (r.integer("correctionId") != correctionId) {
        throw new Unusable("its request records correction " + r.integer("correctionId"), false);
      }
      StrictJson.Node target = r.object("target");
      Optional<Replaced> reading = Optional.empty();
      Optional<StrictJson.Node> named = target.optionalObject("reading");
      if (named.isPresent()) {
        reading =
            Optional.of(
                new Replaced(
                    named.get().string("source"),
                    named.get().string("sensorId"),
                    Instant.parse(named.get().scalarOr("observedAt", "")),
                    DecimalText.parse(named.get().scalarOr("value", ""))));
      }
      Optional<Decision> decision = Optional.empty();
      if (decided.isPresent()) {
        StrictJson.Node d = payload(decided.get());
        if (d.integer("correctionId") != correctionId) {
          throw new Unusable("its decision records correction " + d.integer("correctionId"), false);
        }
        decision =
            Optional.of(
                new Decision(
                    d.string("decidedBy"),
                    Boolean.parseBoolean(d.scalarOr("approved", "false")),
                    decided.get().globalIndex()));
      }
      return new RecordedCorrection(
          correctionId,
          ReadingAction.valueOf(r.string("action")),
          target.integer("batchId"),
          target.string("batchDigest"),
          reading,
          r.has("value")
              ? Optional.of(DecimalText.parse(r.scalarOr("value", "")))
              : Optional.empty(),
          r.string("requestedBy"),
          r.string("reason"),
          Boolean.parseBoolean(r.scalarOr("approvalRequired", "false")),
          r.has("quarantineId") ? Optional.of(r.scalarOr("quarantineId", "")) : Optional.empty(),
          decision,
          request.get().globalIndex());
    } catch (StrictJson.Malformed | RuntimeException e) {
      throw new Unusable("its events are unreadable: " + e.getMessage(), true);
    }
  }

  /**
   * Why this correction never took effect: it waited for a decision its events do not hold, was
   * rejected, or was decided by its own requester. Empty when it is in effect.
   */
  public Optional<String> notInEffect() {
    if (!approvalRequired) {
      return Optional.empty();
    }
    if (decision.isEmpty()) {
      return Optional.of("it changed a closed period, and no approval of it is given");
    }
    Decision d = decision.get();
    if (d.decidedBy().equals(requestedBy)) {
      return Optional.of(
          "it changed a closed period, and its own requester " + requestedBy + " decided it");
    }
    if (!d.approved()) {
      return Optional.of("it changed a closed period, and " + d.decidedBy() + " rejected it");
    }
    return Optional.empty();
  }

  /**
   * The global index of the event that put it in effect: its approval when it waited for one, else
   * its request.
   *
   * @throws IllegalStateException if it is {@linkplain #notInEffect() not in effect}
   */
  public long tookEffectAt() {
    if (notInEffect().isPresent()) {
      throw new IllegalStateException("correction " + correctionId + " is not in effect");
    }
    return decision.filter(d -> approvalRequired).map(Decision::globalIndex).orElse(requestIndex);
  }

  /**
   * The stored value of the reading it replaces, if {@code readings}, those of the batch it names,
   * still hold that reading with that value; empty too for a correction of a whole batch.
   */
  public Optional<BigDecimal> original(List<EvidenceBundle.Reading> readings) {
    if (reading.isEmpty()) {
      return Optional.empty();
    }
    Replaced replaced = reading.get();
    return readings.stream()
        .filter(replaced::isKeyOf)
        .map(r -> DecimalText.parse(r.value()))
        .filter(v -> v.compareTo(replaced.value()) == 0)
        .findFirst();
  }

  /** Why {@link #original} finds nothing in batch {@link #batchId()}: the reading is not there. */
  public String notInBatch() {
    return "the reading it replaces ("
        + reading.map(Replaced::describe).orElse("none")
        + ") is not in batch "
        + batchId
        + " as recorded";
  }

  /**
   * Whether it decides how {@code r}, a reading of batch {@code batchId}, counts: it names that
   * batch, and the reading when it names one.
   */
  public boolean concerns(long batchId, EvidenceBundle.Reading r) {
    return this.batchId == batchId && reading.map(named -> named.isKeyOf(r)).orElse(true);
  }

  /**
   * The corrections a period's cause names, as {@code correction <id> by <user>: <reason>}, in its
   * order.
   */
  public static List<Long> namedBy(String cause) {
    List<Long> ids = new ArrayList<>();
    Matcher m = NAMED.matcher(cause);
    while (m.find()) {
      ids.add(Long.parseLong(m.group(1)));
    }
    return ids;
  }

  private static StrictJson.Node payload(EvidenceBundle.Event event) throws StrictJson.Malformed {
    return StrictJson.object(Base64.getDecoder().decode(event.payload()));
  }

  private static Optional<EvidenceBundle.Event> once(
      Optional<EvidenceBundle.Event> held, EvidenceBundle.Event next, String what) throws Unusable {
    if (held.isPresent()) {
      throw new Unusable(
          "events " + held.get().globalIndex() + " and " + next.globalIndex() + " are both " + what,
          false);
    }
    return Optional.of(next);
  }
}
