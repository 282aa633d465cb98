package io.twinledger.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresTest {

  @TempDir Path dir;

  @Test
  void dataSurvivesAnOrderlyRestart() throws Exception {
    Path data = dir.resolve("pg");
    try (LocalPostgres first = LocalPostgres.start(data, LocalPostgres.Durability.FAST)) {
      execute(
          first.ensureDatabase("books"),
          "CREATE TABLE entry (id int)",
          "INSERT INTO entry VALUES (7)");
    }
    try (LocalPostgres second = LocalPostgres.start(data, LocalPostgres.Durability.FAST)) {
      assertThat(count(second.ensureDatabase("books"))).isEqualTo(1);
    }
  }

  @Test
  void takesOverTheDataDirectoryOfAKilledOwner() throws Exception {
    Path data = dir.resolve("pg");
    Process owner = owner(data);
    owner.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    long orphanPid = postmaster(data);
    assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive))
        .as("PostgreSQL outlives the killed JVM")
        .contains(true);

    try (LocalPostgres successor = LocalPostgres.start(data, LocalPostgres.Durability.FAST)) {
      assertThat(count(successor.ensureDatabase("books"))).isEqualTo(1);
      assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
  }

  /**
   * The JVM's own shutdown hook stops a server that lives until JVM exit; one its owner closes (as
   * the service's context does, after the connections that use it) is left to its owner, and is
   * taken over as an orphan when the owner exits without closing it.
   */
  @Test
  void onlyAServerThatLivesUntilJvmExitIsStoppedByTheJvm() throws Exception {
    Path hooked = dir.resolve("hooked");
    owner(hooked, LocalPostgres.Lifetime.UNTIL_JVM_EXIT.name()).waitFor(60, TimeUnit.SECONDS);
    // PostgreSQL removes its pid file when it has shut down cleanly.
    await(() -> !Files.exists(hooked.resolve("postmaster.pid")));

    Path owned = dir.resolve("owned");
    owner(owned, LocalPostgres.Lifetime.UNTIL_CLOSED.name()).waitFor(60, TimeUnit.SECONDS);
    long ownedPid = postmaster(owned);
    Thread.sleep(1_000);
    assertThat(ProcessHandle.of(ownedPid).map(ProcessHandle::isAlive))
        .as("nobody but its owner stops it")
        .contains(true);
    try (LocalPostgres successor = LocalPostgres.start(owned, LocalPostgres.Durability.FAST)) {
      assertThat(count(successor.ensureDatabase("books"))).isEqualTo(1);
    }
  }

  /** A child JVM running {@link CrashingPostgresOwner}, once its PostgreSQL is ready. */
  private static Process owner(Path data, String... more) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                CrashingPostgresOwner.class.getName(),
                data.toString()));
    command.addAll(List.of(more));
    Process owner = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (BufferedReader output =
        new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      do {
        line = output.readLine();
      } while (line != null && !line.equals("READY"));
      assertThat(line).as("child JVM started PostgreSQL").isEqualTo("READY");
    }
    return owner;
  }

  private static long postmaster(Path data) throws Exception {
    return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("in time").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static void execute(LocalPostgres.Login login, String... sql) throws Exception {
    try (Connection connection = login.connect();
        Statement statement = connection.createStatement()) {
      for (String s : sql) {
        statement.execute(s);
      }
    }
  }

  private static int count(LocalPostgres.Login login) throws Exception {
    try (Connection connection = login.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT count(*) FROM entry")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
