package io.twinledger.reporting.evidence;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.twinledger.ledger.peer.block.BlockHashes;
import io.twinledger.ledger.peer.block.EndorserTransaction;
import io.twinledger.ledger.peer.identity.Organizations;
import io.twinledger.network.Consortium;
import io.twinledger.network.policy.EndorsementPolicy;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;

/**
 * Checks where a bundle's checkpoint was anchored, as a Fabric peer would have validated it.
 *
 * <ul>
 *   <li>{@code block N}: the block's data hash is the hash of its transactions, and the headers
 *       link it back to block 0 by their previous-header hashes (Fabric's DER header hash).
 *   <li>{@code transaction ID}: it checks out as an {@link EndorsedTransaction} of the audit-anchor
 *       contract on the bundle's channel (valid in the block, creator and endorsements verified
 *       against the members' CAs, the contract's endorsement policy satisfied), and its write set
 *       records exactly this checkpoint ({@code checkpoint~<log>~<size>}: log, size, root,
 *       signature, signer's organisation).
 * </ul>
 */
final class AnchorVerification {

  private static final String CONTRACT = EvidenceVerifier.ANCHOR_CONTRACT;

  private static final HexFormat HEX = HexFormat.of();

  private final Consortium consortium;

  AnchorVerification(Consortium consortium) {
    this.consortium = consortium;
  }

  List<Finding> verify(AnchoredCheckpoint bundle) {
    EvidenceBundle.Anchor anchor = bundle.anchor();
    String blockItem = "block " + anchor.blockNumber();
    String txItem = "transaction " + anchor.txId();
    Block block;
    try {
      block = Block.parseFrom(Base64.getDecoder().decode(anchor.block()));
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
            chain(block, anchor),
            Finding.malformed(txItem, "the CA certificate of " + org.mspId() + " is unreadable"));
      }
    }
    return List.of(chain(block, anchor), transaction(block, bundle, authorities));
  }

  /** The CA certificate of {@code mspId} in the bundle, when it holds a readable one. */
  static Optional<X509Certificate> caOf(AnchoredCheckpoint bundle, String mspId) {
    return bundle.certificates().stream()
        .filter(c -> c.mspId().equals(mspId))
        .findFirst()
        .flatMap(
            c -> {
              try {
                return Optional.of(Pem.certificate(c.caCertificate()));
              } catch (IllegalArgumentException e) {
                return Optional.empty();
              }
            });
  }

  private static Finding chain(Block block, EvidenceBundle.Anchor anchor) {
    String item = "block " + anchor.blockNumber();
    BlockHeader header = block.getHeader();
    if (header.getNumber() != anchor.blockNumber()) {
      return Finding.failed(item, "the bundle's block is block " + header.getNumber());
    }
    if (!BlockHashes.dataHash(block.getData()).equals(header.getDataHash())) {
      return Finding.failed(
          item, "data hash mismatch — its transactions do not hash to the header's data hash");
    }
    List<EvidenceBundle.BlockHeader> headers = anchor.headers();
    if (headers.size() != anchor.blockNumber()) {
      return Finding.failed(
          item,
          "the bundle holds "
              + headers.size()
              + " headers, not the "
              + anchor.blockNumber()
              + " of blocks 0 to "
              + (anchor.blockNumber() - 1));
    }
    List<BlockHeader> chain = new ArrayList<>();
    try {
      for (EvidenceBundle.BlockHeader h : headers) {
        chain.add(
            BlockHeader.newBuilder()
                .setNumber(h.number())
                .setPreviousHash(ByteString.copyFrom(HEX.parseHex(h.previousHash())))
                .setDataHash(ByteString.copyFrom(HEX.parseHex(h.dataHash())))
                .build());
      }
    } catch (IllegalArgumentException e) {
      return Finding.malformed(item, "a block header holds a value that is not hex");
    }
    chain.add(header);
    for (int i = 0; i < chain.size(); i++) {
      if (chain.get(i).getNumber() != i) {
        return Finding.failed(
            item, "header " + i + " of the chain is numbered " + chain.get(i).getNumber());
      }
      if (i > 0
          && !chain.get(i).getPreviousHash().equals(BlockHashes.headerHash(chain.get(i - 1)))) {
        return Finding.failed(
            item,
            "broken chain — block "
                + i
                + "'s previous hash is not the hash of block "
                + (i - 1)
                + "'s header");
      }
    }
    return Finding.ok(
        item,
        "data hash ok; header chain links back to block 0 (header hash "
            + HEX.formatHex(BlockHashes.headerHash(chain.getFirst()).toByteArray())
            + ")");
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
