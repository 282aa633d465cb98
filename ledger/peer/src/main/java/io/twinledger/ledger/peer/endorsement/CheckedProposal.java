package io.twinledger.ledger.peer.endorsement;

import io.twinledger.ledger.peer.chaincode.DeployedChaincode;
import io.twinledger.ledger.peer.chaincode.Invocation;
import io.twinledger.ledger.peer.identity.Creator;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;

/**
 * A signed proposal whose signer, signature, transaction id, channel and chaincode have been
 * checked.
 *
 * @param header the proposal header (channel and signature header bytes as signed)
 * @param payload the chaincode proposal payload, transient data included
 * @param creator the verified client
 * @param chaincode the chaincode to run
 * @param invocation what the chaincode sees
 */
public record CheckedProposal(
    Header header,
    ChaincodeProposalPayload payload,
    Creator creator,
    DeployedChaincode chaincode,
    Invocation invocation) {

  /** The transaction id. */
  public String txId() {
    return invocation.txId();
  }
}
