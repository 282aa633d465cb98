package io.twinledger.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
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
    Process owner =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                CrashingPostgresOwner.class.getName(),
                data.toString())
            .redirectErrorStream(true)
            .start();
    try (BufferedReader output =
        new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      do {
        line = output.readLine();
      } while (line != null && !line.equals("READY"));
      assertThat(line).as("child JVM started PostgreSQL").isEqualTo("READY");
    }
    owner.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    long orphanPid =
        Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
    assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive))
        .as("PostgreSQL outlives the killed JVM")
        .contains(true);

    try (LocalPostgres successor = LocalPostgres.start(data, LocalPostgres.Durability.FAST)) {
      assertThat(count(successor.ensureDatabase("books"))).isEqualTo(1);
      assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
  }

  private static void execute(String url, String... sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      for (String s : sql) {
        statement.execute(s);
      }
    }
  }

  private static int count(String url) throws Exception {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT count(*) FROM entry")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
