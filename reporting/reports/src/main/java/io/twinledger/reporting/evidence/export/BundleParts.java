package io.twinledger.reporting.evidence.export;

import com.google.protobuf.ByteString;
import io.twinledger.ledger.audit.AnchorReceipt;
import io.twinledger.ledger.audit.SignedCheckpoint;
import io.twinledger.ledger.store.StoredEvent;
import io.twinledger.network.channel.Channel;
import io.twinledger.network.msp.OrgMsp;
import io.twinledger.reporting.evidence.AnchoredCheckpoint;
import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.reporting.evidence.EvidenceVerifier;
import io.twinledger.reporting.evidence.Pem;
import io.twinledger.twin.reading.AssessedReading;
import io.twinledger.twin.reading.QualityFlag;
import io.twinledger.twin.reading.Reading;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;

/**
 * The parts evidence and report bundles share, built from what the stores hold now: stored events
 * and readings as bundles carry them, and the anchored checkpoint with its block, headers and the
 * channel members' CA certificates.
 */
public final class BundleParts {

  private static final HexFormat HEX = HexFormat.of();

  private BundleParts() {}

  /** The anchored checkpoint as bundles carry it, with the headers from block 0. */
  public static AnchoredCheckpoint anchored(AnchoringLedger anchoring, SignedCheckpoint signed) {
    return anchored(anchoring, signed, 0);
  }

  /**
   * The anchored checkpoint as bundles carry it, with the headers from block {@code from} on: a
   * verifier that trusts block {@code from - 1} links the chain to it.
   */
  public static AnchoredCheckpoint anchored(
      AnchoringLedger anchoring, SignedCheckpoint signed, long from) {
    return new AnchoredCheckpoint(
        checkpoint(anchoring, signed), anchor(anchoring, signed, from), certificates(anchoring));
  }

  /** A stored event as bundles carry it, with its leaf. */
  public static EvidenceBundle.Event event(StoredEvent event, EvidenceBundle.Leaf leaf) {
    return new EvidenceBundle.Event(
        event.globalIndex(),
        event.eventIdentifier(),
        event.aggregateType().orElse(""),
        event.aggregateIdentifier(),
        event.sequenceNumber(),
        event.payloadType(),
        event.timestamp(),
        Base64.getEncoder().encodeToString(event.payload()),
        Base64.getEncoder().encodeToString(event.metaData().orElse(new byte[0])),
        leaf);
  }

  /** A stored reading as bundles carry it. */
  public static EvidenceBundle.Reading reading(AssessedReading assessed) {
    Reading r = assessed.reading();
    return new EvidenceBundle.Reading(
        r.source(),
        r.sensorId(),
        r.assetId(),
        r.kpiId(),
        r.observedAt().toString(),
        r.value().toPlainString(),
        r.unit(),
        r.originalValue().toPlainString(),
        r.originalUnit(),
        assessed.flags().stream().map(QualityFlag::name).sorted().toList());
  }

  /** The signed checkpoint as bundles carry it. */
  public static EvidenceBundle.SignedCheckpoint checkpoint(
      AnchoringLedger anchoring, SignedCheckpoint signed) {
    var c = signed.checkpoint();
    return new EvidenceBundle.SignedCheckpoint(
        c.logId(),
        c.treeSize(),
        c.root().hex(),
        c.timestamp().toString(),
        Base64.getEncoder().encodeToString(signed.signature()),
        signerMsp(anchoring, signed),
        Pem.of(signed.certificate()));
  }

  /** The organisation whose CA issued the signer's certificate. */
  private static String signerMsp(AnchoringLedger anchoring, SignedCheckpoint signed) {
    return anchoring.members().stream()
        .filter(
            org ->
                org.caCertificate()
                    .getSubjectX500Principal()
                    .equals(signed.certificate().getIssuerX500Principal()))
        .map(OrgMsp::mspId)
        .findFirst()
        .orElseThrow(
            () ->
                new EvidenceUnavailableException(
                    "the checkpoint signer "
                        + signed.signer()
                        + " is not an identity of a channel member"));
  }

  /** Where the checkpoint was anchored: its block and the headers before it. */
  public static EvidenceBundle.Anchor anchor(AnchoringLedger anchoring, SignedCheckpoint signed) {
    return anchor(anchoring, signed, 0);
  }

  private static EvidenceBundle.Anchor anchor(
      AnchoringLedger anchoring, SignedCheckpoint signed, long from) {
    AnchorReceipt receipt = signed.anchor().orElseThrow();
    Block block = block(anchoring, receipt.blockNumber());
    List<EvidenceBundle.BlockHeader> headers = new ArrayList<>();
    for (long n = Math.min(from, receipt.blockNumber()); n < receipt.blockNumber(); n++) {
      var header = block(anchoring, n).getHeader();
      headers.add(
          new EvidenceBundle.BlockHeader(
              header.getNumber(), hex(header.getPreviousHash()), hex(header.getDataHash())));
    }
    Channel channel = anchoring.channel();
    return new EvidenceBundle.Anchor(
        channel.name(),
        channel
            .chaincodeHosting(EvidenceVerifier.ANCHOR_CONTRACT)
            .orElseThrow(
                () -> new EvidenceUnavailableException("no audit-anchor chaincode on the channel"))
            .name(),
        receipt.txId(),
        receipt.blockNumber(),
        Base64.getEncoder().encodeToString(block.toByteArray()),
        headers);
  }

  /** Block {@code number} of the ledger. */
  public static Block block(AnchoringLedger anchoring, long number) {
    return anchoring
        .blocks()
        .block(number)
        .orElseThrow(() -> new EvidenceUnavailableException("the peer holds no block " + number));
  }

  /** The channel members' CA certificates. */
  public static List<EvidenceBundle.OrgCertificate> certificates(AnchoringLedger anchoring) {
    return anchoring.members().stream()
        .map(org -> new EvidenceBundle.OrgCertificate(org.mspId(), Pem.of(org.caCertificate())))
        .toList();
  }

  private static String hex(ByteString bytes) {
    return HEX.formatHex(bytes.toByteArray());
  }
}
