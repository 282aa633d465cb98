package io.twinledger.reporting.evidence;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Follows a correction from the original reading to the revised period, as {@link
 * RecordedCorrection} reads it: the correction's request names a batch of the bundle and, for one
 * reading, that reading with the value it replaces, which must still be in the batch (nothing is
 * deleted); a correction that needed a second person carries that person's approval; and the
 * period's cause names only corrections the bundle holds. Whether each event is in the log is
 * checked with the other events.
 */
final class CorrectionChain {

  private CorrectionChain() {}

  /**
   * @param digests the recomputed digest of each batch of the bundle, by batch id
   */
  static Finding check(
      EvidenceBundle.Correction correction, EvidenceBundle bundle, Map<Long, String> digests) {
    String item = "correction " + correction.correctionId();
    RecordedCorrection c;
    try {
      c = RecordedCorrection.read(correction.correctionId(), correction.events());
    } catch (RecordedCorrection.Unusable e) {
      return e.malformed()
          ? Finding.malformed(item, e.getMessage())
          : Finding.failed(item, e.getMessage());
    }
    if (!c.batchDigest().equals(digests.get(c.batchId()))) {
      return Finding.failed(
          item,
          "it names batch "
              + c.batchId()
              + " with digest "
              + c.batchDigest()
              + ", which is not a batch of the bundle with that digest");
    }
    StringBuilder chain = new StringBuilder(c.action().name()).append(" of ");
    if (c.reading().isPresent()) {
      List<EvidenceBundle.Reading> batch =
          bundle.batches().stream()
              .filter(b -> b.batchId() == c.batchId())
              .flatMap(b -> b.readings().stream())
              .toList();
      Optional<BigDecimal> original = c.original(batch);
      if (original.isEmpty()) {
        return Finding.failed(item, c.notInBatch());
      }
      chain
          .append("reading ")
          .append(c.reading().get().sensorId())
          .append(" at ")
          .append(c.reading().get().observedAt())
          .append(" in batch ")
          .append(c.batchId())
          .append(" (original ")
          .append(plain(original.get()))
          .append(", still in the batch)");
    } else {
      chain.append("batch ").append(c.batchId());
      c.quarantineId()
          .ifPresent(q -> chain.append(" (quarantine entry ").append(q).append(" fixed)"));
    }
    c.value().ifPresent(v -> chain.append(" to ").append(plain(v)));
    chain.append(" by ").append(c.requestedBy()).append(": ").append(c.reason());
    Optional<String> notInEffect = c.notInEffect();
    if (notInEffect.isPresent()) {
      return Finding.failed(item, notInEffect.get());
    }
    c.decision()
        .filter(d -> c.approvalRequired())
        .ifPresent(d -> chain.append("; approved by ").append(d.decidedBy()));
    chain
        .append(" → revision ")
        .append(bundle.period().revision())
        .append(
            named(bundle).contains(correction.correctionId())
                ? ", whose cause names it"
                : ", in effect since an earlier revision");
    return Finding.ok(item, chain.toString());
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
   * The digests of the batches the bundle's corrections name; a correction whose events cannot be
   * read names none, and its own finding says why.
   */
  static Set<String> namedBatches(EvidenceBundle bundle) {
    Set<String> digests = new HashSet<>();
    for (EvidenceBundle.Correction correction : bundle.corrections()) {
      try {
        digests.add(
            RecordedCorrection.read(correction.correctionId(), correction.events()).batchDigest());
      } catch (RecordedCorrection.Unusable unreadable) {
        // Reported by check().
      }
    }
    return digests;
  }

  /** The correction numbers the period event's cause names. */
  private static List<Long> named(EvidenceBundle bundle) {
    if (bundle.event().isEmpty()) {
      return List.of();
    }
    try {
      return RecordedCorrection.namedBy(
          StrictJson.object(Base64.getDecoder().decode(bundle.event().get().payload()))
              .stringOr("cause", ""));
    } catch (StrictJson.Malformed | IllegalArgumentException e) {
      // The period finding reports an unreadable event.
      return List.of();
    }
  }

  private static String plain(BigDecimal value) {
    return EvidenceVerifier.decimal(value.toPlainString());
  }
}
