package io.twinledger.service.security.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.service.support.OnEmbeddedDb;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * Throughput and latency of an authenticated {@code GET /api/v1/assets} under load, with HTTP Basic
 * (its verification remembered, {@code PasswordLogins}) and with a bearer token from {@code POST
 * /api/v1/auth/token}, beside {@code /actuator/health} (no authentication, no database: the
 * server's own ceiling on this machine) in the same run.
 *
 * <p>The load generator is {@code wrk} (Debian package {@code wrk}), a separate process talking
 * HTTP/1.1 over TCP to the service: 32 connections on 2 threads, a warm-up run, then a measured run
 * per target. Run: {@code ./mvnw -Pbench -pl service -am verify -DskipITs
 * -Dtest=ApiAuthenticationBenchmark}. Writes {@code service/target/benchmarks/api-auth.md}.
 */
@Tag("benchmark")
@OnEmbeddedDb
class ApiAuthenticationBenchmark {

  private static final int CONNECTIONS = 32;
  private static final String WARM_UP = "5s";
  private static final String MEASURED = "15s";

  @LocalServerPort int port;

  record Result(double requestsPerSecond, String p50, String p90, String p99, long errors) {}

  @Test
  void authenticatedReadsUnderLoad() throws Exception {
    String token = token();
    Map<String, List<String>> targets = new LinkedHashMap<>();
    targets.put("GET /actuator/health (no authentication)", List.of("/actuator/health"));
    targets.put(
        "GET /api/v1/assets, HTTP Basic (remembered)",
        List.of("/api/v1/assets", "-H", "Authorization: " + basic("officer")));
    targets.put(
        "GET /api/v1/assets, bearer token",
        List.of("/api/v1/assets", "-H", "Authorization: Bearer " + token));

    // Two rounds, the second in reverse order, so neither warm-up (JIT) nor a change in the
    // machine's load during the run favours whichever target comes last.
    Map<String, Result> results = new LinkedHashMap<>();
    List<String> order = new ArrayList<>(targets.keySet());
    for (int round = 1; round <= 2; round++) {
      for (String name : order) {
        wrk(targets.get(name), WARM_UP);
        results.put(name + ", round " + round, wrk(targets.get(name), MEASURED));
      }
      java.util.Collections.reverse(order);
    }

    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            Locale.ROOT,
            "wrk, %d connections, 2 threads, %s measured after %s warm-up, %d cores%n%n",
            CONNECTIONS,
            MEASURED,
            WARM_UP,
            Runtime.getRuntime().availableProcessors()));
    report.append("| Target | req/s | p50 | p90 | p99 | non-2xx |\n|---|---|---|---|---|---|\n");
    results.forEach(
        (name, r) ->
            report.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %.0f | %s | %s | %s | %d |%n",
                    name,
                    r.requestsPerSecond(),
                    r.p50(),
                    r.p90(),
                    r.p99(),
                    r.errors())));
    Path out = Path.of("target/benchmarks/api-auth.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.println(report);
    results.values().forEach(r -> assertThat(r.errors()).isZero());
  }

  private Result wrk(List<String> target, String duration) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "wrk",
                "-t2",
                "-c" + CONNECTIONS,
                "-d" + duration,
                "--latency",
                "http://127.0.0.1:" + port + target.get(0)));
    command.addAll(target.subList(1, target.size()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    Matcher errors = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(output);
    return new Result(
        Double.parseDouble(find(output, "Requests/sec:\\s+([\\d.]+)")),
        find(output, "\\s50%\\s+(\\S+)"),
        find(output, "\\s90%\\s+(\\S+)"),
        find(output, "\\s99%\\s+(\\S+)"),
        errors.find() ? Long.parseLong(errors.group(1)) : 0);
  }

  private static String find(String output, String regex) {
    Matcher m = Pattern.compile(regex).matcher(output);
    if (!m.find()) {
      throw new IllegalStateException("no " + regex + " in wrk's output:\n" + output);
    }
    return m.group(1);
  }

  private String token() throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/auth/token"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .header("Authorization", basic("operator"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JsonMapper.builder().build().readTree(response.body()).get("access_token").asString();
  }

  /** Demo users' passwords are their names. */
  private static String basic(String user) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }
}
