package io.twinledger.service.fault;

import static org.awaitility.Awaitility.await;

import io.twinledger.service.TwinLedgerApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The service as a child JVM in demo mode, so that a fault test can kill it with SIGKILL ({@code
 * Process.destroyForcibly}) and start it again on the same database and data directory.
 */
public final class DemoProcess {

  private DemoProcess() {}

  /**
   * Starts the demo on {@code db} with its data directory and log under {@code dir}, and waits
   * until its health is UP. The period-closing job is slowed to once an hour and the demo feed is
   * off, so that only what the test sends adds readings.
   *
   * @param options further {@code --property=value} arguments; one naming a property set here
   *     replaces it (Spring would join the two values with a comma)
   */
  public static Process start(Path dir, String db, int port, String... options) throws Exception {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                    "--server.port=" + port,
                    "--twinledger.db.url=" + db,
                    "--twinledger.data-dir=" + dir.resolve("data"),
                    "--twinledger.twin.close-every=PT1H",
                    "--twinledger.demo.feed.enabled=false")
                .stream()
                .filter(d -> Arrays.stream(options).noneMatch(o -> sameProperty(o, d)))
                .toList());
    arguments.addAll(List.of(options));
    List<String> command = command(arguments.toArray(String[]::new));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(
                dir.resolve("service-" + Instant.now().toEpochMilli() + ".log").toFile())
            .start();
    HttpClient http = HttpClient.newHttpClient();
    try {
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(250))
          .ignoreExceptions()
          .failFast("the service exited before it was up", () -> !process.isAlive())
          .until(
              () ->
                  http.send(
                          HttpRequest.newBuilder(
                                  URI.create("http://localhost:" + port + "/actuator/health"))
                              .build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body()
                      .contains("\"UP\""));
    } catch (RuntimeException notUp) {
      // The caller never gets the process to stop: left running, it would outlive the build.
      process.destroyForcibly();
      throw notUp;
    }
    return process;
  }

  /**
   * The command line of the demo in a child JVM on this test's class path, with {@code options};
   * the demo's bonds are off unless {@code options} turn them on.
   */
  public static List<String> command(String... options) {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx768m",
                "-cp",
                System.getProperty("java.class.path"),
                TwinLedgerApplication.class.getName(),
                "demo"));
    // The demo's bonds only where a test asks for them: placing 1,000 holders costs seconds.
    if (Arrays.stream(options).noneMatch(o -> o.startsWith("--twinledger.demo.bonds.enabled="))) {
      command.add("--twinledger.demo.bonds.enabled=false");
    }
    // The village likewise: its market clears two months of slots on the ledger at first start.
    if (Arrays.stream(options).noneMatch(o -> o.startsWith("--twinledger.demo.village.enabled="))) {
      command.add("--twinledger.demo.village.enabled=false");
    }
    command.addAll(List.of(options));
    return command;
  }

  private static boolean sameProperty(String option, String other) {
    return option
        .substring(0, option.indexOf('=') + 1)
        .equals(other.substring(0, other.indexOf('=') + 1));
  }

  /** A TCP port that was free a moment ago. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
