package io.twinledger.service.report.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twinledger.network.Consortium;
import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.reporting.report.ReportBundle;
import io.twinledger.reporting.report.ReportBundleJson;
import io.twinledger.reporting.report.ReportVerifier;
import io.twinledger.service.audit.AuditJobs;
import io.twinledger.service.bond.BondJobs;
import io.twinledger.service.demo.SampleCity;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.twin.KpiPeriodJob;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * A year's compliance report of one bond, on the whole service with its embedded peer: issued
 * ({@code POST /api/v1/reports}) and its bundle generated ({@code GET /api/v1/reports/{id}/bundle})
 * over HTTP with {@code java.net.http}, as an officer and an auditor do; then {@code java -jar
 * twinledger-verify.jar verify-report} run on the bundle in a fresh JVM each time, as the auditor
 * does offline.
 *
 * <p>Data: one water district whose inlet meter reads every 15 minutes through 2025 (35,040
 * readings), imported as twelve monthly CSV files through {@code POST /api/v1/twin/imports}, so
 * each month is one reading batch; its twelve monthly periods closed and anchored; a per-unit
 * payment bond over those months, whose twelve determinations are proposed. A year's report then
 * has 12 KPI-period figures, 12 payments and their total.
 *
 * <p><b>Baselines, same run:</b> {@code GET /api/v1/bonds/{id}} (HTTP, authentication, one small
 * read) and the evidence bundle of one of the KPI periods (one batch, its proof and the anchoring);
 * the verifier jar with no arguments (JVM start, usage line). Reports of 1, 3 and 6 months of the
 * same bond show how the bundle grows with the number of figures. The in-process figure ({@link
 * ReportVerifier#verify} on the parsed bundle, warm) is a shortcut: no JVM start, no class loading,
 * no parsing.
 *
 * <p>Runs only with {@code -Pbench}: {@code ./mvnw -Pbench -pl service verify
 * -Dtest=ReportBundleBenchmark} after {@code ./mvnw -pl reporting/verifier package -DskipTests}
 * (the verifier jar); writes {@code target/benchmarks/report-bundles.md}.
 */
@Tag("benchmark")
@OnEmbeddedDb
class ReportBundleBenchmark {

  private static final String KPI = "system-input-volume";
  private static final ZoneId ZONE = ZoneId.of(SampleCity.TIME_ZONE);
  private static final YearMonth FIRST = YearMonth.of(2025, 1);
  private static final int MONTHS = 12;
  private static final int RUNS = 5;
  private static final Path JAR =
      Path.of("..", "reporting", "verifier", "target", "twinledger-verify.jar");
  private static final Path LAUNCHER = Path.of("..", "twinledger");
  // The launcher's options for the verifier (./twinledger verify-report), without its AOT cache.
  private static final List<String> LAUNCHER_OPTIONS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired KpiPeriodJob periods;
  @Autowired AuditJobs audit;
  @Autowired BondJobs jobs;

  private Api api;

  @Test
  void aYearsReportOfOneBond() throws Exception {
    assertThat(JAR).as("build the verifier jar first").exists();
    api = new Api(port, json);
    double loadAtStart = load();
    String asset = "dma-bench";
    String bond = "bond-bench";
    long importMs = district(asset);
    bond(bond, asset);

    Path dir = Files.createDirectories(Path.of("target", "benchmarks"));
    String java = ProcessHandle.current().info().command().orElse("java");
    StringBuilder out = new StringBuilder();

    // The shorter reports come first: they also warm the service's code paths for the year's.
    List<Sized> sizes = new ArrayList<>();
    for (int months : new int[] {1, 3, 6}) {
      sizes.add(sized(bond, months, dir, java));
    }

    double loadBeforeYear = load();
    long[] issue = new long[RUNS];
    long[] firstFetch = new long[RUNS];
    long[] baselineBond = new long[RUNS];
    long[] baselineEvidence = new long[RUNS];
    String evidence = evidencePath(asset, FIRST.plusMonths(5));
    byte[] year = null;
    String yearId = null;
    for (int r = 0; r < RUNS; r++) {
      baselineBond[r] = millis(() -> ok(api.download("/api/v1/bonds/" + bond, "auditor")));
      baselineEvidence[r] = millis(() -> ok(api.download(evidence, "auditor")));
      long t0 = System.nanoTime();
      yearId = issue(bond, MONTHS);
      issue[r] = since(t0);
      String id = yearId;
      byte[][] body = new byte[1][];
      firstFetch[r] = millis(() -> body[0] = bundle(id));
      year = body[0];
    }
    // A first fetch after issue also logs the issue in the audit log and anchors a checkpoint that
    // covers it; later fetches of the same report only read.
    long[] fetch = new long[RUNS];
    for (int r = 0; r < RUNS; r++) {
      String id = yearId;
      fetch[r] = millis(() -> bundle(id));
    }
    ReportBundle parsed = ReportBundleJson.read(year);

    ReportVerifier verifier = new ReportVerifier(Consortium::twinLedger);
    for (int r = 0; r < 3; r++) {
      assertThat(verifier.verify(parsed).failures()).isEmpty();
      ReportBundleJson.read(year);
    }
    long[] inProcess = new long[RUNS];
    long[] parse = new long[RUNS];
    for (int r = 0; r < RUNS; r++) {
      byte[] bytes = year;
      parse[r] = millis(() -> ReportBundleJson.read(bytes));
      inProcess[r] = millis(() -> verifier.verify(parsed));
    }

    double loadBeforeJar = load();
    Path yearFile = dir.resolve("report-12m.json");
    Files.write(yearFile, year);
    List<String> verifyYear = List.of("verify-report", yearFile.toString());
    long[] jvmStart = new long[RUNS];
    long[] verify = new long[RUNS];
    long[] launcherStart = new long[RUNS];
    long[] launcherVerify = new long[RUNS];
    long[] script = new long[RUNS];
    List<String> scriptVerify = List.of(LAUNCHER.toString(), "verify-report", yearFile.toString());
    run(java, List.of(), List.of(), 2);
    run(java, List.of(), verifyYear, 0);
    run(java, LAUNCHER_OPTIONS, verifyYear, 0);
    // The first run trains the launcher's AOT cache if the jar has none yet.
    run(scriptVerify, 0);
    for (int r = 0; r < RUNS; r++) {
      jvmStart[r] = run(java, List.of(), List.of(), 2);
      verify[r] = run(java, List.of(), verifyYear, 0);
      launcherStart[r] = run(java, LAUNCHER_OPTIONS, List.of(), 2);
      launcherVerify[r] = run(java, LAUNCHER_OPTIONS, verifyYear, 0);
      script[r] = run(scriptVerify, 0);
    }
    sizes.add(new Sized(MONTHS, parsed, year.length, gzip(year).length, verify));
    double loadAtEnd = load();

    long[] issuePlusFetch = new long[RUNS];
    for (int r = 0; r < RUNS; r++) {
      issuePlusFetch[r] = issue[r] + firstFetch[r];
    }
    out.append("### A year's report (12 months), the user's path over HTTP\n\n")
        .append("| Measure | median | min | max |\n|---|---:|---:|---:|\n")
        .append(row("baseline: `GET /api/v1/bonds/{id}`", baselineBond))
        .append(row("baseline: `GET /api/v1/evidence/kpi-periods` (one month)", baselineEvidence))
        .append(row("(a) `POST /api/v1/reports`, a year", issue))
        .append(row("(b) first `GET /api/v1/reports/{id}/bundle` after issue", firstFetch))
        .append(row("(a) + (b), per report", issuePlusFetch))
        .append(row("(b) again, `GET …/bundle` (read only)", fetch))
        .append("\n### Verifying the year's bundle\n\n")
        .append("| Measure | median | min | max |\n|---|---:|---:|---:|\n")
        .append(row("baseline: `java -jar twinledger-verify.jar`, no arguments", jvmStart))
        .append(row("`java -jar twinledger-verify.jar verify-report`", verify))
        .append(row("baseline: launcher's options, no arguments", launcherStart))
        .append(row("launcher's options, `verify-report`", launcherVerify))
        .append(row("`./twinledger verify-report` (the options and its AOT cache)", script))
        .append(row("shortcut: `ReportBundleJson.read`, warm, in process", parse))
        .append(row("shortcut: `ReportVerifier.verify`, parsed, warm, in process", inProcess))
        .append("\n### Bundle size against the number of figures\n\n")
        .append(
            "| months | figures | inputs | batches | readings | events | leaves proven |"
                + " proof hashes | block headers | JSON | gzip | `verify-report` median (min, max)"
                + " |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Sized s : sizes) {
      out.append(s.row());
    }
    out.append("\nImport of the year (12 files, 35,040 readings): ")
        .append(importMs)
        .append(" ms. Load average ")
        .append(format(loadAtStart))
        .append(" at start, ")
        .append(format(loadBeforeYear))
        .append(" before the year's reports, ")
        .append(format(loadBeforeJar))
        .append(" before the verifier runs, ")
        .append(format(loadAtEnd))
        .append(" at the end.\n");
    Files.writeString(dir.resolve("report-bundles.md"), out);
    System.out.println(out);
  }

  /**
   * Registers the district, imports its year month by month and waits for its anchored periods.
   *
   * @return the import's wall time
   */
  private long district(String asset) {
    var registered =
        api.post(
            "/api/v1/assets",
            "officer",
            """
            {"assetId": "%s", "assetClass": "WATER_DISTRICT", "name": "Benchmark district",
             "timeZone": "%s",
             "parameters": {"mainsLengthKm": 10, "serviceConnections": 900,
                            "privatePipeLengthKm": 1, "averagePressureM": 40,
                            "tariff": {"amount": 2, "currency": "EUR"}},
             "kpis": [{"kpiId": "%s", "unit": "MTQ", "aggregation": "SUM",
                       "betterDirection": "LOWER", "thresholds": []}]}"""
                .formatted(asset, SampleCity.TIME_ZONE, KPI));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> api.get("/api/v1/assets/" + asset, "officer").status() == 200);
    // About 20 m³ per quarter hour with a daily swing and noise, so no run of equal values looks
    // like a stuck meter and every month stays below the bond's baseline.
    Random random = new Random(18);
    long t0 = System.nanoTime();
    int total = 0;
    for (int m = 0; m < MONTHS; m++) {
      YearMonth month = FIRST.plusMonths(m);
      Instant end = start(month.plusMonths(1));
      StringBuilder csv =
          new StringBuilder("asset_id,kpi_id,sensor_id,observed_at,value,unit_code\n");
      int count = 0;
      for (Instant t = start(month); t.isBefore(end); t = t.plusSeconds(900)) {
        double hour = (t.getEpochSecond() % 86_400) / 3_600.0;
        double value = 20 + 6 * Math.sin((hour - 9) / 24 * 2 * Math.PI) + random.nextGaussian();
        csv.append(asset)
            .append(',')
            .append(KPI)
            .append(',')
            .append(asset)
            .append("-inlet,")
            .append(t)
            .append(',')
            .append(String.format(Locale.ROOT, "%.3f", value))
            .append(",MTQ\n");
        count++;
      }
      var imported =
          api.send(
              "POST",
              "/api/v1/twin/imports?name=" + asset + "-" + month + ".csv&format=csv",
              "operator",
              csv.toString());
      assertThat(imported.status()).as(imported.body()).isEqualTo(200);
      assertThat(imported.json().get("stored").asLong()).isEqualTo(count);
      total += count;
    }
    long importMs = since(t0);
    assertThat(total).isEqualTo(35_040);
    periods.closeDuePeriods();
    await()
        .atMost(Duration.ofMinutes(5))
        .until(
            () ->
                api.get(
                            "/api/v1/assets/" + asset + "/kpis/" + KPI + "/periods?kind=MONTH",
                            "auditor")
                        .json()
                        .size()
                    == MONTHS);
    audit.checkpoint();
    return importMs;
  }

  /** Defines and issues a per-unit payment bond over the year, and waits for its determinations. */
  private void bond(String bond, String asset) {
    var defined =
        api.post(
            "/api/v1/bonds",
            "officer",
            """
            {"id": "%s", "currency": "USD", "face": "1000000", "denomination": "1000",
             "issueDate": "2025-01-01", "maturity": "2030-01-01",
             "features": [
              {"type": "per-unit-payment", "asset": "%s", "kpi": "%s", "baseline": "65000",
               "better": "LOWER", "amountPerUnit": "0.10", "firstMonth": "%s",
               "lastMonth": "%s"}]}"""
                .formatted(bond, asset, KPI, FIRST, FIRST.plusMonths(MONTHS - 1)));
    assertThat(defined.status()).as(defined.body()).isEqualTo(201);
    String hash = defined.json().get("termsHash").asString();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> api.get("/api/v1/bonds/" + bond, "officer").status() == 200);
    var issued =
        api.post(
            "/api/v1/bonds/" + bond + "/issue", "officer", "{\"termsHash\": \"" + hash + "\"}");
    assertThat(issued.status()).as(issued.body()).isEqualTo(200);
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () -> {
              jobs.runDue();
              return api.get("/api/v1/bonds/" + bond + "/determinations", "officer").json().size()
                  >= MONTHS;
            });
  }

  /** Issues the report of the first {@code months} months and returns its id. */
  private String issue(String bond, int months) {
    LocalDate from = FIRST.atDay(1);
    var issued =
        api.post(
            "/api/v1/reports",
            "officer",
            "{\"bondId\": \"%s\", \"from\": \"%s\", \"to\": \"%s\"}"
                .formatted(bond, from, from.plusMonths(months)));
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    return issued.json().get("reportId").asString();
  }

  private byte[] bundle(String reportId) {
    return ok(api.download("/api/v1/reports/" + reportId + "/bundle", "auditor"));
  }

  private static byte[] ok(HttpResponse<byte[]> response) {
    assertThat(response.statusCode())
        .as(new String(response.body(), StandardCharsets.UTF_8))
        .isEqualTo(200);
    return response.body();
  }

  private static String evidencePath(String asset, YearMonth month) {
    return "/api/v1/evidence/kpi-periods?assetId="
        + asset
        + "&kpiId="
        + KPI
        + "&kind=MONTH&start="
        + start(month);
  }

  private static Instant start(YearMonth month) {
    return month.atDay(1).atStartOfDay(ZONE).toInstant();
  }

  /** A report of {@code months} months: issued, fetched, measured and verified. */
  private Sized sized(String bond, int months, Path dir, String java) throws Exception {
    return sized(months, bundle(issue(bond, months)), dir, java);
  }

  private static Sized sized(int months, byte[] json, Path dir, String java) throws Exception {
    ReportBundle bundle = ReportBundleJson.read(json);
    assertThat(new ReportVerifier(Consortium::twinLedger).verify(bundle).failures()).isEmpty();
    Path file = dir.resolve("report-" + months + "m.json");
    Files.write(file, json);
    run(java, List.of(), List.of("verify-report", file.toString()), 0);
    long[] verify = new long[RUNS];
    for (int r = 0; r < RUNS; r++) {
      verify[r] = run(java, List.of(), List.of("verify-report", file.toString()), 0);
    }
    return new Sized(months, bundle, json.length, gzip(json).length, verify);
  }

  /** One report's bundle, counted. */
  private record Sized(int months, ReportBundle bundle, long plain, long gzip, long[] verify) {
    String row() {
      int readings = bundle.batches().stream().mapToInt(b -> b.readings().size()).sum();
      List<EvidenceBundle.BlockHeader> headers = bundle.anchored().anchor().headers();
      long[] sorted = verify.clone();
      Arrays.sort(sorted);
      return "| "
          + months
          + " | "
          + bundle.report().figures().size()
          + " | "
          + bundle.report().inputs().size()
          + " | "
          + bundle.batches().size()
          + " | "
          + String.format(Locale.ROOT, "%,d", readings)
          + " | "
          + (bundle.events().size() + 1)
          + " | "
          + bundle.proof().indices().size()
          + " | "
          + bundle.proof().hashes().size()
          + " | "
          + headers.size()
          + " | "
          + kb(plain)
          + " | "
          + kb(gzip)
          + " | "
          + sorted[sorted.length / 2]
          + " ms ("
          + sorted[0]
          + ", "
          + sorted[sorted.length - 1]
          + ") |\n";
    }
  }

  private static long run(String java, List<String> options, List<String> args, int expected)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(options);
    command.addAll(List.of("-jar", JAR.toString()));
    command.addAll(args);
    return run(command, expected);
  }

  /** Runs {@code command}, expects exit code {@code expected} and returns its wall time. */
  private static long run(List<String> command, int expected) throws Exception {
    long t0 = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    int code = process.waitFor();
    long ms = since(t0);
    assertThat(code).as(new String(output, StandardCharsets.UTF_8)).isEqualTo(expected);
    return ms;
  }

  private static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A step timed; it may throw, which fails the benchmark. */
  private interface Step {
    Object run() throws Exception;
  }

  private static long millis(Step step) throws Exception {
    long t0 = System.nanoTime();
    step.run();
    return since(t0);
  }

  private static long since(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static String row(String label, long[] runs) {
    long[] sorted = runs.clone();
    Arrays.sort(sorted);
    return "| "
        + label
        + " | "
        + sorted[sorted.length / 2]
        + " ms | "
        + sorted[0]
        + " ms | "
        + sorted[sorted.length - 1]
        + " ms |\n";
  }

  private static String kb(long bytes) {
    return String.format(Locale.ROOT, "%,d KB", Math.round(bytes / 1024.0));
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static String format(double load) {
    return BigDecimal.valueOf(load).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }
}
