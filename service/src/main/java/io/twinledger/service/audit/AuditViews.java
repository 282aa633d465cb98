package io.twinledger.service.audit;

import io.twinledger.contracts.merkle.ConsistencyProof;
import io.twinledger.contracts.merkle.InclusionProof;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.ledger.audit.AnchorReceipt;
import io.twinledger.ledger.audit.Defect;
import io.twinledger.ledger.audit.IntegrityReport;
import io.twinledger.ledger.audit.LeafScan;
import io.twinledger.ledger.audit.LogWatch;
import io.twinledger.ledger.audit.SignedCheckpoint;
import io.twinledger.ledger.audit.StoredLeaf;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The audit API's JSON documents. Hashes are lower-case hex. The proof documents are the shape the
 * {@code verify-proof} command reads.
 */
final class AuditViews {

  private AuditViews() {}

  /**
   * The integrity alarm: {@code state} none, open or acknowledged; the other fields are null when
   * none was raised.
   */
  record Alarm(
      String state,
      String logId,
      String defect,
      Integer defects,
      String raisedAt,
      String acknowledgedBy,
      String acknowledgedAt) {

    static Alarm of(Optional<LogWatch.Alarm> alarm) {
      if (alarm.isEmpty()) {
        return new Alarm("none", null, null, null, null, null, null);
      }
      LogWatch.Alarm a = alarm.get();
      return new Alarm(
          a.open() ? "open" : "acknowledged",
          a.logId(),
          a.defect(),
          a.defects(),
          a.raisedAt().toString(),
          a.acknowledged().map(LogWatch.Acknowledgement::by).orElse(null),
          a.acknowledged().map(k -> k.at().toString()).orElse(null));
    }
  }

  /**
   * A leaf: where it is, its hash, its canonical data (hex) and that data decoded, its digests in
   * hex ({@link AuditConfiguration#sha256AsHex}).
   */
  record Leaf(
      String logId,
      long leafIndex,
      String kind,
      long reference,
      String leafHash,
      String data,
      Object fields) {

    static Leaf of(String logId, StoredLeaf stored) {
      return new Leaf(
          logId,
          stored.index(),
          stored.leaf().kind().label(),
          stored.leaf().reference(),
          stored.hash().hex(),
          HexFormat.of().formatHex(stored.leaf().data()),
          stored.leaf());
    }
  }

  /** {@code {"type":"inclusion","leafIndex":n,"treeSize":n,"leafHash":…,"path":[…],"root":…}}. */
  record Inclusion(
      String type, long leafIndex, long treeSize, String leafHash, List<String> path, String root) {

    static Inclusion of(InclusionProof proof, Sha256 leafHash, Sha256 root) {
      return new Inclusion(
          "inclusion",
          proof.leafIndex(),
          proof.treeSize(),
          leafHash.hex(),
          hex(proof.path()),
          root.hex());
    }
  }

  /** {@code {"type":"consistency","size1":n,"size2":n,"root1":…,"root2":…,"path":[…]}}. */
  record Consistency(
      String type, long size1, long size2, String root1, String root2, List<String> path) {

    static Consistency of(ConsistencyProof proof, Sha256 root1, Sha256 root2) {
      return new Consistency(
          "consistency", proof.size1(), proof.size2(), root1.hex(), root2.hex(), hex(proof.path()));
    }
  }

  /**
   * A signed checkpoint: the checkpoint, the signed text, the signature and certificate (base64
   * DER), and where it was anchored; {@code anchor} is null until it is.
   */
  record Checkpoint(
      String logId,
      long treeSize,
      String root,
      String timestamp,
      String signedContent,
      String signer,
      String signatureAlgorithm,
      String signature,
      String certificate,
      Anchor anchor) {

    static Checkpoint of(SignedCheckpoint signed) {
      var c = signed.checkpoint();
      try {
        return new Checkpoint(
            c.logId(),
            c.treeSize(),
            c.root().hex(),
            c.timestamp().toString(),
            new String(c.signedContent(), java.nio.charset.StandardCharsets.UTF_8),
            signed.signer(),
            SignedCheckpoint.ALGORITHM,
            Base64.getEncoder().encodeToString(signed.signature()),
            Base64.getEncoder().encodeToString(signed.certificate().getEncoded()),
            signed.anchor().map(Anchor::of).orElse(null));
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException("a stored certificate does not encode", e);
      }
    }
  }

  /** The ledger transaction and block that recorded a checkpoint. */
  record Anchor(String txId, long blockNumber) {
    static Anchor of(AnchorReceipt receipt) {
      return new Anchor(receipt.txId(), receipt.blockNumber());
    }
  }

  /** An integrity check's outcome, each defect with its kind and description. */
  record Integrity(
      String logId,
      long treeSize,
      boolean intact,
      long leavesChecked,
      long nodesChecked,
      int checkpointsChecked,
      List<Problem> defects,
      List<Records> records) {

    static Integrity of(IntegrityReport report, List<LeafScan.Progress> scan) {
      List<Records> records = scan.stream().map(Records::of).toList();
      return new Integrity(
          report.logId(),
          report.treeSize(),
          report.intact() && records.stream().allMatch(r -> r.firstMismatch() == null),
          report.leavesChecked(),
          report.nodesChecked(),
          report.checkpointsChecked(),
          report.defects().stream().map(Problem::of).toList(),
          records);
    }
  }

  /**
   * The background re-derivation of one kind of record: records compared, passes completed, when
   * the latest completed, and the first record whose rebuilt leaf differs from the log's (null when
   * none).
   */
  record Records(String kind, long checked, long passes, String lastPassAt, String firstMismatch) {
    static Records of(LeafScan.Progress progress) {
      return new Records(
          progress.kind().label(),
          progress.checked(),
          progress.passes(),
          progress.lastPassAt().map(Object::toString).orElse(null),
          progress.firstMismatch().map(LeafScan.Mismatch::description).orElse(null));
    }
  }

  /** One defect: its kind (the record's name) and description. */
  record Problem(String kind, String description) {
    static Problem of(Defect defect) {
      return new Problem(defect.getClass().getSimpleName(), defect.description());
    }
  }

  private static List<String> hex(List<Sha256> hashes) {
    return hashes.stream().map(Sha256::hex).toList();
  }
}
