package io.twinledger.ledger.token.evm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A local EVM node for the tests: {@code hardhat node} from {@code contracts/evm/node_modules}
 * ({@code npm ci} there; {@code .ci/run} does it), configured by {@code
 * contracts/evm/hardhat.config.js}, started on a free port and stopped by the test. Where Node or
 * the package is missing, {@link #start()} aborts the test as skipped, so a JDK-only build passes.
 */
public final class LocalEvmNode implements AutoCloseable {

  /** The agent's key, funded in {@code hardhat.config.js} (a test key, never a real one). */
  public static final String AGENT_KEY =
      "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

  /** The chain id of {@code hardhat.config.js}. */
  public static final long CHAIN_ID = 1337;

  private final Process process;
  private final String rpcUrl;

  private LocalEvmNode(Process process, String rpcUrl) {
    this.process = process;
    this.rpcUrl = rpcUrl;
  }

  /** Why a node cannot be started here (Node or hardhat missing), or empty if it can. */
  public static Optional<String> unavailable() {
    if (!Files.isRegularFile(hardhat())) {
      return Optional.of("hardhat is not installed: npm ci in contracts/evm");
    }
    return nodeAvailable() ? Optional.empty() : Optional.of("node is not on the PATH");
  }

  /** Starts a node, or skips the calling test when Node or hardhat is not installed. */
  public static LocalEvmNode start() throws IOException, InterruptedException {
    Optional<String> missing = unavailable();
    assumeTrue(missing.isEmpty(), missing.orElse(""));
    Path dir = moduleDir();
    Path hardhat = hardhat();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    "node",
                    hardhat.toString(),
                    "node",
                    "--hostname",
                    "127.0.0.1",
                    "--port",
                    String.valueOf(port)))
            .directory(dir.toFile());
    builder.environment().put("HARDHAT_DISABLE_TELEMETRY_PROMPT", "true");
    Process process =
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    LocalEvmNode node = new LocalEvmNode(process, "http://127.0.0.1:" + port);
    node.awaitReady();
    return node;
  }

  public String rpcUrl() {
    return rpcUrl;
  }

  public EvmSettings settings() {
    return new EvmSettings(rpcUrl, CHAIN_ID, AGENT_KEY);
  }

  private void awaitReady() throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest ping =
        HttpRequest.newBuilder(URI.create(rpcUrl))
            .header("content-type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\",\"params\":[]}"))
            .timeout(Duration.ofSeconds(2))
            .build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("hardhat node exited with " + process.exitValue());
      }
      try {
        if (http.send(ping, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // the node is still starting
      }
      Thread.sleep(200);
    }
    close();
    throw new IllegalStateException("hardhat node did not answer on " + rpcUrl + " within 60 s");
  }

  private static boolean nodeAvailable() {
    try {
      Process p =
          new ProcessBuilder("node", "--version")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static Path hardhat() {
    return moduleDir().resolve("node_modules/hardhat/internal/cli/cli.js");
  }

  /** {@code contracts/evm}, found from the module's working directory upwards. */
  private static Path moduleDir() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("contracts/evm"))) {
      dir = dir.getParent();
    }
    return dir == null ? Path.of("contracts/evm") : dir.resolve("contracts/evm");
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
