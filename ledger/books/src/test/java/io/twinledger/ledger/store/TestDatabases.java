package io.twinledger.ledger.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;

/**
 * PostgreSQL servers for tests: always the embedded one, and also the server named by {@code
 * TWINLEDGER_TEST_DB_URL} when that variable is set. Every call to {@link #freshDatabase} creates
 * an empty database, so test classes never see each other's rows.
 */
public final class TestDatabases {

  /** Environment variable naming an external PostgreSQL to test against as well. */
  public static final String EXTERNAL_URL_VARIABLE = "TWINLEDGER_TEST_DB_URL";

  private static LocalPostgres embedded;

  private TestDatabases() {}

  /** The targets to run database tests against, embedded first. */
  public static Stream<Target> targets() {
    List<Target> targets = new ArrayList<>();
    targets.add(Target.EMBEDDED);
    external().ifPresent(url -> targets.add(Target.EXTERNAL));
    return targets.stream();
  }

  /** The external server's JDBC URL, when one is configured. */
  public static Optional<String> external() {
    return Optional.ofNullable(System.getenv(EXTERNAL_URL_VARIABLE)).filter(s -> !s.isBlank());
  }

  /**
   * Creates an empty database on the target and returns its JDBC URL, user and password included
   * (on the embedded server, the application role's generated one).
   */
  public static String freshDatabase(Target target) {
    String name = "tl_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    return switch (target) {
      case EMBEDDED -> embedded().ensureDatabase(name).urlWithCredentials();
      case EXTERNAL -> createOnExternal(name);
    };
  }

  /**
   * A fresh database on the embedded server with every migration on the class path applied, in a
   * pool of at most {@code poolSize} connections; the caller closes it.
   */
  public static HikariDataSource migrated(int poolSize) {
    return migrated(freshDatabase(Target.EMBEDDED), poolSize);
  }

  /**
   * The database at {@code jdbcUrl} with every migration on the class path applied, in a pool of at
   * most {@code poolSize} connections; the caller closes it. For a database the caller chose, such
   * as one on a benchmark's own durable server.
   */
  public static HikariDataSource migrated(String jdbcUrl, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    return migrated(config, poolSize);
  }

  /**
   * The database {@code login} opens, as {@link #migrated(String, int)} does: for a database on a
   * benchmark's own embedded server.
   */
  public static HikariDataSource migrated(LocalPostgres.Login login, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(login.jdbcUrl());
    config.setUsername(login.user());
    config.setPassword(login.password());
    return migrated(config, poolSize);
  }

  private static HikariDataSource migrated(HikariConfig config, int poolSize) {
    config.setMaximumPoolSize(poolSize);
    HikariDataSource dataSource = new HikariDataSource(config);
    Flyway.configure().dataSource(dataSource).load().migrate();
    return dataSource;
  }

  /** The shared embedded server of this JVM, started on first use in a temporary directory. */
  public static synchronized LocalPostgres embedded() {
    if (embedded == null) {
      try {
        Path dir = Files.createTempDirectory("twinledger-test-pg");
        embedded = LocalPostgres.start(dir.resolve("pg"), LocalPostgres.Durability.FAST);
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return embedded;
  }

  private static String createOnExternal(String name) {
    String adminUrl = external().orElseThrow();
    try (Connection connection = DriverManager.getConnection(adminUrl);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
      return withDatabase(adminUrl, name);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot create a test database on " + EXTERNAL_URL_VARIABLE + "=" + adminUrl, e);
    }
  }

  /** Replaces the database name in a JDBC URL, keeping host, port and parameters. */
  static String withDatabase(String url, String database) {
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query);
    String params = query < 0 ? "" : url.substring(query);
    int slash = base.lastIndexOf('/');
    return base.substring(0, slash + 1) + database + params;
  }

  /** Where a test database lives. */
  public enum Target {
    EMBEDDED,
    EXTERNAL
  }
}
