package io.twinledger.reporting.evidence;

import io.twinledger.ledger.peer.block.BlockEvents;
import io.twinledger.ledger.peer.block.EndorserTransaction;
import io.twinledger.ledger.peer.block.MalformedTransactionException;
import io.twinledger.ledger.peer.block.NamespaceSet;
import io.twinledger.ledger.peer.identity.Creator;
import io.twinledger.ledger.peer.identity.IdentityException;
import io.twinledger.ledger.peer.identity.Organizations;
import io.twinledger.ledger.peer.policy.PrincipalPolicy;
import io.twinledger.network.Consortium;
import io.twinledger.network.chaincode.ChaincodeDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A transaction of a block checked as a Fabric peer validates it, offline: it is in the block and
 * marked {@code VALID} there; it is on the expected channel and ran the chaincode the consortium
 * definition puts the contract in; its creator's certificate chains to a member's CA and signed the
 * envelope; its endorsements are valid signatures by identities chained to member CAs and satisfy
 * the contract's endorsement policy, whose principals are the organisations' peers ({@code
 * AND('CityFinanceMSP.peer',...)}): an endorsement by a client or admin of the organisation does
 * not count. The evidence bundle's anchoring and a bill's clearings are both checked this way.
 *
 * @param tx the transaction
 * @param creator its checked creator
 * @param chaincode the chaincode that hosts the contract on the channel
 */
public record EndorsedTransaction(EndorserTransaction tx, Creator creator, String chaincode) {

  /** Why a transaction does not check out. */
  public static final class Refused extends Exception {
    Refused(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * Finds transaction {@code txId} in {@code block} and checks it.
   *
   * @param organizations the channel members' CAs
   * @throws Refused naming the first thing that does not hold
   */
  public static EndorsedTransaction check(
      Block block,
      String txId,
      String channel,
      String contract,
      Consortium consortium,
      Organizations organizations)
      throws Refused {
    byte[] codes = BlockEvents.validationCodes(block);
    for (int i = 0; i < block.getData().getDataCount(); i++) {
      EndorserTransaction tx;
      try {
        tx = EndorserTransaction.parse(block.getData().getData(i));
      } catch (MalformedTransactionException e) {
        continue;
      }
      if (!tx.txId().equals(txId)) {
        continue;
      }
      if (i >= codes.length || codes[i] != TxValidationCode.VALID_VALUE) {
        String code =
            i >= codes.length
                ? "no validation code"
                : String.valueOf(TxValidationCode.forNumber(codes[i] & 0xff));
        throw new Refused("in block " + block.getHeader().getNumber() + " but " + code);
      }
      return check(tx, channel, contract, consortium, organizations);
    }
    throw new Refused(
        "not in block " + block.getHeader().getNumber() + " (no such transaction id)");
  }

  private static EndorsedTransaction check(
      EndorserTransaction tx,
      String channel,
      String contract,
      Consortium consortium,
      Organizations organizations)
      throws Refused {
    if (!tx.channelHeader().getChannelId().equals(channel)) {
      throw new Refused("on channel " + tx.channelHeader().getChannelId());
    }
    Optional<ChaincodeDefinition> chaincode =
        consortium.channel(channel).flatMap(c -> c.chaincodeHosting(contract));
    if (chaincode.isEmpty()) {
      throw new Refused("the consortium puts no " + contract + " on channel " + channel);
    }
    if (!tx.chaincodeName().equals(chaincode.get().name())) {
      throw new Refused("ran chaincode " + tx.chaincodeName() + ", not " + chaincode.get().name());
    }
    Creator creator;
    try {
      creator = organizations.verify(tx.signatureHeader().getCreator());
    } catch (IdentityException e) {
      throw new Refused("its creator: " + e.getMessage());
    }
    Optional<String> bad =
        creator.verify(
            tx.envelope().getPayload().toByteArray(), tx.envelope().getSignature().toByteArray());
    if (bad.isPresent()) {
      throw new Refused("the creator's signature: " + bad.get());
    }
    List<Creator> endorsers = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    for (Endorsement endorsement : tx.endorsements()) {
      try {
        Creator endorser = organizations.verify(endorsement.getEndorser());
        byte[] signed =
            tx.proposalResponsePayload().concat(endorsement.getEndorser()).toByteArray();
        Optional<String> wrong = endorser.verify(signed, endorsement.getSignature().toByteArray());
        if (wrong.isPresent()) {
          rejected.add("endorsement of " + endorser.describe() + ": " + wrong.get());
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
                .endorsementPolicy(channel, contract)
                .orElseThrow(() -> new IllegalStateException("a hosted contract has a policy")));
    if (!policy.isSatisfiedBy(endorsers)) {
      throw new Refused(
          "endorsements do not satisfy "
              + policy
              + " — valid endorsements by "
              + endorsers.stream().map(Creator::describe).toList()
              + (rejected.isEmpty() ? "" : "; refused: " + String.join("; ", rejected)));
    }
    return new EndorsedTransaction(tx, creator, chaincode.get().name());
  }

  /**
   * The value the transaction writes under {@code key} in its chaincode's namespace.
   *
   * @throws Refused when its read/write set is unreadable or it writes no such key
   */
  public byte[] written(String key) throws Refused {
    return writtenIfAny(key)
        .orElseThrow(
            () ->
                new Refused(
                    "writes no "
                        + key.replace('\u0000', '~').replaceAll("^~|~$", "")
                        + " in namespace "
                        + chaincode));
  }

  /**
   * The value the transaction writes under {@code key} in its chaincode's namespace; empty when it
   * writes no such key.
   *
   * @throws Refused when its read/write set is unreadable
   */
  public Optional<byte[]> writtenIfAny(String key) throws Refused {
    List<NamespaceSet> sets;
    try {
      sets = NamespaceSet.of(tx.results());
    } catch (MalformedTransactionException e) {
      throw new Refused("its read/write set is unreadable");
    }
    return sets.stream()
        .filter(s -> s.namespace().equals(chaincode))
        .flatMap(s -> s.kv().getWritesList().stream())
        .filter(w -> w.getKey().equals(key) && !w.getIsDelete())
        .findFirst()
        .map(w -> w.getValue().toByteArray());
  }
}
