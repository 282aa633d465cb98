package io.twinledger.twin.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;

/** A durable embedded PostgreSQL with the twin-adapter schema behind a pool, for benchmarks. */
final class BenchDatabase {

  private BenchDatabase() {}

  static DataSource fresh() throws Exception {
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    postgres.close();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }));
    // A connection pool, as the service has: a new server process per stored batch would cost
    // more than some of the work being measured.
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    pool.setMaximumPoolSize(4);
    DataSource db = new HikariDataSource(pool);
    Flyway.configure().dataSource(db).load().migrate();
    return db;
  }

  /** The baseline table of the benchmarks: {@code reading}'s columns, constraints and indexes. */
  static void createRawReadingTable(DataSource db) throws Exception {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE raw_reading (LIKE reading INCLUDING DEFAULTS INCLUDING CONSTRAINTS"
              + " INCLUDING INDEXES)");
    }
  }

  /** One {@code COPY raw_reading FROM STDIN} of CSV rows in {@code reading}'s column order. */
  static void copyRaw(DataSource db, String csvRows) throws Exception {
    try (Connection c = db.getConnection()) {
      c.unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn("COPY raw_reading FROM STDIN (FORMAT csv)", new StringReader(csvRows));
    }
  }
}
