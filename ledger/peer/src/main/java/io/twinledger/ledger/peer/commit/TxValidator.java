package io.twinledger.ledger.peer.commit;

import com.google.protobuf.ByteString;
import io.twinledger.ledger.peer.block.EndorserTransaction;
import io.twinledger.ledger.peer.block.MalformedTransactionException;
import io.twinledger.ledger.peer.block.NamespaceSet;
import io.twinledger.ledger.peer.chaincode.DeployedChaincode;
import io.twinledger.ledger.peer.endorsement.Endorser;
import io.twinledger.ledger.peer.endorsement.OwnEndorsements;
import io.twinledger.ledger.peer.identity.Creator;
import io.twinledger.ledger.peer.identity.IdentityException;
import io.twinledger.ledger.peer.identity.Organizations;
import io.twinledger.ledger.peer.policy.PrincipalPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Validates one transaction of a block on its own, as a Fabric peer's validator does before it
 * looks at the other transactions: what depends only on the envelope and the channel's
 * configuration. The committer runs it in parallel over a block's transactions.
 *
 * <ul>
 *   <li>Structure ({@code BAD_PAYLOAD}, {@code UNKNOWN_TX_TYPE}...) and channel ({@code
 *       TARGET_CHAIN_NOT_FOUND}).
 *   <li>Creator: a valid identity of a channel member whose signature over the payload verifies
 *       ({@code BAD_CREATOR_SIGNATURE}). The orderer's admission has usually verified that
 *       signature over the same bytes already ({@link EnvelopeAdmission}); it is not verified
 *       twice.
 *   <li>Transaction id: hex SHA-256 of nonce ‖ creator ({@code BAD_PROPOSAL_TXID}).
 *   <li>Chaincode ({@code INVALID_CHAINCODE}), write namespaces ({@code ILLEGAL_WRITESET}) and
 *       private data collections ({@code INVALID_WRITESET}).
 *   <li>Endorsement policy: only endorsements by valid identities with valid signatures over {@code
 *       proposal_response_payload ‖ endorser} count, each as the role its certificate's node OU
 *       gives it, so {@code AND('Org1MSP.peer','Org2MSP.peer')} needs both organisations' peers,
 *       not their clients or admins ({@code ENDORSEMENT_POLICY_FAILURE}, decided in block order
 *       after the duplicate check). Signatures this peer produced itself over exactly these bytes
 *       are recognised ({@link OwnEndorsements}) instead of verified again.
 * </ul>
 */
final class TxValidator {

  private final String channel;
  private final Organizations organizations;
  private final Map<String, DeployedChaincode> chaincodes;
  private final OwnEndorsements ownEndorsements;
  private final EnvelopeAdmission admission;

  TxValidator(
      String channel,
      Organizations organizations,
      Map<String, DeployedChaincode> chaincodes,
      OwnEndorsements ownEndorsements,
      EnvelopeAdmission admission) {
    this.channel = channel;
    this.organizations = organizations;
    this.chaincodes = Map.copyOf(chaincodes);
    this.ownEndorsements = ownEndorsements;
    this.admission = admission;
  }

  /** The order-independent checks of the transaction in {@code envelopeBytes}. */
  TxCheck validate(ByteString envelopeBytes) {
    EndorserTransaction tx;
    try {
      tx = EndorserTransaction.parse(envelopeBytes);
    } catch (MalformedTransactionException e) {
      return TxCheck.invalid(Optional.empty(), e.code(), e.getMessage());
    }
    Optional<EndorserTransaction> parsed = Optional.of(tx);
    if (!channel.equals(tx.channelHeader().getChannelId())) {
      return TxCheck.invalid(
          parsed,
          TxValidationCode.TARGET_CHAIN_NOT_FOUND,
          "channel " + tx.channelHeader().getChannelId());
    }
    Creator creator;
    try {
      creator = organizations.verify(tx.signatureHeader().getCreator());
    } catch (IdentityException e) {
      return TxCheck.invalid(parsed, TxValidationCode.BAD_CREATOR_SIGNATURE, e.getMessage());
    }
    Optional<String> badSignature =
        admission.verified(tx.envelope().getSignature(), tx.envelope().getPayload())
            ? Optional.empty()
            : creator.verify(
                tx.envelope().getPayload().toByteArray(),
                tx.envelope().getSignature().toByteArray());
    if (badSignature.isPresent()) {
      return TxCheck.invalid(parsed, TxValidationCode.BAD_CREATOR_SIGNATURE, badSignature.get());
    }
    String expectedTxId =
        Endorser.txId(tx.signatureHeader().getNonce(), tx.signatureHeader().getCreator());
    if (!expectedTxId.equals(tx.txId())) {
      return TxCheck.invalid(
          parsed, TxValidationCode.BAD_PROPOSAL_TXID, "expected transaction id " + expectedTxId);
    }
    DeployedChaincode chaincode = chaincodes.get(tx.chaincodeName());
    if (chaincode == null) {
      return TxCheck.invalid(
          parsed, TxValidationCode.INVALID_CHAINCODE, "unknown chaincode " + tx.chaincodeName());
    }
    List<NamespaceSet> sets;
    try {
      sets = NamespaceSet.of(tx.results());
    } catch (MalformedTransactionException e) {
      return TxCheck.invalid(parsed, e.code(), e.getMessage());
    }
    for (NamespaceSet set : sets) {
      boolean writes =
          set.kv().getWritesCount() > 0
              || set.collections().stream().anyMatch(c -> c.hashed().getHashedWritesCount() > 0);
      if (writes && !set.namespace().equals(chaincode.name())) {
        return TxCheck.invalid(
            parsed,
            TxValidationCode.ILLEGAL_WRITESET,
            "chaincode " + chaincode.name() + " wrote to namespace " + set.namespace());
      }
      for (NamespaceSet.CollectionSet collection : set.collections()) {
        if (chaincode.collection(collection.name()).isEmpty()) {
          return TxCheck.invalid(
              parsed,
              TxValidationCode.INVALID_WRITESET,
              "collection " + collection.name() + " is not defined for " + chaincode.name());
        }
      }
    }
    return new TxCheck(parsed, sets, TxValidationCode.VALID, "", endorsementFailure(tx, chaincode));
  }

  /**
   * Why the endorsements do not satisfy the policy, if they do not. Only endorsements by valid
   * identities with valid signatures count, each as the role its certificate's node OU gives it.
   */
  private Optional<String> endorsementFailure(EndorserTransaction tx, DeployedChaincode chaincode) {
    List<Creator> endorsers = new ArrayList<>(tx.endorsements().size());
    List<String> rejected = new ArrayList<>();
    for (Endorsement endorsement : tx.endorsements()) {
      Creator endorser;
      try {
        endorser = organizations.verify(endorsement.getEndorser());
      } catch (IdentityException e) {
        rejected.add("endorser identity: " + e.getMessage());
        continue;
      }
      ByteString signed = tx.proposalResponsePayload().concat(endorsement.getEndorser());
      Optional<String> bad =
          ownEndorsements.produced(endorsement.getSignature(), signed)
              ? Optional.empty()
              : endorser.verify(signed.toByteArray(), endorsement.getSignature().toByteArray());
      if (bad.isPresent()) {
        rejected.add("endorsement of " + endorser.describe() + ": " + bad.get());
      } else {
        endorsers.add(endorser);
      }
    }
    PrincipalPolicy policy = chaincode.endorsement();
    if (policy.isSatisfiedBy(endorsers)) {
      return Optional.empty();
    }
    return Optional.of(
        "valid endorsements by "
            + endorsers.stream().map(Creator::describe).toList()
            + " do not satisfy "
            + policy
            + ", the policy of "
            + chaincode.name()
            + (rejected.isEmpty() ? "" : "; rejected " + rejected));
  }
}
