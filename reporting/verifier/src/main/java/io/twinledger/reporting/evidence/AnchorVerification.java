package io.twinledger.reporting.evidence;

import com.google.protobuf.InvalidProtocolBufferException;
import io.twinledger.ledger.peer.block.EndorserTransaction;
import io.twinledger.ledger.peer.identity.Organizations;
import io.twinledger.network.Consortium;
import io.twinledger.network.policy.EndorsementPolicy;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;

/**
 * Checks where a bundle's checkpoint was anchored, as a Fabric peer would have validated it.
 *
 * <ul>
 *   <li>{@code block N}: the block's data hash is the hash of its transactions, and the headers
 *       link it back to block 0, or to a block the verifier trusts, by their previous-header hashes
 *       ({@link HeaderChain}).
 *   <li>{@code transaction ID}: it checks out as an {@link EndorsedTransaction} of the audit-anchor
 *       contract on the bundle's channel (valid in the block, creator and endorsements verified
 *       against the members' CAs, the contract's endorsement policy satisfied), and its write set
 *       records exactly this checkpoint ({@code checkpoint~<log>~<size>}: log, size, root,
 *       signature, signer's organisation).
 * </ul>
 */
final class AnchorVerification {

  private static final String CONTRACT = EvidenceVerifier.ANCHOR_CONTRACT;

  private final Consortium consortium;

  AnchorVerification(Consortium consortium) {
    this.consortium = consortium;
  }

  List<Finding> verify(AnchoredCheckpoint bundle, Optional<TrustedBlock> trusted) {
    EvidenceBundle.Anchor anchor = bundle.anchor();
    String blockItem = "block " + anchor.blockNumber();
    String txItem = "transaction " + anchor.txId();
    Block block;
    try {
      block = Block.parseFrom(Base64Text.decode(anchor.block()));
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      return List.of(
          Finding.malformed(blockItem, "not a Fabric block: " + e.getMessage()),
          Finding.failed(txItem, "no readable block to find it in"));
    }
    Map<String, X509Certificate> authorities = new LinkedHashMap<>();
    for (EvidenceBundle.OrgCertificate org : bundle.certificates()) {
      try {
        authorities.put(org.mspId(), Pem.certificate(org.caCertificate()));
      } catch (IllegalArgumentException e) {
        return List.of(
            chain(block, anchor, trusted),
            Finding.malformed(txItem, "the CA certificate of " + org.mspId() + " is unreadable"));
      }
    }
    return List.of(chain(block, anchor, trusted), transaction(block, bundle, authorities));
  }

  private static Finding chain(
      Block block, EvidenceBundle.Anchor anchor, Optional<TrustedBlock> trusted) {
    String item = "block " + anchor.blockNumber();
    return switch (HeaderChain.link(block, anchor, trusted)) {
      case HeaderChain.Linked linked -> Finding.ok(item, linked.said());
      case HeaderChain.Unlinked(boolean malformed, String reason) ->
          malformed ? Finding.malformed(item, reason) : Finding.failed(item, reason);
    };
  }

  private Finding transaction(
      Block block, AnchoredCheckpoint bundle, Map<String, X509Certificate> authorities) {
    EvidenceBundle.Anchor anchor = bundle.anchor();
    String item = "transaction " + anchor.txId();
    if (authorities.isEmpty()) {
      return Finding.failed(item, "the bundle holds no CA certificates");
    }
    try {
      EndorsedTransaction tx =
          EndorsedTransaction.check(
              block,
              anchor.txId(),
              anchor.channel(),
              CONTRACT,
              consortium,
              new Organizations(authorities));
      return recordsCheckpoint(tx, bundle.checkpoint())
          .map(reason -> Finding.failed(item, reason))
          .orElseGet(() -> Finding.ok(item, summary(tx.tx(), block, bundle)));
    } catch (EndorsedTransaction.Refused e) {
      return Finding.failed(item, e.getMessage());
    }
  }

  private static Optional<String> recordsCheckpoint(
      EndorsedTransaction tx, EvidenceBundle.SignedCheckpoint cp) {
    String key = "checkpoint~" + cp.logId() + "~" + String.format("%020d", cp.treeSize());
    StrictJson.Node value;
    try {
      value = StrictJson.object(tx.written(key));
    } catch (EndorsedTransaction.Refused e) {
      return Optional.of(e.getMessage());
    } catch (StrictJson.Malformed e) {
      return Optional.of("its value of " + key + " is not JSON");
    }
    List<String> differences = new ArrayList<>();
    compare(differences, "logId", cp.logId(), value.scalarOr("logId", ""));
    compare(differences, "treeSize", "" + cp.treeSize(), value.scalarOr("treeSize", ""));
    compare(differences, "root", cp.root(), value.scalarOr("root", ""));
    compare(differences, "timestamp", cp.timestamp(), value.scalarOr("timestamp", ""));
    compare(differences, "signature", cp.signature(), value.scalarOr("signature", ""));
    compare(differences, "signerMsp", cp.signerMsp(), value.scalarOr("signerMsp", ""));
    return differences.isEmpty()
        ? Optional.empty()
        : Optional.of(
            "records another checkpoint under " + key + " — " + String.join("; ", differences));
  }

  private static void compare(List<String> differences, String field, String ours, String theirs) {
    if (!ours.equals(theirs)) {
      differences.add(field + " " + theirs + " on the ledger, " + ours + " in the bundle");
    }
  }

  private String summary(EndorserTransaction tx, Block block, AnchoredCheckpoint bundle) {
    EvidenceBundle.SignedCheckpoint cp = bundle.checkpoint();
    String policy =
        consortium
            .endorsementPolicy(bundle.anchor().channel(), CONTRACT)
            .map(EndorsementPolicy::signaturePolicy)
            .orElse("");
    return "VALID in block "
        + block.getHeader().getNumber()
        + " on "
        + bundle.anchor().channel()
        + "; records "
        + cp.logId()
        + "@"
        + cp.treeSize()
        + " under "
        + tx.chaincodeName()
        + "; creator and endorsements verified, "
        + policy
        + " satisfied";
  }
}
