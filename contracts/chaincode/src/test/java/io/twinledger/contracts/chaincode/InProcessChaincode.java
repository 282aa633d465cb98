package io.twinledger.contracts.chaincode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.ChaincodeServerProperties;
import org.hyperledger.fabric.shim.NettyChaincodeServer;

/**
 * The contracts of this module served as chaincode-as-a-service inside the test JVM: the shim's
 * {@link ContractRouter} behind its Netty gRPC chaincode server on a free loopback port, started
 * once per JVM (the shim keeps its type registry and metadata in static state). What {@code
 * ContractRouter.main} does with {@code CHAINCODE_SERVER_ADDRESS} set, minus the environment.
 */
public final class InProcessChaincode {

  /** The chaincode id the in-process server registers with. */
  public static final String ID = "twinledger:in-process";

  private static int port;

  private InProcessChaincode() {}

  /** A new peer connection to the running server, starting it on first use. */
  public static synchronized ChaincodePeer connect() {
    if (port == 0) {
      port = start();
    }
    return ChaincodePeer.connect("127.0.0.1", port);
  }

  private static int start() {
    int free = freePort();
    ContractRouter router = new ContractRouter(new String[] {"--id", ID});
    ChaincodeServerProperties properties = new ChaincodeServerProperties();
    properties.setServerAddress(new InetSocketAddress("127.0.0.1", free));
    NettyChaincodeServer server;
    try {
      server = new NettyChaincodeServer(router, properties);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The server's start blocks until it shuts down, which is when the JVM exits.
    Thread serving =
        Thread.ofPlatform()
            .daemon()
            .name("chaincode-server")
            .start(
                () -> {
                  try {
                    router.startRouterWithChaincodeServer(server);
                  } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException("the chaincode server stopped", e);
                  }
                });
    awaitListening(free, serving);
    return free;
  }

  /** Waits until something accepts connections on {@code port}, as a peer would retry. */
  public static void awaitListening(int port, Object what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(what + " does not listen on port " + port, notYet);
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
  }

  /** A loopback port nobody listens on now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
