package io.twinledger.reporting.evidence;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows a correction from the original reading to the revised period: the correction's request
 * names a batch of the bundle and, for one reading, that reading with the value it replaces, which
 * must still be in the batch (nothing is deleted); a correction that needed a second person carries
 * that person's approval; and the period's cause names only corrections the bundle holds. Whether
 * each event is in the log is checked with the other events.
 */
final class CorrectionChain {

  private static final String REQUESTED = "CorrectionRequested";
  private static final String DECIDED = "CorrectionDecided";
  private static final Pattern NAMED = Pattern.compile("correction (\\d+) by ");

  private CorrectionChain() {}

  /**
   * @param digests the recomputed digest of each batch of the bundle, by batch id
   */
  static Finding check(
      EvidenceBundle.Correction correction, EvidenceBundle bundle, Map<Long, String> digests) {
    String item = "correction " + correction.correctionId();
    Optional<StrictJson.Node> request = Optional.empty();
    Optional<StrictJson.Node> decision = Optional.empty();
    try {
      for (EvidenceBundle.Event e : correction.events()) {
        if (!e.aggregateIdentifier().equals("correction:" + correction.correctionId())) {
          return Finding.failed(
              item, "event " + e.globalIndex() + " belongs to " + e.aggregateIdentifier());
        }
        StrictJson.Node payload = StrictJson.object(Base64.getDecoder().decode(e.payload()));
        if (e.payloadType().endsWith("." + REQUESTED)) {
          request = Optional.of(payload);
        } else if (e.payloadType().endsWith("." + DECIDED)) {
          decision = Optional.of(payload);
        }
      }
      if (request.isEmpty()) {
        return Finding.failed(item, "the bundle holds no " + REQUESTED + " event for it");
      }
      StrictJson.Node r = request.get();
      if (r.integer("correctionId") != correction.correctionId()) {
        return Finding.failed(item, "its request records correction " + r.integer("correctionId"));
      }
      StrictJson.Node target = r.object("target");
      String batchDigest = target.string("batchDigest");
      long batchId = target.integer("batchId");
      if (!batchDigest.equals(digests.get(batchId))) {
        return Finding.failed(
            item,
            "it names batch "
                + batchId
                + " with digest "
                + batchDigest
                + ", which is not a batch of the bundle with that digest");
      }
      String action = r.string("action");
      StringBuilder chain = new StringBuilder(action).append(" of ");
      Optional<StrictJson.Node> reading = target.optionalObject("reading");
      if (reading.isPresent()) {
        Optional<String> original = original(bundle, batchId, reading.get());
        if (original.isEmpty()) {
          return Finding.failed(
              item,
              "the reading it replaces ("
                  + reading.get().string("sensorId")
                  + " at "
                  + reading.get().scalarOr("observedAt", "?")
                  + " with value "
                  + reading.get().scalarOr("value", "?")
                  + ") is not in batch "
                  + batchId
                  + " as recorded");
        }
        chain
            .append("reading ")
            .append(reading.get().string("sensorId"))
            .append(" at ")
            .append(EvidenceVerifier.instant(reading.get().scalarOr("observedAt", "")))
            .append(" in batch ")
            .append(batchId)
            .append(" (original ")
            .append(original.get())
            .append(", still in the batch)");
      } else {
        chain.append("batch ").append(batchId);
        if (r.has("quarantineId")) {
          chain
              .append(" (quarantine entry ")
              .append(r.scalarOr("quarantineId", "?"))
              .append(" fixed)");
        }
      }
      if (r.has("value")) {
        chain.append(" to ").append(EvidenceVerifier.decimal(r.scalarOr("value", "")));
      }
      chain.append(" by ").append(r.string("requestedBy")).append(": ").append(r.string("reason"));
      if (Boolean.parseBoolean(r.scalarOr("approvalRequired", "false"))) {
        if (decision.isEmpty()
            || !Boolean.parseBoolean(decision.get().scalarOr("approved", "false"))) {
          return Finding.failed(
              item, "it changed a closed period, and the bundle holds no approval of it");
        }
        chain.append("; approved by ").append(decision.get().string("decidedBy"));
      }
      chain
          .append(" → revision ")
          .append(bundle.period().revision())
          .append(
              named(bundle).contains(correction.correctionId())
                  ? ", whose cause names it"
                  : ", in effect since an earlier revision");
      return Finding.ok(item, chain.toString());
    } catch (StrictJson.Malformed | IllegalArgumentException e) {
      return Finding.malformed(item, "its events are unreadable: " + e.getMessage());
    }
  }

  /**
   * A failure when the period's cause names a correction the bundle lacks; empty when it names none
   * or all are there.
   */
  static Optional<Finding> unbundled(EvidenceBundle bundle) {
    TreeSet<Long> missing = new TreeSet<>(named(bundle));
    bundle.corrections().forEach(c -> missing.remove(c.correctionId()));
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Finding.failed(
            "revision " + bundle.period().revision() + " cause",
            "names corrections " + missing + ", which the bundle does not hold"));
  }

  /**
   * The digests of the batches the bundle's corrections name, read leniently: a correction whose
   * request cannot be read names none, and its own finding says why.
   */
  static Set<String> namedBatches(EvidenceBundle bundle) {
    Set<String> digests = new HashSet<>();
    for (EvidenceBundle.Correction correction : bundle.corrections()) {
      for (EvidenceBundle.Event e : correction.events()) {
        if (!e.payloadType().endsWith("." + REQUESTED)) {
          continue;
        }
        try {
          StrictJson.Node payload = StrictJson.object(Base64.getDecoder().decode(e.payload()));
          digests.add(payload.object("target").string("batchDigest"));
        } catch (StrictJson.Malformed | IllegalArgumentException unreadable) {
          // Reported by check().
        }
      }
    }
    return digests;
  }

  /** The correction numbers the period event's cause names. */
  private static List<Long> named(EvidenceBundle bundle) {
    List<Long> ids = new ArrayList<>();
    if (bundle.event().isEmpty()) {
      return ids;
    }
    try {
      String cause =
          StrictJson.object(Base64.getDecoder().decode(bundle.event().get().payload()))
              .stringOr("cause", "");
      Matcher m = NAMED.matcher(cause);
      while (m.find()) {
        ids.add(Long.parseLong(m.group(1)));
      }
    } catch (StrictJson.Malformed | IllegalArgumentException e) {
      // The period finding reports an unreadable event.
    }
    return ids;
  }

  /** The stored value of the reading the correction names, if the batch still holds it as named. */
  private static Optional<String> original(
      EvidenceBundle bundle, long batchId, StrictJson.Node reading) {
    String source = reading.stringOr("source", "");
    String sensor = reading.stringOr("sensorId", "");
    String at = EvidenceVerifier.instant(reading.scalarOr("observedAt", ""));
    String value = EvidenceVerifier.decimal(reading.scalarOr("value", ""));
    return bundle.batches().stream()
        .filter(b -> b.batchId() == batchId)
        .flatMap(b -> b.readings().stream())
        .filter(
            r ->
                r.source().equals(source)
                    && r.sensorId().equals(sensor)
                    && EvidenceVerifier.instant(r.observedAt()).equals(at)
                    && EvidenceVerifier.decimal(r.value()).equals(value))
        .map(r -> EvidenceVerifier.decimal(r.value()))
        .findFirst();
  }
}
