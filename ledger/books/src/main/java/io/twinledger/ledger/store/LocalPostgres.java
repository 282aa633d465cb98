package io.twinledger.ledger.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the zonky embedded binaries, for installs with nothing but a
 * JDK.
 *
 * <p>The data directory is kept across restarts. When TwinLedger was killed without shutting down,
 * its PostgreSQL keeps running as an orphan holding the data directory; {@link #start} stops such
 * an orphan (after checking that the recorded PID really is a postgres process) before starting a
 * new server. Under root, zonky runs the binaries in a user namespace, since PostgreSQL refuses to
 * run as root.
 */
public final class LocalPostgres implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final Duration ORPHAN_SHUTDOWN = Duration.ofSeconds(30);

  private final EmbeddedPostgres server;

  private LocalPostgres(EmbeddedPostgres server) {
    this.server = server;
  }

  /**
   * Starts PostgreSQL on a free loopback port with its data in {@code dataDirectory}, creating the
   * cluster on first use, and stops it when the JVM exits unless it was {@link #close closed}
   * before.
   *
   * @param durability whether commits must reach the disk before they are acknowledged
   */
  public static LocalPostgres start(Path dataDirectory, Durability durability) {
    return start(dataDirectory, durability, Lifetime.UNTIL_JVM_EXIT);
  }

  /**
   * Starts PostgreSQL as {@link #start(Path, Durability)} does, stopped when {@code lifetime} says.
   *
   * @param durability whether commits must reach the disk before they are acknowledged
   * @param lifetime who stops the server
   */
  public static LocalPostgres start(Path dataDirectory, Durability durability, Lifetime lifetime) {
    try {
      Files.createDirectories(dataDirectory);
      stopOrphan(dataDirectory);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setRegisterShutdownHook(lifetime == Lifetime.UNTIL_JVM_EXIT)
              .setServerConfig("listen_addresses", "localhost");
      String on = durability == Durability.DURABLE ? "on" : "off";
      builder.setServerConfig("fsync", on).setServerConfig("synchronous_commit", on);
      return new LocalPostgres(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start embedded PostgreSQL in " + dataDirectory, e);
    }
  }

  /** The port the server listens on, on localhost. */
  public int port() {
    return server.getPort();
  }

  /**
   * Creates {@code database} if it does not exist yet and returns its JDBC URL.
   *
   * @param database lower-case SQL identifier
   */
  public String ensureDatabase(String database) {
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw new IllegalArgumentException("Not a plain database name: " + database);
    }
    try (Connection connection = server.getPostgresDatabase().getConnection();
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, database);
      try (ResultSet rs = exists.executeQuery()) {
        if (!rs.next()) {
          try (Statement create = connection.createStatement()) {
            create.execute("CREATE DATABASE " + database);
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + database, e);
    }
    return server.getJdbcUrl("postgres", database);
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void stopOrphan(Path dataDirectory) throws IOException {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    Optional<ProcessHandle> orphan =
        lines.isEmpty()
            ? Optional.empty()
            : parsePid(lines.get(0).strip()).flatMap(ProcessHandle::of);
    if (orphan.isEmpty() || !orphan.get().isAlive() || !isPostgres(orphan.get())) {
      return;
    }
    log.warn(
        "PostgreSQL (pid {}) from an earlier run still holds {}; stopping it",
        orphan.get().pid(),
        dataDirectory);
    orphan.get().destroy();
    try {
      orphan.get().onExit().get(ORPHAN_SHUTDOWN.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(
          "PostgreSQL pid "
              + orphan.get().pid()
              + " still holds "
              + dataDirectory
              + " after "
              + ORPHAN_SHUTDOWN.toSeconds()
              + " s; stop it and retry",
          e);
    }
  }

  private static Optional<Long> parsePid(String text) {
    try {
      return Optional.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean isPostgres(ProcessHandle process) {
    return process.info().command().map(c -> c.endsWith("/postgres")).orElse(false);
  }

  /** Who stops the server. */
  public enum Lifetime {
    /** A JVM shutdown hook stops it, if its owner did not close it before. */
    UNTIL_JVM_EXIT,
    /**
     * Only its owner's {@link #close} does. For an owner that closes it after everything that uses
     * it, such as an application context: JVM shutdown hooks run concurrently, so a hook of its own
     * would stop the database under the connections, processors and consumers still shutting down,
     * which then fail and retry until they time out.
     */
    UNTIL_CLOSED
  }

  /** Whether commits wait for the disk. */
  public enum Durability {
    /** fsync and synchronous commit on: what a ledger of record needs. */
    DURABLE,
    /** fsync off: for throwaway test clusters only. */
    FAST
  }
}
