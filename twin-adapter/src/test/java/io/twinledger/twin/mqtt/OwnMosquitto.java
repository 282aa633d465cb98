package io.twinledger.twin.mqtt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto of a test's own, on a free loopback port, configured as the test needs; for settings
 * the shared broker on port 1883 cannot have. Tests call {@link #installed()} first and skip
 * without it.
 */
public final class OwnMosquitto implements AutoCloseable {

  private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");

  private final Process process;
  private final Path config;
  private final int port;

  private OwnMosquitto(Process process, Path config, int port) {
    this.process = process;
    this.config = config;
    this.port = port;
  }

  /** Whether Mosquitto can be started here. */
  public static boolean installed() {
    return Files.isExecutable(MOSQUITTO);
  }

  /**
   * Starts a broker without persistence or authentication, with these extra configuration lines.
   */
  public static OwnMosquitto start(String... settings) throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path config = Files.createTempFile("twinledger-mosquitto", ".conf");
    Files.writeString(
        config,
        "listener "
            + port
            + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
            + String.join("\n", settings)
            + "\n");
    Process process =
        new ProcessBuilder(MOSQUITTO.toString(), "-c", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    OwnMosquitto broker = new OwnMosquitto(process, config, port);
    broker.awaitPort();
    return broker;
  }

  public int port() {
    return port;
  }

  /** The broker's process id, to measure its CPU time. */
  public long pid() {
    return process.pid();
  }

  private void awaitPort() throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    close();
    throw new IllegalStateException("Mosquitto did not start on port " + port);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
      Files.deleteIfExists(config);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // A temporary file left behind is harmless.
    }
  }
}
