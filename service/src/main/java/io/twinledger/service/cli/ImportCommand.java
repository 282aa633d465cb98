package io.twinledger.service.cli;

import io.twinledger.twin.net.NetworkFailure;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./twinledger import FILE}: streams a CSV or JSON-lines file to a running service's import
 * endpoint, with a progress bar on standard error. The file is never loaded whole; the service
 * stores it chunk by chunk, so an interrupted import can simply be run again.
 */
final class ImportCommand {

  static final String USAGE =
      "usage: ./twinledger import FILE [--url http://localhost:8080] [--user operator]"
          + " (password from TWINLEDGER_PASSWORD or a prompt)";

  private static final int BAR = 30;

  private ImportCommand() {}

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println("twinledger: " + USAGE);
      return 2;
    }
    Path file = Path.of(args[0]);
    if (!Files.isRegularFile(file)) {
      err.println("twinledger: no such file: " + file);
      return 2;
    }
    ServiceConnection service;
    try {
      service = ServiceConnection.parse(Arrays.copyOfRange(args, 1, args.length), env);
    } catch (ServiceConnection.UsageException e) {
      err.println("twinledger: " + e.getMessage() + "; " + USAGE);
      return 2;
    }
    try {
      return upload(file, service, out, err);
    } catch (IOException e) {
      err.println(
          "twinledger: import failed: "
              + NetworkFailure.cause(e, URI.create(service.url()).getHost()));
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("twinledger: import interrupted");
      return 1;
    }
  }

  private static int upload(Path file, ServiceConnection service, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    long size = Files.size(file);
    String name = file.getFileName().toString();
    Progress progress = new Progress(size, err);
    HttpRequest request =
        service
            .request("/api/v1/twin/imports?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8))
            .header("Content-Type", "application/octet-stream")
            .POST(
                HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> progress.wrap(open(file))),
                    size))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    progress.finish();
    if (response.statusCode() != 200) {
      err.println(
          "twinledger: import refused (HTTP "
              + response.statusCode()
              + "): "
              + ServiceConnection.problemDetail(response.body()));
      return 1;
    }
    out.println(name + ": " + response.body());
    return 0;
  }

  private static InputStream open(Path file) {
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A text progress bar, redrawn at most every 200 ms. */
  private static final class Progress {
    private final long total;
    private final PrintStream err;
    private long sent;
    private long lastDraw;

    Progress(long total, PrintStream err) {
      this.total = total;
      this.err = err;
    }

    InputStream wrap(InputStream in) {
      return new FilterInputStream(in) {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = super.read(b, off, len);
          if (n > 0) {
            advance(n);
          }
          return n;
        }
      };
    }

    private synchronized void advance(int bytes) {
      sent += bytes;
      long now = System.nanoTime();
      if (now - lastDraw > 200_000_000L) {
        lastDraw = now;
        draw();
      }
    }

    synchronized void finish() {
      sent = total;
      draw();
      err.println();
    }

    private void draw() {
      int percent = total == 0 ? 100 : (int) (sent * 100 / total);
      int filled = percent * BAR / 100;
      err.print(
          String.format(
              Locale.ROOT,
              "\r[%s%s] %3d%% %,d / %,d bytes",
              "#".repeat(filled),
              ".".repeat(BAR - filled),
              percent,
              sent,
              total));
      err.flush();
    }
  }
}
