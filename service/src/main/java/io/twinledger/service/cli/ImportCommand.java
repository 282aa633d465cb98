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
    ProgressBar progress = new ProgressBar(size, "bytes", err);
    HttpRequest request =
        service
            .request("/api/v1/twin/imports?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8))
            .header("Content-Type", "application/octet-stream")
            .POST(
                HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> counted(open(file), progress)),
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

  /** Counts the bytes read from {@code in} on {@code progress}. */
  private static InputStream counted(InputStream in, ProgressBar progress) {
    return new FilterInputStream(in) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          progress.advance(n);
        }
        return n;
      }
    };
  }
}
