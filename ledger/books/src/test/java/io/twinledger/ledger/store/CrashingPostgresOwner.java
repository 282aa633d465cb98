package io.twinledger.ledger.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Run in a child JVM by {@link LocalPostgresTest}: starts PostgreSQL in the given directory,
 * commits one row, announces itself and waits to be killed.
 */
public final class CrashingPostgresOwner {

  public static void main(String[] args) throws Exception {
    LocalPostgres postgres =
        LocalPostgres.start(Path.of(args[0]), LocalPostgres.Durability.DURABLE);
    try (Connection connection = DriverManager.getConnection(postgres.ensureDatabase("books"));
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE entry (id int PRIMARY KEY, note text)");
      statement.execute("INSERT INTO entry VALUES (1, 'acknowledged before the crash')");
    }
    System.out.println("READY");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
