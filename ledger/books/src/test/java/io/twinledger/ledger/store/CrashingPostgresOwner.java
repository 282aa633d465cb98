package io.twinledger.ledger.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * Run in a child JVM by {@link LocalPostgresTest}: starts PostgreSQL in the given directory,
 * commits one row, announces itself and waits to be killed; or, given a {@link
 * LocalPostgres.Lifetime} as second argument, starts it with that lifetime and exits normally
 * without closing it.
 */
public final class CrashingPostgresOwner {

  public static void main(String[] args) throws Exception {
    LocalPostgres.Lifetime lifetime =
        args.length > 1
            ? LocalPostgres.Lifetime.valueOf(args[1])
            : LocalPostgres.Lifetime.UNTIL_JVM_EXIT;
    LocalPostgres postgres =
        LocalPostgres.start(Path.of(args[0]), LocalPostgres.Durability.DURABLE, lifetime);
    try (Connection connection = postgres.ensureDatabase("books").connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE entry (id int PRIMARY KEY, note text)");
      statement.execute("INSERT INTO entry VALUES (1, 'acknowledged before the crash')");
    }
    System.out.println("READY");
    System.out.flush();
    if (args.length > 1) {
      System.exit(0);
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
