package io.twinledger.service.cli;

import io.twinledger.twin.net.NetworkFailure;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code ./twinledger export-evidence}: asks a running service for the evidence bundle of one KPI
 * period ({@code GET /api/v1/evidence/kpi-periods}) and writes it to a file, which {@code
 * ./twinledger verify} checks offline. The file is written only when the service answered with a
 * bundle, through a temporary file ({@link Download}), so a failed export leaves no partial bundle
 * behind.
 */
final class ExportEvidenceCommand {

  static final String USAGE =
      "usage: ./twinledger export-evidence --asset ID --kpi ID --kind DAY|MONTH|QUARTER|HOUR"
          + " --start INSTANT [--revision N] [--out FILE (evidence.json)] [--url URL] [--user"
          + " USER] (password from TWINLEDGER_PASSWORD or a prompt)";

  private ExportEvidenceCommand() {}

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    ServiceConnection service;
    try {
      service =
          ServiceConnection.parse(
              args, env, "--asset", "--kpi", "--kind", "--start", "--revision", "--out");
    } catch (ServiceConnection.UsageException e) {
      err.println("twinledger: " + e.getMessage() + "; " + USAGE);
      return 2;
    }
    Map<String, String> query = new LinkedHashMap<>();
    for (String[] option :
        new String[][] {
          {"--asset", "assetId"}, {"--kpi", "kpiId"}, {"--kind", "kind"}, {"--start", "start"}
        }) {
      var value = service.option(option[0]);
      if (value.isEmpty()) {
        err.println("twinledger: " + option[0] + " is required; " + USAGE);
        return 2;
      }
      query.put(option[1], value.get());
    }
    service.option("--revision").ifPresent(r -> query.put("revision", r));
    Path file = Path.of(service.option("--out").orElse("evidence.json"));
    try {
      return export(service, query, file, out, err);
    } catch (IOException e) {
      err.println(
          "twinledger: export failed: "
              + NetworkFailure.cause(e, URI.create(service.url()).getHost()));
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("twinledger: export interrupted");
      return 1;
    }
  }

  private static int export(
      ServiceConnection service,
      Map<String, String> query,
      Path file,
      PrintStream out,
      PrintStream err)
      throws IOException, InterruptedException {
    String path =
        "/api/v1/evidence/kpi-periods?"
            + query.entrySet().stream()
                .map(
                    e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    HttpResponse<byte[]> response =
        HttpClient.newHttpClient()
            .send(service.request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      err.println(
          "twinledger: export refused (HTTP "
              + response.statusCode()
              + "): "
              + ServiceConnection.problemDetail(
                  new String(response.body(), StandardCharsets.UTF_8)));
      return 1;
    }
    Download.save(file, response.body());
    out.println(
        "Evidence of "
            + query.get("assetId")
            + " "
            + query.get("kpiId")
            + " "
            + query.get("kind")
            + " "
            + query.get("start")
            + " written to "
            + file
            + " ("
            + response.body().length
            + " bytes); check it with ./twinledger verify "
            + file);
    return 0;
  }
}
