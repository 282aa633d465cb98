package io.twinledger.twin.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** A durable embedded PostgreSQL with the twin-adapter schema, for benchmarks. */
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
    DataSource db = postgres.getPostgresDatabase();
    Flyway.configure().dataSource(db).load().migrate();
    return db;
  }
}
