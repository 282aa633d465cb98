package io.twinledger.ledger.peer.chaincode;

import com.google.protobuf.ByteString;
import io.twinledger.ledger.peer.state.KeyHistory;
import io.twinledger.ledger.peer.state.WorldState;
import java.util.concurrent.locks.Lock;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.shim.Chaincode;

/**
 * Runs chaincode against the committed world state with a {@link SimulationStub}, holding the
 * state's read lock so that the whole run sees one committed height.
 */
public final class Simulator {

  private final WorldState state;
  private final KeyHistory history;
  private final String localMspId;

  /**
   * @param localMspId the organisation {@code getMspId()} reports to chaincode
   */
  public Simulator(WorldState state, KeyHistory history, String localMspId) {
    this.state = state;
    this.history = history;
    this.localMspId = localMspId;
  }

  /** Simulates {@code invocation} of {@code chaincode}. */
  public SimulationResult simulate(DeployedChaincode chaincode, Invocation invocation) {
    SimulationStub stub = new SimulationStub(invocation, chaincode, state, history, localMspId);
    Lock lock = state.readLock();
    lock.lock();
    Chaincode.Response response;
    try {
      response = chaincode.chaincode().invoke(stub);
    } finally {
      lock.unlock();
    }
    Response.Builder proto = Response.newBuilder().setStatus(response.getStatus().getCode());
    if (response.getMessage() != null) {
      proto.setMessage(response.getMessage());
    }
    if (response.getPayload() != null) {
      proto.setPayload(ByteString.copyFrom(response.getPayload()));
    }
    return stub.result(proto.build());
  }
}
