package io.twinledger.service.fault;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Mosquitto of a fault test's own, on a loopback port, with persistence and no queue or in-flight
 * limits, so that the broker keeps every message for a persistent session while its subscriber is
 * down: the shared broker's default limits would drop messages and hide what the service does.
 */
final class PrivateMosquitto {

  private PrivateMosquitto() {}

  /** The Mosquitto executable on {@code PATH} or in {@code /usr/sbin}, if installed. */
  static Optional<Path> executable() {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin";
    return Stream.of(path.split(File.pathSeparator))
        .filter(entry -> !entry.isBlank())
        .map(entry -> Path.of(entry, "mosquitto"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /**
   * Starts {@code mosquitto} on {@code 127.0.0.1:port} with its store, configuration and log in
   * {@code dir}, and waits until it accepts connections; the caller stops it.
   */
  static Process start(Path mosquitto, Path dir, int port) throws Exception {
    Path store = Files.createDirectories(dir.resolve("mosquitto"));
    Path config = dir.resolve("mosquitto.conf");
    // No queue or in-flight limits: with Mosquitto's defaults (1,000 queued, 20 in flight) the
    // broker drops messages it has already acknowledged to the publisher.
    Files.writeString(
        config,
        "listener "
            + port
            + " 127.0.0.1\n"
            + "allow_anonymous true\n"
            + "persistence true\n"
            + "persistence_location "
            + store
            + "/\n"
            + "max_queued_messages 0\n"
            + "max_inflight_messages 0\n");
    Process process =
        new ProcessBuilder(mosquitto.toString(), "-c", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("mosquitto.log").toFile())
            .start();
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .until(
              () -> {
                try (Socket socket = new Socket()) {
                  socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                  return true;
                }
              });
    } catch (RuntimeException notUp) {
      process.destroyForcibly();
      throw notUp;
    }
    return process;
  }
}
