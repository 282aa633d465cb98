package io.twinledger.service.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo, on its embedded PostgreSQL, stopped with SIGINT (Ctrl-C) and with SIGTERM while it is
 * busiest: sixty days of history just imported, the processors behind, and the KPI period job
 * closing periods every second. It exits within a bound, and its log has no error: the database
 * stops last, after the scheduled jobs, the processors, the feed, the MQTT ingress and the peer.
 */
class ShutdownTest {

  /** It stopped in about 6.5 s on a two-core machine; Axon's phase time-outs alone are 5 s each. */
  private static final Duration STOP_BOUND = Duration.ofSeconds(20);

  // Kept when the test fails: the service's log is in it.
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"INT", "TERM"})
  void stopsCleanlyOnSignal(String signal) throws Exception {
    Path log = dir.resolve("service.log");
    Path data = dir.resolve("data");
    List<String> command = new ArrayList<>();
    // A JVM started with SIGINT ignored (as a background job of a shell is) would pass that on,
    // and the service would not see the signal under test.
    command.addAll(List.of("env", "--default-signal=INT"));
    command.addAll(
        DemoProcess.command(
            "--server.port=" + DemoProcess.freePort(),
            "--twinledger.data-dir=" + data,
            "--twinledger.twin.mqtt.embedded-port=" + DemoProcess.freePort(),
            "--twinledger.twin.close-every=PT1S",
            // Sixty days of history leave the processors, the KPI job and the market busy when
            // the signal comes, in a sixth of a year's import.
            "--twinledger.demo.feed.history=P60D"));
    Process service =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> !service.isAlive() || Files.readString(log).contains("history done"));
      assertThat(service.isAlive()).as("the demo is running").isTrue();

      long sent = System.nanoTime();
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(service.pid())).start();
      assertThat(kill.waitFor()).isZero();
      assertThat(service.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS))
          .as("stopped within %s", STOP_BOUND)
          .isTrue();
      Duration took = Duration.ofNanos(System.nanoTime() - sent);

      String output = Files.readString(log);
      String stop = output.substring(output.indexOf("history done"));
      assertThat(stop)
          .as("log from the signal on (stopped in %s ms)", took.toMillis())
          .doesNotContain(
              "ERROR",
              "Exception",
              "terminating connection due to administrator command",
              "rollback failed");
      // PostgreSQL removes its pid file once it has shut down cleanly.
      assertThat(data.resolve("pg").resolve("postmaster.pid")).doesNotExist();
    } finally {
      service.destroyForcibly();
    }
  }
}
