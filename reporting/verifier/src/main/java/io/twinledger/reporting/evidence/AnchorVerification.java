package io.twinledger.reporting.evidence;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.twinledger.ledger.peer.block.BlockEvents;
import io.twinledger.ledger.peer.block.BlockHashes;
import io.twinledger.ledger.peer.block.EndorserTransaction;
import io.twinledger.ledger.peer.block.MalformedTransactionException;
import io.twinledger.ledger.peer.block.NamespaceSet;
import io.twinledger.ledger.peer.identity.Creator;
import io.twinledger.ledger.peer.identity.IdentityException;
import io.twinledger.ledger.peer.identity.Organizations;
import io.twinledger.ledger.peer.policy.PrincipalPolicy;
import io.twinledger.network.Consortium;
import io.twinledger.network.chaincode.ChaincodeDefinition;
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
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Checks where a bundle's checkpoint was anchored, as a Fabric peer would have validated it.
 *
 * <ul>
 *   <li>{@code block N}: the block's data hash is the hash of its transactions, and the headers
 *       link it back to block 0 by their previous-header hashes (Fabric's DER header hash).
 *   <li>{@code transaction ID}: it is in the block and marked {@code VALID} there; it is on the
 *       bundle's channel and signed by a creator whose certificate chains to a member's CA; it ran
 *       the chaincode that the consortium definition puts the audit-anchor contract in, and its
 *       write set records exactly this checkpoint ({@code checkpoint~<log>~<size>}: log, size,
 *       root, signature, signer's organisation); its endorsements are valid signatures by
 *       identities chained to member CAs and satisfy the contract's endorsement policy, whose
 *       principals are the organisations' peers ({@code AND('CityFinanceMSP.peer',...)}): an
 *       endorsement by a client or admin of the organisation does not count.
 * </ul>
 */
final class AnchorVerification {

  private static final String CONTRACT = EvidenceVerifier.ANCHOR_CONTRACT;

  private static final HexFormat HEX = HexFormat.of();

  private final Consortium consortium;

  AnchorVerification(Consortium consortium) {
    this.consortium = consortium;
  }

  List<Finding> verify(EvidenceBundle bundle) {
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
  static Optional<X509Certificate> caOf(EvidenceBundle bundle, String mspId) {
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
      Block block, EvidenceBundle bundle, Map<String, X509Certificate> authorities) {
    EvidenceBundle.Anchor anchor = bundle.anchor();
    String item = "transaction " + anchor.txId();
    byte[] codes = BlockEvents.validationCodes(block);
    for (int i = 0; i < block.getData().getDataCount(); i++) {
      EndorserTransaction tx;
      try {
        tx = EndorserTransaction.parse(block.getData().getData(i));
      } catch (MalformedTransactionException e) {
        continue;
      }
      if (!tx.txId().equals(anchor.txId())) {
        continue;
      }
      if (i >= codes.length || codes[i] != TxValidationCode.VALID_VALUE) {
        String code =
            i >= codes.length
                ? "no validation code"
                : String.valueOf(TxValidationCode.forNumber(codes[i] & 0xff));
        return Finding.failed(item, "in block " + block.getHeader().getNumber() + " but " + code);
      }
      if (authorities.isEmpty()) {
        return Finding.failed(item, "the bundle holds no CA certificates");
      }
      return check(tx, bundle, new Organizations(authorities))
          .map(reason -> Finding.failed(item, reason))
          .orElseGet(() -> Finding.ok(item, summary(tx, block, bundle)));
    }
    return Finding.failed(
        item, "not in block " + block.getHeader().getNumber() + " (no such transaction id)");
  }

  /** Why the transaction does not anchor the bundle's checkpoint, if it does not. */
  private Optional<String> check(
      EndorserTransaction tx, EvidenceBundle bundle, Organizations organizations) {
    EvidenceBundle.Anchor anchor = bundle.anchor();
    if (!tx.channelHeader().getChannelId().equals(anchor.channel())) {
      return Optional.of("on channel " + tx.channelHeader().getChannelId());
    }
    Optional<ChaincodeDefinition> chaincode =
        consortium.channel(anchor.channel()).flatMap(c -> c.chaincodeHosting(CONTRACT));
    if (chaincode.isEmpty()) {
      return Optional.of("the consortium puts no " + CONTRACT + " on channel " + anchor.channel());
    }
    if (!tx.chaincodeName().equals(chaincode.get().name())) {
      return Optional.of("ran chaincode " + tx.chaincodeName() + ", not " + chaincode.get().name());
    }
    try {
      Creator creator = organizations.verify(tx.signatureHeader().getCreator());
      Optional<String> bad =
          creator.verify(
              tx.envelope().getPayload().toByteArray(), tx.envelope().getSignature().toByteArray());
      if (bad.isPresent()) {
        return Optional.of("the creator's signature: " + bad.get());
      }
    } catch (IdentityException e) {
      return Optional.of("its creator: " + e.getMessage());
    }
    Optional<String> write = recordsCheckpoint(tx, bundle.checkpoint(), chaincode.get().name());
    if (write.isPresent()) {
      return write;
    }
    List<Creator> endorsers = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    for (Endorsement endorsement : tx.endorsements()) {
      try {
        Creator endorser = organizations.verify(endorsement.getEndorser());
        byte[] signed =
            tx.proposalResponsePayload().concat(endorsement.getEndorser()).toByteArray();
        Optional<String> bad = endorser.verify(signed, endorsement.getSignature().toByteArray());
        if (bad.isPresent()) {
          rejected.add("endorsement of " + endorser.describe() + ": " + bad.get());
        } else {
          endorsers.add(endorser);
        }
      } catch (IdentityException e) {
        rejected.add("endorser: " + e.getMessage());
      }
    }
    PrincipalPolicy policy =
        PrincipalPolicy.peers(
            consortium
                .endorsementPolicy(anchor.channel(), CONTRACT)
                .orElseThrow(() -> new IllegalStateException("a hosted contract has a policy")));
    if (!policy.isSatisfiedBy(endorsers)) {
      return Optional.of(
          "endorsements do not satisfy "
              + policy
              + " — valid endorsements by "
              + endorsers.stream().map(Creator::describe).toList()
              + (rejected.isEmpty() ? "" : "; refused: " + String.join("; ", rejected)));
    }
    return Optional.empty();
  }

  private static Optional<String> recordsCheckpoint(
      EndorserTransaction tx, EvidenceBundle.SignedCheckpoint cp, String chaincode) {
    String key = "checkpoint~" + cp.logId() + "~" + String.format("%020d", cp.treeSize());
    List<NamespaceSet> sets;
    try {
      sets = NamespaceSet.of(tx.results());
    } catch (MalformedTransactionException e) {
      return Optional.of("its read/write set is unreadable");
    }
    Optional<KVWrite> write =
        sets.stream()
            .filter(s -> s.namespace().equals(chaincode))
            .flatMap(s -> s.kv().getWritesList().stream())
            .filter(w -> w.getKey().equals(key) && !w.getIsDelete())
            .findFirst();
    if (write.isEmpty()) {
      return Optional.of("writes no " + key + " in namespace " + chaincode);
    }
    StrictJson.Node value;
    try {
      value = StrictJson.object(write.get().getValue().toByteArray());
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

  private String summary(EndorserTransaction tx, Block block, EvidenceBundle bundle) {
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
