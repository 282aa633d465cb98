package io.twinledger.twin.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Migrated, empty databases for store tests: on an embedded PostgreSQL always, and on the server
 * named by {@code TWINLEDGER_TEST_DB_URL} when it is set. twin-adapter may not use the ledger's
 * test fixtures, so it starts its own embedded server.
 */
public final class StoreDatabases {

  private static EmbeddedPostgres embedded;

  private StoreDatabases() {}

  /** Target names, embedded first; each is a parameter of the store tests. */
  public static List<String> targets() {
    List<String> targets = new ArrayList<>(List.of("embedded"));
    external().ifPresent(url -> targets.add("external"));
    return targets;
  }

  /** A new database on the target, with the twin-adapter schema applied. */
  public static DataSource fresh(String target) {
    String name = "tl_twin_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    String url =
        switch (target) {
          case "embedded" -> create(embedded().getJdbcUrl("postgres", "postgres"), name);
          case "external" -> create(external().orElseThrow(), name);
          default -> throw new IllegalArgumentException(target);
        };
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(url);
    Flyway.configure().dataSource(dataSource).load().migrate();
    return dataSource;
  }

  private static Optional<String> external() {
    return Optional.ofNullable(System.getenv("TWINLEDGER_TEST_DB_URL")).filter(s -> !s.isBlank());
  }

  private static synchronized EmbeddedPostgres embedded() {
    if (embedded == null) {
      try {
        embedded = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try {
                        embedded.close();
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    }));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return embedded;
  }

  private static String create(String adminUrl, String name) {
    try (Connection connection = DriverManager.getConnection(adminUrl);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create test database on " + adminUrl, e);
    }
    int query = adminUrl.indexOf('?');
    String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
    String params = query < 0 ? "" : adminUrl.substring(query);
    return base.substring(0, base.lastIndexOf('/') + 1) + name + params;
  }

  /** The first column of every row {@code sql} returns, as text. */
  public static List<String> rows(DataSource db, String sql) throws java.sql.SQLException {
    List<String> rows = new java.util.ArrayList<>();
    try (java.sql.Connection c = db.getConnection();
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }
}
