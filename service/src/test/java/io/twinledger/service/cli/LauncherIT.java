package io.twinledger.service.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./twinledger} as a user runs it, from a directory of their own, on the packaged jar: the
 * files that {@code import} and {@code export-evidence --out} name are relative to that directory,
 * not to the repository root. A stand-in for the service answers over real HTTP.
 */
class LauncherIT {

  private static final Path LAUNCHER =
      Path.of(System.getProperty("launcher")).toAbsolutePath().normalize();

  private static final String BUNDLE = "{\"format\": \"stand-in bundle\"}";

  @TempDir Path caller;
  @TempDir Path logs;

  private HttpServer service;
  private final AtomicReference<String> imported = new AtomicReference<>();

  @BeforeEach
  void startService() throws IOException {
    service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    service.createContext(
        "/api/v1/twin/imports",
        exchange -> {
          imported.set(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          answer(exchange, "{\"stored\":1,\"duplicates\":0,\"quarantined\":0}");
        });
    service.createContext("/api/v1/evidence/kpi-periods", exchange -> answer(exchange, BUNDLE));
    service.start();
  }

  @AfterEach
  void stopService() {
    service.stop(0);
  }

  @Test
  void importReadsAFileRelativeToTheCallersDirectory() throws Exception {
    String csv = "asset_id,kpi_id,observed_at,value\na,b,2026-01-01T00:00:00Z,1\n";
    Files.writeString(caller.resolve("readings.csv"), csv);

    Run run = launch("import", "readings.csv", "--url", url());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo("readings.csv: {\"stored\":1,\"duplicates\":0,\"quarantined\":0}\n");
    assertThat(imported.get()).isEqualTo(csv);
  }

  @Test
  void exportEvidenceWritesAFileRelativeToTheCallersDirectory() throws Exception {
    Files.createDirectory(caller.resolve("bundles"));

    Run run =
        launch(
            "export-evidence",
            "--asset",
            "dma-north-hill",
            "--kpi",
            "system-input-volume",
            "--kind",
            "DAY",
            "--start",
            "2026-11-01T00:00:00Z",
            "--out",
            "bundles/evidence.json",
            "--url",
            url());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(caller.resolve("bundles/evidence.json")).hasContent(BUNDLE);
  }

  private String url() {
    return "http://127.0.0.1:" + service.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private record Run(int code, String out, String err) {}

  private Run launch(String... args) throws Exception {
    Path out = logs.resolve("out.txt");
    Path err = logs.resolve("err.txt");
    ProcessBuilder command =
        new ProcessBuilder(
                Stream.concat(Stream.of("bash", LAUNCHER.toString()), Stream.of(args)).toList())
            .directory(caller.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    command.environment().put("TWINLEDGER_PASSWORD", "operator");
    Process process = command.start();
    // The first run after a build extracts the jar (a few seconds).
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
