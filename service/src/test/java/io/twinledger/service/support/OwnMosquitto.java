package io.twinledger.service.support;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Mosquitto broker of a test's own, on a loopback port, persistent and with no queue or in-flight
 * limits: with Mosquitto's defaults (1,000 queued, 20 in flight) the broker drops messages it has
 * already acknowledged to the publisher, which would hide what the service does.
 */
public final class OwnMosquitto implements AutoCloseable {

  private final Process process;
  private final int port;

  private OwnMosquitto(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The {@code mosquitto} executable on the PATH or in {@code /usr/sbin}, if installed. */
  public static Optional<Path> executable() {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin";
    return Stream.of(path.split(File.pathSeparator))
        .filter(entry -> !entry.isBlank())
        .map(entry -> Path.of(entry, "mosquitto"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /**
   * Starts {@code mosquitto} on {@code port}, its store, configuration and log under {@code dir},
   * and waits until it accepts connections.
   */
  public static OwnMosquitto start(Path mosquitto, Path dir, int port) throws Exception {
    Path store = Files.createDirectories(dir.resolve("mosquitto"));
    Path config = dir.resolve("mosquitto.conf");
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
      // The caller never gets the broker to stop: left running, it would outlive the build.
      process.destroyForcibly();
      throw notUp;
    }
    return new OwnMosquitto(process, port);
  }

  public int port() {
    return port;
  }

  /** The broker's process id, to read its CPU time. */
  public long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
