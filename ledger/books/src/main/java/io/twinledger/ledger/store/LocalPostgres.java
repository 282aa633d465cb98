package io.twinledger.ledger.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
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
 *
 * <p>Locked down: the server listens on the loopback interface only, and its Unix socket, when
 * there is one, is in the owner-only directory {@value #SOCKET_DIRECTORY} of the data directory.
 * Every connection, over TCP or the socket, needs a password ({@code scram-sha-256} for every line
 * of {@code pg_hba.conf}, which {@link #start} rewrites on every start). Two roles have one, each
 * generated on first use and kept in an owner-only ({@code 0600}) file of the data directory: the
 * superuser {@value #SUPERUSER} ({@value #SUPERUSER_PASSWORD_FILE}), for operators and for this
 * class's own housekeeping, and the application role {@value #APP_ROLE} ({@value
 * #APP_PASSWORD_FILE}), which is not a superuser, owns the databases {@link #ensureDatabase}
 * creates and everything in them, and is what applications and their migrations connect as. A data
 * directory created by an older version, which trusted every local connection, is upgraded on
 * start: passwords are set while trust still lets this class in, then {@code pg_hba.conf} is
 * rewritten and reloaded, and its databases are handed to the application role; no data changes.
 * Passwords never appear in logs, exception messages or {@link Login#toString}.
 */
public final class LocalPostgres implements AutoCloseable {

  /** The superuser, for operators and housekeeping only. */
  public static final String SUPERUSER = "postgres";

  /** The role applications connect as: no superuser, owner of its databases. */
  public static final String APP_ROLE = "twinledger";

  /** The file in the data directory holding {@value #SUPERUSER}'s password. */
  public static final String SUPERUSER_PASSWORD_FILE = "postgres.password";

  /** The file in the data directory holding {@value #APP_ROLE}'s password. */
  public static final String APP_PASSWORD_FILE = "twinledger.password";

  /** The owner-only directory in the data directory holding the server's Unix socket. */
  public static final String SOCKET_DIRECTORY = "socket";

  private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final String MAX_WAL_SIZE = "128MB";
  private static final String MIN_WAL_SIZE = "32MB";
  private static final Duration ORPHAN_SHUTDOWN = Duration.ofSeconds(30);
  private static final Duration RELOAD = Duration.ofSeconds(10);
  private static final String HBA_FILE = "pg_hba.conf";
  private static final String HBA =
      """
      # Written by TwinLedger's LocalPostgres on every start; edits are overwritten.
      # Every connection needs a password: see postgres.password and twinledger.password.
      # TYPE  DATABASE  USER  ADDRESS       METHOD
      local   all       all                 scram-sha-256
      host    all       all   127.0.0.1/32  scram-sha-256
      host    all       all   ::1/128       scram-sha-256
      """;
  // A Unix socket path is at most 107 bytes; the socket file's name is .s.PGSQL.<port>.
  private static final int MAX_SOCKET_DIRECTORY = 90;
  private static final Pattern SHELL_SAFE_PATH = Pattern.compile("[A-Za-z0-9/._-]+");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private final EmbeddedPostgres server;
  private final Path dataDirectory;
  private final String superuserPassword;
  private final String appPassword;

  private LocalPostgres(
      EmbeddedPostgres server, Path dataDirectory, String superuserPassword, String appPassword) {
    this.server = server;
    this.dataDirectory = dataDirectory;
    this.superuserPassword = superuserPassword;
    this.appPassword = appPassword;
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
    Path data = dataDirectory.toAbsolutePath();
    Optional<Path> initdbPassword = Optional.empty();
    Optional<Path> socket = socketDirectory(data);
    try {
      Files.createDirectories(data);
      stopOrphan(data);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(data)
              .setCleanDataDirectory(false)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setRegisterShutdownHook(lifetime == Lifetime.UNTIL_JVM_EXIT)
              .setServerConfig("listen_addresses", "localhost")
              .setServerConfig("password_encryption", "scram-sha-256")
              .setServerConfig("unix_socket_directories", socket.map(Path::toString).orElse(""))
              // PostgreSQL keeps up to max_wal_size of WAL for reuse: at its default (1 GB) a year
              // of the demo's history left half a gigabyte of WAL next to 430 MB of data. 128 MB
              // means more frequent checkpoints during a bulk import, nothing else.
              .setServerConfig("max_wal_size", MAX_WAL_SIZE)
              .setServerConfig("min_wal_size", MIN_WAL_SIZE);
      String on = durability == Durability.DURABLE ? "on" : "off";
      builder.setServerConfig("fsync", on).setServerConfig("synchronous_commit", on);
      Path superuserFile = data.resolve(SUPERUSER_PASSWORD_FILE);
      String superuserPassword;
      if (Files.exists(data.resolve("postgresql.conf"))) {
        if (!Files.exists(superuserFile) && !trusting(data)) {
          // A new password would not be the cluster's; the server would refuse it.
          throw new IllegalStateException(
              superuserFile
                  + " is missing and the cluster requires the superuser's password: restore the"
                  + " file from a backup of the data directory");
        }
        superuserPassword = readOrCreateSecret(superuserFile);
      } else {
        // A new cluster: initdb (run by zonky, which asks for trust) gets the password and
        // scram-sha-256 as later options, which win, so the cluster never trusts anyone. initdb
        // wants an empty directory, so the password waits next to it until initdb is done.
        superuserPassword = newSecret();
        Path file = writeSecret(data.getParent(), superuserPassword);
        initdbPassword = Optional.of(file);
        builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", file.toString());
      }
      Optional<Path> moved = initdbPassword;
      builder.setDataDirectoryCustomizer(created -> prepare(created.toPath(), moved, socket));
      // zonky's readiness check logs in as the superuser.
      builder.setConnectConfig("password", superuserPassword);
      EmbeddedPostgres server = builder.start();
      try {
        String appPassword = readOrCreateSecret(data.resolve(APP_PASSWORD_FILE));
        LocalPostgres postgres = new LocalPostgres(server, data, superuserPassword, appPassword);
        postgres.lockDown();
        return postgres;
      } catch (RuntimeException | IOException e) {
        server.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start embedded PostgreSQL in " + data, e);
    } finally {
      initdbPassword.ifPresent(LocalPostgres::deleteQuietly);
    }
  }

  /** The port the server listens on, on localhost. */
  public int port() {
    return server.getPort();
  }

  /** The owner-only file holding the superuser's password, for operators (psql's PGPASSFILE). */
  public Path superuserPasswordFile() {
    return dataDirectory.resolve(SUPERUSER_PASSWORD_FILE);
  }

  /** The owner-only file holding the application role's password. */
  public Path appPasswordFile() {
    return dataDirectory.resolve(APP_PASSWORD_FILE);
  }

  /**
   * Creates {@code database}, owned by the application role, if it does not exist yet, and returns
   * how the application role logs in to it. A database an older version created (owned by the
   * superuser) is handed over to the application role with the tables, views and sequences of its
   * {@code public} schema.
   *
   * @param database lower-case SQL identifier
   */
  public Login ensureDatabase(String database) {
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw new IllegalArgumentException("Not a plain database name: " + database);
    }
    try (Connection connection = superuser("postgres").connect();
        PreparedStatement owner =
            connection.prepareStatement(
                "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = ?")) {
      owner.setString(1, database);
      try (ResultSet rs = owner.executeQuery();
          Statement statement = connection.createStatement()) {
        if (!rs.next()) {
          statement.execute("CREATE DATABASE " + database + " OWNER " + APP_ROLE);
          statement.execute("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
        } else if (!rs.getString(1).equals(APP_ROLE)) {
          handOver(database);
          statement.execute("ALTER DATABASE " + database + " OWNER TO " + APP_ROLE);
          statement.execute("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + database, e);
    }
    return new Login(jdbcUrl(database), APP_ROLE, appPassword);
  }

  /** How the superuser logs in to {@code database}: for housekeeping and tests only. */
  Login superuser(String database) {
    return new Login(jdbcUrl(database), SUPERUSER, superuserPassword);
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + port() + "/" + database;
  }

  /**
   * Makes the running server require passwords: sets the superuser's (a cluster from an older
   * version has none, and still trusts, which lets this in), rewrites {@code pg_hba.conf} and
   * reloads it when it changed, and creates or resets the application role.
   */
  private void lockDown() throws IOException {
    Path hba = dataDirectory.resolve(HBA_FILE);
    boolean changed = !Files.readString(hba).equals(HBA);
    boolean upgrade = trusting(dataDirectory);
    try (Connection connection = superuser("postgres").connect()) {
      if (changed) {
        setPassword(connection, SUPERUSER, superuserPassword);
        Path written = writeSecret(dataDirectory, HBA);
        Files.move(
            written, hba, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (Statement statement = connection.createStatement()) {
          statement.execute("SELECT pg_reload_conf()");
        }
        awaitPasswordsRequired();
        if (upgrade) {
          log.info(
              "PostgreSQL in {} trusted local connections; it now requires passwords, in {}",
              dataDirectory,
              List.of(SUPERUSER_PASSWORD_FILE, APP_PASSWORD_FILE));
        }
      }
      try (Statement statement = connection.createStatement()) {
        String attributes =
            " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT";
        if (!roleExists(connection, APP_ROLE)) {
          statement.execute("CREATE ROLE " + APP_ROLE + attributes);
        } else {
          statement.execute("ALTER ROLE " + APP_ROLE + attributes);
        }
      }
      setPassword(connection, APP_ROLE, appPassword);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot log in to embedded PostgreSQL in "
              + dataDirectory
              + " as "
              + SUPERUSER
              + " with the password in "
              + superuserPasswordFile(),
          e);
    }
  }

  /** Waits until the reloaded configuration refuses a login without password. */
  private void awaitPasswordsRequired() {
    long deadline = System.nanoTime() + RELOAD.toNanos();
    while (System.nanoTime() < deadline) {
      try (Connection ignored = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, null)) {
        Thread.sleep(50);
      } catch (SQLException refused) {
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new IllegalStateException(
        "PostgreSQL in " + dataDirectory + " still accepts logins without password after reload");
  }

  /**
   * Gives the application role the tables, views and sequences in {@code database}'s {@code public}
   * schema (sequences owned by a column follow their table).
   */
  private void handOver(String database) throws SQLException {
    try (Connection connection = superuser(database).connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          """
          DO $$
          DECLARE r record;
          BEGIN
            FOR r IN
              SELECT c.oid::regclass AS name, c.relkind = 'S' AS is_sequence
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                  AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
              ORDER BY c.relkind = 'S'
            LOOP
              EXECUTE format('ALTER %s %s OWNER TO %I',
                  CASE WHEN r.is_sequence THEN 'SEQUENCE' ELSE 'TABLE' END, r.name, 'APP_ROLE');
            END LOOP;
          END $$
          """
              .replace("APP_ROLE", APP_ROLE));
    }
  }

  private static boolean roleExists(Connection connection, String role) throws SQLException {
    try (PreparedStatement exists =
        connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
      exists.setString(1, role);
      try (ResultSet rs = exists.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Sets a password as a SCRAM verifier computed here, so the server never sees the password. */
  private static void setPassword(Connection connection, String role, String password)
      throws SQLException {
    connection
        .unwrap(PGConnection.class)
        .alterUserPassword(role, password.toCharArray(), "scram-sha-256");
  }

  /**
   * The owner-only socket directory; empty (no Unix socket) where the platform has no POSIX
   * permissions or its path is too long for a socket or not safe on pg_ctl's command line, which
   * passes server options through a shell.
   */
  private static Optional<Path> socketDirectory(Path data) {
    Path dir = data.resolve(SOCKET_DIRECTORY);
    String path = dir.toString();
    if (!posix()
        || path.length() > MAX_SOCKET_DIRECTORY
        || !SHELL_SAFE_PATH.matcher(path).matches()) {
      log.info("PostgreSQL in {} gets no Unix socket, only loopback TCP", data);
      return Optional.empty();
    }
    return Optional.of(dir);
  }

  /**
   * Run by zonky after initdb (which wants an empty directory, so nothing of ours is there before)
   * and before the server starts.
   */
  private static void prepare(Path data, Optional<Path> initdbPassword, Optional<Path> socket) {
    try {
      if (initdbPassword.isPresent()) {
        Files.move(initdbPassword.get(), data.resolve(SUPERUSER_PASSWORD_FILE));
      }
      if (socket.isPresent()) {
        if (!Files.isDirectory(socket.get())) {
          Files.createDirectory(socket.get());
        }
        Files.setPosixFilePermissions(socket.get(), OWNER_ONLY_DIRECTORY);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether {@code pg_hba.conf} trusts some connections, as older versions had it. */
  private static boolean trusting(Path data) throws IOException {
    return Files.readAllLines(data.resolve(HBA_FILE)).stream()
        .map(String::strip)
        .filter(line -> !line.startsWith("#"))
        .anyMatch(line -> line.matches(".*\\btrust\\b.*"));
  }

  private static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The secret in {@code file}, after generating one into it if there is no such file. */
  private static String readOrCreateSecret(Path file) throws IOException {
    if (!Files.exists(file)) {
      Path written = writeSecret(file.getParent(), newSecret());
      try {
        Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        deleteQuietly(written);
      }
    }
    if (posix()) {
      Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
    }
    String secret = Files.readString(file).strip();
    if (secret.isEmpty()) {
      throw new IllegalStateException(file + " is empty");
    }
    return secret;
  }

  /**
   * Writes {@code text} (plus a line end, as initdb's password file wants) to a new owner-only file
   * in {@code directory}; created with its permissions, so it is never readable by others.
   */
  private static Path writeSecret(Path directory, String text) throws IOException {
    Path file =
        posix()
            ? Files.createTempFile(
                directory,
                ".twinledger-",
                ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))
            : Files.createTempFile(directory, ".twinledger-", ".tmp");
    Files.writeString(file, text.endsWith("\n") ? text : text + "\n");
    return file;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("Cannot delete {}", file, e);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
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

  /**
   * How a role logs in to one database of the server: the JDBC URL (without credentials), the role,
   * and its password. An immutable value; {@link #toString} leaves the password out.
   */
  public record Login(String jdbcUrl, String user, String password) {

    public Login {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
    }

    /** A new connection; the caller closes it. */
    public Connection connect() throws SQLException {
      return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /**
     * The JDBC URL with user and password as parameters, for what takes nothing but a URL (test
     * fixtures, {@code twinledger.db.url}). It holds the password: never log it.
     */
    public String urlWithCredentials() {
      return jdbcUrl
          + (jdbcUrl.contains("?") ? "&" : "?")
          + "user="
          + URLEncoder.encode(user, StandardCharsets.UTF_8)
          + "&password="
          + URLEncoder.encode(password, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return "Login[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=(hidden)]";
    }
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
