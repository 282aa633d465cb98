package io.twinledger.reporting.evidence;

import io.twinledger.contracts.merkle.Checkpoint;
import io.twinledger.contracts.merkle.InclusionProof;
import io.twinledger.contracts.merkle.ProofCheck;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.contracts.merkle.TreeHash;
import io.twinledger.ledger.audit.AuditLeaf;
import io.twinledger.ledger.audit.DomainEventLeaf;
import io.twinledger.ledger.audit.ReadingBatchLeaf;
import io.twinledger.network.Consortium;
import io.twinledger.twin.reading.AssessedReading;
import io.twinledger.twin.reading.DecimalText;
import io.twinledger.twin.reading.ReadingBatch;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Checks an {@link EvidenceBundle} on its own: no database, no network, no Spring. Every digest,
 * leaf and hash is recomputed from the data in the bundle; nothing the bundle states about itself
 * is taken on trust except the channel members' CA certificates, and the channel's endorsement
 * policy, which comes from the consortium definition this verifier was built with.
 *
 * <p>Items, in order: each reading batch (digest of its readings, its leaf, the leaf's inclusion
 * proof); the {@code KpiPeriodClosed} event (digest of its stored payload, its leaf and proof); the
 * period (its figures and batch digests as the event recorded them); the checkpoint (signature,
 * signer certificate chained to its organisation's CA); then the anchoring ({@link
 * AnchorVerification}).
 */
public final class EvidenceVerifier {

  /** The contract whose writes record checkpoints. */
  public static final String ANCHOR_CONTRACT = "AuditAnchorContract";

  private static final HexFormat HEX = HexFormat.of();

  private final Supplier<Consortium> consortium;

  /**
   * @param consortium gives the consortium definition the channel's policies are taken from, when
   *     the anchoring is checked, so that a caller may still be reading it while the batches are
   *     checked
   */
  public EvidenceVerifier(Supplier<Consortium> consortium) {
    this.consortium = consortium;
  }

  /** Checks every item of the bundle. */
  public Verification verify(EvidenceBundle bundle) {
    // The signatures (checkpoint, creator, endorsements, certificate chains) need none of the
    // digests: they are checked on a second core while this one recomputes the batches.
    CompletableFuture<List<Finding>> signed =
        CompletableFuture.supplyAsync(() -> anchoring(bundle.anchored(), consortium.get()));
    List<Finding> findings = new ArrayList<>();
    EvidenceBundle.SignedCheckpoint cp = bundle.checkpoint();
    Optional<Sha256> root = hash(cp.root());
    String tree = cp.logId() + "@" + cp.treeSize();
    Map<Long, String> digests = new LinkedHashMap<>();
    for (EvidenceBundle.Batch batch : bundle.batches()) {
      findings.add(batch(batch, root, cp.treeSize(), tree, digests));
    }
    findings.add(event(bundle.event(), root, cp.treeSize(), tree));
    findings.add(period(bundle, digests));
    for (EvidenceBundle.Correction correction : bundle.corrections()) {
      for (EvidenceBundle.Event e : correction.events()) {
        findings.add(event(Optional.of(e), root, cp.treeSize(), tree));
      }
      findings.add(CorrectionChain.check(correction, bundle, digests));
    }
    CorrectionChain.unbundled(bundle).ifPresent(findings::add);
    findings.addAll(signed.join());
    return new Verification(findings);
  }

  private static Finding batch(
      EvidenceBundle.Batch batch,
      Optional<Sha256> root,
      long treeSize,
      String tree,
      Map<Long, String> digests) {
    Finding content = batchContent(batch, digests).finding();
    if (!content.passed()) {
      return content;
    }
    Optional<String> proof = proof(batch.leaf(), root, treeSize, tree);
    return proof
        .map(reason -> Finding.failed(content.item(), reason))
        .orElseGet(() -> content.and("; leaf " + batch.leaf().index() + " is in " + tree));
  }

  /**
   * A batch's readings checked against its leaf: the finding and, when it passed, the readings
   * parsed as twin-adapter holds them, in the bundle's order, so that whoever reads them next (a
   * report's {@code kpi-period} formula) need not parse them again.
   */
  public record CheckedBatch(Finding finding, Optional<List<AssessedReading>> readings) {

    public CheckedBatch {
      readings = readings.map(List::copyOf);
    }

    private static CheckedBatch refused(Finding finding) {
      return new CheckedBatch(finding, Optional.empty());
    }
  }

  /**
   * Checks a batch's readings against its leaf (digest, count, source), not the leaf's place in a
   * tree; puts the digest the leaf records under the batch id in {@code digests}.
   */
  public static CheckedBatch batchContent(EvidenceBundle.Batch batch, Map<Long, String> digests) {
    String item = "reading batch " + batch.batchId();
    Optional<ReadingBatch.Encoding> encoding = ReadingBatch.Encoding.ofTag(batch.encoding());
    if (encoding.isEmpty()) {
      return CheckedBatch.refused(
          Finding.malformed(item, "its encoding \"" + batch.encoding() + "\" is not known"));
    }
    List<AssessedReading> readings = new ArrayList<>(batch.readings().size());
    try {
      for (EvidenceBundle.Reading r : batch.readings()) {
        readings.add(r.assessed());
      }
    } catch (RuntimeException e) {
      return CheckedBatch.refused(
          Finding.malformed(item, "a reading is unreadable: " + e.getMessage()));
    }
    ReadingBatch recomputed;
    try {
      recomputed = ReadingBatch.of(encoding.get(), readings);
    } catch (IllegalArgumentException e) {
      return CheckedBatch.refused(Finding.failed(item, "not a batch: " + e.getMessage()));
    }
    Optional<AuditLeaf> decoded = leaf(batch.leaf());
    if (decoded.isEmpty()) {
      return CheckedBatch.refused(Finding.malformed(item, "its leaf data is not a leaf encoding"));
    }
    if (!(decoded.get() instanceof ReadingBatchLeaf leaf)) {
      return CheckedBatch.refused(
          Finding.failed(item, "its leaf records a " + decoded.get().kind().label()));
    }
    String digest = recomputed.digestHex();
    // The period names batches by the digest the log recorded; whether the readings still give
    // that digest is this item's verdict, not the period's.
    digests.put(batch.batchId(), leaf.digest().hex());
    if (leaf.batchId() != batch.batchId()) {
      return CheckedBatch.refused(Finding.failed(item, "its leaf records batch " + leaf.batchId()));
    }
    if (!leaf.digest().hex().equals(digest)) {
      return CheckedBatch.refused(
          Finding.failed(
              item,
              "digest mismatch — its "
                  + readings.size()
                  + " readings digest to "
                  + digest
                  + ", the audit log recorded "
                  + leaf.digest().hex()));
    }
    if (leaf.readingCount() != readings.size()) {
      return CheckedBatch.refused(
          Finding.failed(
              item,
              "reading count mismatch — "
                  + readings.size()
                  + " readings, the audit log recorded "
                  + leaf.readingCount()));
    }
    if (readings.stream().anyMatch(r -> !r.reading().source().equals(leaf.source()))) {
      return CheckedBatch.refused(
          Finding.failed(item, "a reading is not from the leaf's source " + leaf.source()));
    }
    return new CheckedBatch(
        Finding.ok(item, readings.size() + " readings digest to " + digest), Optional.of(readings));
  }

  private static Finding event(
      Optional<EvidenceBundle.Event> given, Optional<Sha256> root, long treeSize, String tree) {
    if (given.isEmpty()) {
      return Finding.failed("event", "the bundle holds no KpiPeriodClosed event for the period");
    }
    EvidenceBundle.Event e = given.get();
    Finding content = eventContent(e);
    if (!content.passed()) {
      return content;
    }
    Optional<String> proof = proof(e.leaf(), root, treeSize, tree);
    return proof
        .map(reason -> Finding.failed(content.item(), reason))
        .orElseGet(() -> content.and("; leaf " + e.leaf().index() + " is in " + tree));
  }

  /**
   * Checks a stored event's columns and payload against its leaf, not the leaf's place in a tree.
   */
  public static Finding eventContent(EvidenceBundle.Event e) {
    String item = "event " + e.globalIndex();
    DomainEventLeaf rebuilt;
    try {
      byte[] metaData = Base64Text.decode(e.metaData());
      rebuilt =
          DomainEventLeaf.of(
              e.globalIndex(),
              e.eventIdentifier(),
              e.aggregateType(),
              e.aggregateIdentifier(),
              e.sequenceNumber(),
              e.payloadType(),
              e.timestamp(),
              Base64Text.decode(e.payload()),
              metaData);
    } catch (IllegalArgumentException bad) {
      return Finding.malformed(item, bad.getMessage());
    }
    Optional<AuditLeaf> decoded = leaf(e.leaf());
    if (decoded.isEmpty()) {
      return Finding.malformed(item, "its leaf data is not a leaf encoding");
    }
    if (!(decoded.get() instanceof DomainEventLeaf recorded)) {
      return Finding.failed(item, "its leaf records a " + decoded.get().kind().label());
    }
    if (!recorded.payloadDigest().equals(rebuilt.payloadDigest())) {
      return Finding.failed(
          item,
          "payload digest mismatch — the stored payload digests to "
              + rebuilt.payloadDigest()
              + ", the audit log recorded "
              + recorded.payloadDigest());
    }
    if (!recorded.metaDataDigest().equals(rebuilt.metaDataDigest())) {
      return Finding.failed(item, "meta data digest mismatch");
    }
    if (!recorded.equals(rebuilt)) {
      return Finding.failed(
          item, "its columns differ from the leaf — stored " + rebuilt + ", recorded " + recorded);
    }
    return Finding.ok(
        item, simpleName(e.payloadType()) + " payload digests to " + rebuilt.payloadDigest());
  }

  private static Finding period(EvidenceBundle bundle, Map<Long, String> digests) {
    EvidenceBundle.Period p = bundle.period();
    String item =
        "period "
            + p.assetId()
            + " "
            + p.kpiId()
            + " "
            + p.periodKind()
            + " "
            + p.periodStart()
            + " revision "
            + p.revision();
    TreeSet<String> named = new TreeSet<>(p.batchDigests());
    TreeSet<String> held = new TreeSet<>(digests.values());
    TreeSet<String> missing = new TreeSet<>(named);
    missing.removeAll(held);
    TreeSet<String> extra = new TreeSet<>(held);
    extra.removeAll(named);
    // The batch of a voided reading is in the bundle for its correction, not for the period.
    extra.removeAll(CorrectionChain.namedBatches(bundle));
    if (!missing.isEmpty() || !extra.isEmpty()) {
      return Finding.failed(
          item,
          "its batch digests are not those of the bundle's batches — without a batch: "
              + missing
              + ", not named: "
              + extra);
    }
    if (bundle.event().isEmpty()) {
      return Finding.failed(item, "no recorded event to compare it with");
    }
    StrictJson.Node recorded;
    try {
      recorded = StrictJson.object(Base64.getDecoder().decode(bundle.event().get().payload()));
    } catch (StrictJson.Malformed | IllegalArgumentException e) {
      return Finding.failed(item, "the event's payload is not JSON");
    }
    List<String> differences = new ArrayList<>();
    same(differences, "assetId", p.assetId(), recorded.scalarOr("assetId", ""));
    same(differences, "kpiId", p.kpiId(), recorded.scalarOr("kpiId", ""));
    same(differences, "periodKind", p.periodKind(), recorded.scalarOr("periodKind", ""));
    same(differences, "revision", "" + p.revision(), recorded.scalarOr("revision", ""));
    same(differences, "unit", p.unit(), recorded.scalarOr("unit", ""));
    same(
        differences,
        "periodStart",
        instant(p.periodStart()),
        instant(recorded.scalarOr("periodStart", "")));
    same(
        differences,
        "value",
        p.value().map(EvidenceVerifier::decimal).orElse("none"),
        recorded.has("value") ? decimal(recorded.scalarOr("value", "")) : "none");
    List<String> eventDigests = recorded.stringsOrNone("batchDigests");
    same(differences, "batchDigests", named.toString(), new TreeSet<>(eventDigests).toString());
    if (!differences.isEmpty()) {
      return Finding.failed(
          item, "differs from the recorded event — " + String.join("; ", differences));
    }
    return Finding.ok(
        item,
        "value "
            + p.value().orElse("none")
            + " "
            + p.unit()
            + " from "
            + named.size()
            + (named.size() == 1 ? " batch" : " batches")
            + ", as the event recorded it");
  }

  /**
   * Checks a checkpoint and its anchoring: the operator's signature and certificate chain, the
   * anchoring block and its header chain, and the anchoring transaction against the channel's
   * endorsement policy in {@code consortium}.
   */
  public static List<Finding> anchoring(AnchoredCheckpoint anchored, Consortium consortium) {
    return anchoring(anchored, consortium, Optional.empty());
  }

  /**
   * Checks a checkpoint and its anchoring as {@link #anchoring(AnchoredCheckpoint, Consortium)}
   * does, the header chain linking back to {@code trusted} when given, else to block 0.
   */
  public static List<Finding> anchoring(
      AnchoredCheckpoint anchored, Consortium consortium, Optional<TrustedBlock> trusted) {
    List<Finding> checked = new ArrayList<>();
    checked.add(checkpoint(anchored));
    checked.addAll(new AnchorVerification(consortium).verify(anchored, trusted));
    return checked;
  }

  private static Finding checkpoint(AnchoredCheckpoint bundle) {
    EvidenceBundle.SignedCheckpoint cp = bundle.checkpoint();
    String item = "checkpoint " + cp.logId() + "@" + cp.treeSize();
    Checkpoint checkpoint;
    X509Certificate signer;
    byte[] signature;
    try {
      checkpoint =
          new Checkpoint(
              cp.logId(), cp.treeSize(), Sha256.fromHex(cp.root()), Instant.parse(cp.timestamp()));
      signer = Pem.certificate(cp.signerCertificate());
      signature = Base64Text.decode(cp.signature());
    } catch (RuntimeException e) {
      return Finding.malformed(item, e.getMessage());
    }
    if (!checkpoint.timestamp().toString().equals(cp.timestamp())) {
      return Finding.malformed(item, "timestamp is not ISO-8601 UTC to the millisecond");
    }
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(signer.getPublicKey());
      verifier.update(checkpoint.signedContent());
      if (!verifier.verify(signature)) {
        return Finding.failed(item, "signature does not verify with the signer's certificate");
      }
    } catch (GeneralSecurityException e) {
      return Finding.failed(item, "signature does not verify: " + e.getMessage());
    }
    Optional<X509Certificate> ca = bundle.caOf(cp.signerMsp());
    if (ca.isEmpty()) {
      return Finding.failed(item, "signature ok, but no CA certificate of " + cp.signerMsp());
    }
    try {
      if (!signer.getIssuerX500Principal().equals(ca.get().getSubjectX500Principal())) {
        throw new GeneralSecurityException("issued by " + signer.getIssuerX500Principal());
      }
      signer.verify(ca.get().getPublicKey());
      signer.checkValidity(Date.from(checkpoint.timestamp()));
    } catch (GeneralSecurityException e) {
      return Finding.failed(
          item,
          "signature ok, but the signer "
              + signer.getSubjectX500Principal().getName()
              + " does not chain to the CA of "
              + cp.signerMsp()
              + ": "
              + e.getMessage());
    }
    return Finding.ok(
        item,
        "signature ok; signer "
            + signer.getSubjectX500Principal().getName()
            + " chains to the CA of "
            + cp.signerMsp());
  }

  /** Why the leaf's inclusion proof fails against the checkpoint, if it does. */
  private static Optional<String> proof(
      EvidenceBundle.Leaf leaf, Optional<Sha256> root, long treeSize, String tree) {
    if (root.isEmpty()) {
      return Optional.of("the checkpoint's root is not a hash");
    }
    List<Sha256> path = new ArrayList<>();
    for (String node : leaf.proof()) {
      Optional<Sha256> hash = hash(node);
      if (hash.isEmpty()) {
        return Optional.of("its inclusion proof holds a value that is not a hash");
      }
      path.add(hash.get());
    }
    ProofCheck check;
    try {
      check =
          new InclusionProof(leaf.index(), treeSize, path)
              .verify(TreeHash.leaf(HEX.parseHex(leaf.data())), root.get());
    } catch (IllegalArgumentException e) {
      return Optional.of("its inclusion proof is unusable: " + e.getMessage());
    }
    return check instanceof ProofCheck.Invalid(String reason)
        ? Optional.of("leaf " + leaf.index() + " is not proven in " + tree + ": " + reason)
        : Optional.empty();
  }

  private static Optional<AuditLeaf> leaf(EvidenceBundle.Leaf leaf) {
    try {
      return Optional.of(AuditLeaf.decode(HEX.parseHex(leaf.data())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<Sha256> hash(String hex) {
    try {
      return Optional.of(Sha256.fromHex(hex));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static void same(List<String> differences, String field, String given, String recorded) {
    if (!given.equals(recorded)) {
      differences.add(field + " " + given + " here, " + recorded + " recorded");
    }
  }

  /** An instant in its canonical form, or the text as given when it is not one. */
  static String instant(String text) {
    try {
      return Instant.parse(text).toString();
    } catch (RuntimeException e) {
      return text;
    }
  }

  /** A decimal in plain form without trailing zeros, or the text as given when it is not one. */
  static String decimal(String text) {
    try {
      // Bounded: a bundle is untrusted input, and the period value comes from it.
      return DecimalText.parse(text).stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      return text;
    }
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
