package io.twinledger.ledger.peer.chaincode;

import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeServer;

/**
 * The contract chaincode of this JVM: one {@link ContractRouter} that routes {@code
 * "Contract:function"} invocations to every {@code @Contract} class on the class path, exactly as
 * the Java chaincode container does.
 *
 * <p>The shim keeps its type registry and metadata in static state, so there is one router per JVM,
 * created on first use (the class-path scan takes a moment). Its chaincode server is never started:
 * the embedded peer calls {@link Chaincode#invoke} directly with its own stub. The router resets
 * the JVM's {@code java.util.logging} format when it is built; its per-invocation INFO messages are
 * turned down to WARNING here.
 */
public final class ContractChaincode {

  private static final List<Logger> QUIETED =
      List.of(
          Logger.getLogger("org.hyperledger.fabric"),
          Logger.getLogger("org.hyperledger.fabric.contract"),
          Logger.getLogger("org.hyperledger.fabric.shim"));

  private static Chaincode router;

  private ContractChaincode() {}

  /** The router over all {@code @Contract} classes on the class path. */
  public static synchronized Chaincode scanned() {
    if (router == null) {
      ContractRouter contracts = new ContractRouter(new String[] {"-i", "twinledger-embedded"});
      QUIETED.forEach(logger -> logger.setLevel(Level.WARNING));
      try {
        contracts.startRouterWithChaincodeServer(new NoServer());
      } catch (IOException e) {
        throw new IllegalStateException("Cannot scan for contracts", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while scanning for contracts", e);
      }
      router = contracts;
    }
    return router;
  }

  /** The router only needs its routes; nothing is served. */
  private static final class NoServer implements ChaincodeServer {
    @Override
    public void start() {}

    @Override
    public void stop() {}
  }
}
