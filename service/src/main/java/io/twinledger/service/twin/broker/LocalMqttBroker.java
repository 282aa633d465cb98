package io.twinledger.service.twin.broker;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.migration.meta.PersistenceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT 5 broker inside the service (HiveMQ Community Edition, embedded), so that MQTT ingestion
 * works on a machine that runs no broker.
 *
 * <p>It listens on {@value #HOST} only and admits every client without credentials: it is meant for
 * the publishers on this machine, not for a network. Its state lives in one directory: {@code
 * conf/config.xml} (written at every start, so edits there are lost), {@code data/} (sessions,
 * queued and retained messages in HiveMQ's file persistence, kept across restarts, so QoS 1
 * messages queued for a persistent session are delivered after a restart) and {@code extensions/}
 * (HiveMQ extensions, none by default).
 *
 * <p>HiveMQ logs through the application's SLF4J logging; it does not configure logging itself.
 */
public final class LocalMqttBroker implements AutoCloseable {

  /** The only address the broker listens on. */
  public static final String HOST = "127.0.0.1";

  private static final Logger log = LoggerFactory.getLogger(LocalMqttBroker.class);
  private static final long START_TIMEOUT_SECONDS = 60;

  private final EmbeddedHiveMQ hivemq;
  private final int port;
  private final Path directory;
  private final CompletableFuture<Void> started;

  private LocalMqttBroker(
      EmbeddedHiveMQ hivemq, int port, Path directory, CompletableFuture<Void> started) {
    this.hivemq = hivemq;
    this.port = port;
    this.directory = directory;
    this.started = started;
  }

  /**
   * Starts the broker on {@code HOST:port} with its state in {@code directory}, created if missing.
   *
   * @throws BindException if the port is taken on {@value #HOST}
   * @throws IllegalStateException if the broker does not start for another reason
   */
  public static LocalMqttBroker start(Path directory, int port) throws BindException {
    return starting(directory, port).awaitStarted();
  }

  /**
   * Checks the port, prepares {@code directory} and has HiveMQ start, without waiting for it:
   * HiveMQ takes seconds, which the caller can spend otherwise. {@link #awaitStarted()} waits.
   *
   * @throws BindException if the port is taken on {@value #HOST}
   */
  public static LocalMqttBroker starting(Path directory, int port) throws BindException {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535");
    }
    // HiveMQ only logs a listener it cannot bind and then fails with an unspecific error; checking
    // first gives the caller a reason it can name.
    ensureFree(port);
    Path conf = directory.resolve("conf");
    Path data = directory.resolve("data");
    Path extensions = directory.resolve("extensions");
    try {
      Files.createDirectories(conf);
      Files.createDirectories(data);
      Files.createDirectories(extensions);
      Files.writeString(conf.resolve("config.xml"), config(port), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the MQTT broker's directory " + directory, e);
    }
    // HiveMQ keeps message payloads and retained messages in RocksDB by default: 64 instances that
    // preallocate about 540 MB of disk for an empty broker, and a native library unpacked into the
    // temporary directory at every start. Its Java store (Xodus), which holds the sessions and
    // queues anyway, does for a broker of a few clients. This is HiveMQ's internal configuration
    // (static, so for every embedded broker in the JVM); the tests catch a change in a new version.
    InternalConfigurations.PAYLOAD_PERSISTENCE_TYPE.set(PersistenceType.FILE);
    InternalConfigurations.RETAINED_MESSAGE_PERSISTENCE_TYPE.set(PersistenceType.FILE);
    EmbeddedHiveMQ hivemq =
        EmbeddedHiveMQ.builder()
            .withConfigurationFolder(conf)
            .withDataFolder(data)
            .withExtensionsFolder(extensions)
            .withoutLoggingBootstrap()
            .build();
    long began = System.nanoTime();
    CompletableFuture<Void> started = hivemq.start();
    started.thenRun(
        () ->
            log.info(
                "MQTT broker listening on {}:{} (started in {} ms), state in {}",
                HOST,
                port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began),
                directory));
    return new LocalMqttBroker(hivemq, port, directory, started);
  }

  /**
   * Waits until the broker listens.
   *
   * @return this broker
   * @throws IllegalStateException if the broker did not start; it is then closed
   */
  public LocalMqttBroker awaitStarted() {
    try {
      started.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(hivemq);
      throw new IllegalStateException("Interrupted while starting the MQTT broker", e);
    } catch (ExecutionException | TimeoutException e) {
      closeQuietly(hivemq);
      throw new IllegalStateException(
          "The MQTT broker did not start on " + HOST + ":" + port + " (state in " + directory + ")",
          e);
    }
    return this;
  }

  /** The address to connect to: {@value #HOST}. */
  public String host() {
    return HOST;
  }

  public int port() {
    return port;
  }

  /** Stops the broker; what it holds for persistent sessions stays in its directory. */
  @Override
  public void close() {
    try {
      hivemq.close();
    } catch (ExecutionException e) {
      throw new IllegalStateException("The MQTT broker did not stop cleanly", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void ensureFree(int port) throws BindException {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
    } catch (BindException e) {
      throw new BindException("Port " + port + " on " + HOST + " is already in use");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check port " + port + " on " + HOST, e);
    }
  }

  private static void closeQuietly(EmbeddedHiveMQ hivemq) {
    try {
      hivemq.close();
    } catch (ExecutionException e) {
      log.debug("Closing the MQTT broker after a failed start failed too", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * HiveMQ's configuration: one plain TCP listener on loopback, file persistence, and no usage
   * statistics sent home.
   */
  private static String config(int port) {
    return """
        <?xml version="1.0"?>
        <!-- Written by TwinLedger (LocalMqttBroker) at every start: edits here are lost. -->
        <hivemq>
            <listeners>
                <tcp-listener>
                    <port>%d</port>
                    <bind-address>%s</bind-address>
                </tcp-listener>
            </listeners>
            <persistence>
                <mode>file</mode>
            </persistence>
            <anonymous-usage-statistics>
                <enabled>false</enabled>
            </anonymous-usage-statistics>
        </hivemq>
        """
        .formatted(port, HOST);
  }
}
