package io.twinledger.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a local user who finds the embedded server's port can do: nothing without a password, and
 * the application's role cannot reach the operating system. Against a real server.
 */
class LocalPostgresLockdownTest {

  /** SQLSTATE insufficient_privilege. */
  private static final String INSUFFICIENT_PRIVILEGE = "42501";

  /** SQLSTATE invalid_password. */
  private static final String INVALID_PASSWORD = "28P01";

  @TempDir static Path shared;
  private static LocalPostgres postgres;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    postgres = LocalPostgres.start(shared.resolve("pg"), LocalPostgres.Durability.FAST);
  }

  @AfterAll
  static void stop() {
    postgres.close();
  }

  @Test
  void refusesLoginsWithoutPasswordOrWithAWrongOne() throws Exception {
    LocalPostgres.Login app = postgres.ensureDatabase("lockdown");
    for (String user : List.of(LocalPostgres.SUPERUSER, LocalPostgres.APP_ROLE)) {
      assertThatThrownBy(() -> DriverManager.getConnection(app.jdbcUrl(), user, null).close())
          .as("%s without password", user)
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("no password was provided");
      assertThatThrownBy(() -> DriverManager.getConnection(app.jdbcUrl(), user, "postgres").close())
          .as("%s with a wrong password", user)
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INVALID_PASSWORD));
    }
    try (Connection connection = app.connect()) {
      assertThat(connection.isValid(5)).as("the right password works").isTrue();
    }
    assertThat(app.toString()).doesNotContain(app.password());
  }

  @Test
  void trustsNoConnection() throws Exception {
    List<String> rules =
        Files.readAllLines(shared.resolve("pg").resolve("pg_hba.conf")).stream()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList();
    assertThat(rules).isNotEmpty().allSatisfy(rule -> assertThat(rule).endsWith("scram-sha-256"));
    try (Connection connection = postgres.superuser("postgres").connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method <> 'scram-sha-256'")) {
      rs.next();
      assertThat(rs.getInt(1)).as("rules other than scram-sha-256 the server loaded").isZero();
    }
  }

  @Test
  void theApplicationRoleIsNoSuperuserAndCannotReachTheOperatingSystem() throws Exception {
    try (Connection connection = postgres.ensureDatabase("lockdown").connect();
        Statement statement = connection.createStatement()) {
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles"
                  + " WHERE rolname = current_user")) {
        rs.next();
        assertThat(List.of(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3)))
            .containsOnly(false);
      }
      for (String sql :
          List.of(
              "COPY (SELECT 1) TO PROGRAM 'true'",
              "COPY (SELECT 1) TO '/tmp/twinledger-lockdown-probe'",
              "SELECT pg_read_file('postgresql.conf')",
              "COPY (SELECT 1) TO PROGRAM 'id > /tmp/twinledger-lockdown-probe'")) {
        assertThatThrownBy(() -> statement.execute(sql))
            .as(sql)
            .isInstanceOfSatisfying(
                SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
      }
      statement.execute("CREATE TABLE owned (id int)");
      statement.execute("DROP TABLE owned");
    }
  }

  @Test
  void passwordFilesAreOwnerOnly() throws Exception {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "no POSIX file permissions on this platform");
    for (Path file : List.of(postgres.superuserPasswordFile(), postgres.appPasswordFile())) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .as(file.toString())
          .isEqualTo("rw-------");
      assertThat(Files.readString(file).strip()).hasSizeGreaterThanOrEqualTo(32);
    }
    assertThat(Files.readString(postgres.superuserPasswordFile()))
        .isNotEqualTo(Files.readString(postgres.appPasswordFile()));
  }

  @Test
  void anotherOperatingSystemUserCannotConnect() throws Exception {
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "needs root to run psql as another OS user (nobody)");
    Path psql = Path.of("/usr/bin/psql");
    Path runuser = Path.of("/usr/sbin/runuser");
    assumeTrue(Files.isExecutable(psql), "no /usr/bin/psql to connect with");
    assumeTrue(Files.isExecutable(runuser), "no /usr/sbin/runuser to switch to nobody");
    for (String password : List.of("", "postgres")) {
      Process process =
          new ProcessBuilder(
                  runuser.toString(),
                  "-u",
                  "nobody",
                  "--",
                  "env",
                  "-i",
                  "PGPASSWORD=" + password,
                  "PGCONNECT_TIMEOUT=10",
                  psql.toString(),
                  "-w",
                  "-h",
                  "127.0.0.1",
                  "-p",
                  Integer.toString(postgres.port()),
                  "-U",
                  LocalPostgres.SUPERUSER,
                  "-d",
                  "postgres",
                  "-c",
                  "SELECT 1")
              .redirectErrorStream(true)
              .start();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.exitValue()).as(output).isNotZero();
      assertThat(output)
          .containsAnyOf("no password supplied", "password authentication failed for user");
    }
  }

  /** A data directory an older version created, trusting every local connection. */
  @Test
  void upgradesATrustingDataDirectoryAndKeepsItsData() throws Exception {
    Path data = dir.resolve("old");
    try (EmbeddedPostgres old =
            EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "localhost")
                .start();
        Connection admin = old.getPostgresDatabase().getConnection();
        Statement create = admin.createStatement()) {
      create.execute("CREATE DATABASE books");
      try (Connection books = DriverManager.getConnection(old.getJdbcUrl("postgres", "books"));
          Statement statement = books.createStatement()) {
        statement.execute("CREATE TABLE entry (id serial PRIMARY KEY, note text)");
        statement.execute("CREATE VIEW entry_notes AS SELECT note FROM entry");
        statement.execute("INSERT INTO entry (note) VALUES ('kept')");
      }
    }
    assertThat(Files.readString(data.resolve("pg_hba.conf"))).contains("trust");

    try (LocalPostgres upgraded = LocalPostgres.start(data, LocalPostgres.Durability.FAST)) {
      LocalPostgres.Login login = upgraded.ensureDatabase("books");
      assertThat(Files.readString(data.resolve("pg_hba.conf"))).doesNotContain("trust");
      assertThatThrownBy(
              () ->
                  DriverManager.getConnection(login.jdbcUrl(), LocalPostgres.SUPERUSER, null)
                      .close())
          .isInstanceOf(SQLException.class);
      try (Connection connection = login.connect();
          Statement statement = connection.createStatement()) {
        statement.execute("INSERT INTO entry (note) VALUES ('added')");
        statement.execute("ALTER TABLE entry ADD COLUMN amount numeric");
        try (ResultSet rs =
            statement.executeQuery("SELECT string_agg(note, ',') FROM entry_notes")) {
          rs.next();
          assertThat(rs.getString(1)).isEqualTo("kept,added");
        }
      }
    }
    try (LocalPostgres again = LocalPostgres.start(data, LocalPostgres.Durability.FAST);
        Connection connection = again.ensureDatabase("books").connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT count(*) FROM entry")) {
      rs.next();
      assertThat(rs.getInt(1)).as("rows after a second start").isEqualTo(2);
    }
  }
}
