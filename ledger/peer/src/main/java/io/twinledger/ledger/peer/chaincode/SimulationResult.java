package io.twinledger.ledger.peer.chaincode;

import java.util.Optional;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.Response;

/**
 * The outcome of running a chaincode against committed state.
 *
 * @param response the chaincode's response (status 200 for success; 400 and above is a failure)
 * @param results the public read/write set
 * @param privateData the private write sets, when the chaincode wrote private data
 * @param event the chaincode event it set last, with chaincode id and transaction id filled in
 */
public record SimulationResult(
    Response response,
    TxReadWriteSet results,
    Optional<TxPvtReadWriteSet> privateData,
    Optional<ChaincodeEvent> event) {

  /** Fabric treats chaincode responses with status 400 or above as errors. */
  public static final int ERROR_THRESHOLD = 400;

  /** Whether the chaincode succeeded. */
  public boolean succeeded() {
    return response.getStatus() < ERROR_THRESHOLD;
  }
}
