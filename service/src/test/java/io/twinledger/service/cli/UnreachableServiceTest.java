package io.twinledger.service.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client commands against a service that is not there: one line naming why, never the Java HTTP
 * client's "null".
 */
class UnreachableServiceTest {

  private static final Map<String, String> ENV = Map.of("TWINLEDGER_PASSWORD", "operator");

  @TempDir Path dir;

  @Test
  void importExportAndPnlNameARefusedConnection() throws Exception {
    String url = "http://127.0.0.1:" + closedPort();
    Path csv = Files.writeString(dir.resolve("r.csv"), "asset_id\n");

    assertOneLine(
        run(ImportCommand::run, csv.toString(), "--url", url),
        "twinledger: import failed: connection refused");
    assertOneLine(
        run(
            ExportEvidenceCommand::run,
            "--url",
            url,
            "--asset",
            "a",
            "--kpi",
            "k",
            "--kind",
            "DAY",
            "--start",
            "2026-01-01T00:00:00Z",
            "--out",
            dir.resolve("e.json").toString()),
        "twinledger: export failed: connection refused");
    assertOneLine(
        run(PnlCommand::run, "--url", url, "--asset", "a"),
        "twinledger: cannot reach the service: connection refused");
  }

  @Test
  void anUnknownHostIsNamed() {
    assertOneLine(
        run(PnlCommand::run, "--url", "http://no-such-service.invalid:8080", "--asset", "a"),
        "twinledger: cannot reach the service: unknown host no-such-service.invalid");
  }

  private static void assertOneLine(Run run, String line) {
    assertThat(run.code()).as(run.err()).isOne();
    assertThat(run.err()).isEqualTo(line + "\n");
  }

  private record Run(int code, String err) {}

  @FunctionalInterface
  private interface Command {
    int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err);
  }

  private static Run run(Command command, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        command.run(
            args,
            ENV,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, err.toString(StandardCharsets.UTF_8));
  }

  /** A local port nothing listens on: bound, then released. */
  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
