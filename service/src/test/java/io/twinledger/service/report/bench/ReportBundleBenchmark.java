package io.twinledger.service.report.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twinledger.network.Consortium;
import io.twinledger.reporting.report.ReportBundle;
import io.twinledger.reporting.report.ReportBundleJson;
import io.twinledger.reporting.report.ReportVerifier;
import io.twinledger.service.audit.AuditJobs;
import io.twinledger.service.bond.BondJobs;
import io.twinledger.service.demo.SampleCity;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.support.ProvenBond;
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
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * A year's compliance report of one bond, on the whole service with its embedded peer: issued
 * ({@code POST /api/v1/reports}) and its bundle generated ({@code GET /api/v1/reports/{id}/bundle})
 * over HTTP with {@code java.net.http}, as an officer and an auditor do; then verified offline in a
 * fresh JVM each time, as the auditor does: {@code java -jar twinledger-verify.jar verify-report},
 * and {@code ./twinledger verify-report}, the launcher's way of running the same jar (C1 only, the
 * serial collector, an AOT cache on JDK 25).
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
 * same bond show how the bundle grows with the number of figures. The in-process figures ({@link
 * ReportBundleJson#read} and {@link ReportVerifier#verify}, warm) are a shortcut: no JVM start, no
 * class loading, no JIT warm-up.
 *
 * <p>Each measure: wall time, median of {@value #RUNS} with min and max, and the median CPU time,
 * which the load of a shared machine changes far less: for a request the service JVM's, for the
 * verifier its process's, in process the thread's.
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

  // The last line of bash's `times`: the user and system time of the shell's children.
  private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s");
  // CPU time of this JVM (the service, the client, the service's background jobs), in ns.
  private static final LongSupplier PROCESS_CPU =
      ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
          ::getProcessCpuTime;
  private static final LongSupplier THREAD_CPU =
      ManagementFactory.getThreadMXBean()::getCurrentThreadCpuTime;

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

    // The shorter reports come first: they also warm the service's code paths for the year's.
    List<Sized> sizes = new ArrayList<>();
    for (int months : new int[] {1, 3, 6}) {
      sizes.add(sized(months, bundle(issue(bond, months)), dir, java));
    }

    double loadBeforeYear = load();
    Runs baselineBond = new Runs("baseline: `GET /api/v1/bonds/{id}`");
    Runs baselineEvidence =
        new Runs("baseline: `GET /api/v1/evidence/kpi-periods`, one month's bundle");
    Runs issuing = new Runs("(a) `POST /api/v1/reports`, the year");
    Runs firstFetch = new Runs("(b) `GET /api/v1/reports/{id}/bundle`, first after issue");
    Runs issueAndFetch = new Runs("(a) + (b)");
    Runs fetch = new Runs("(b′) `GET /api/v1/reports/{id}/bundle` again (read only)");
    String evidence = evidencePath(asset, FIRST.plusMonths(5));
    byte[] year = null;
    String yearId = null;
    for (int r = 0; r < RUNS; r++) {
      time(baselineBond, PROCESS_CPU, () -> ok(api.download("/api/v1/bonds/" + bond, "auditor")));
      time(baselineEvidence, PROCESS_CPU, () -> ok(api.download(evidence, "auditor")));
      String[] id = new String[1];
      time(issuing, PROCESS_CPU, () -> id[0] = issue(bond, MONTHS));
      // The first fetch after issue also logs the issue in the audit log and anchors a checkpoint
      // that covers it; later fetches of the same report only read.
      byte[][] body = new byte[1][];
      time(firstFetch, PROCESS_CPU, () -> body[0] = bundle(id[0]));
      issueAndFetch.add(issuing.last().plus(firstFetch.last()));
      yearId = id[0];
      year = body[0];
    }
    for (int r = 0; r < RUNS; r++) {
      String id = yearId;
      time(fetch, PROCESS_CPU, () -> bundle(id));
    }

    ReportBundle parsed = ReportBundleJson.read(year);
    ReportVerifier verifier = new ReportVerifier(Consortium::twinLedger);
    for (int r = 0; r < 3; r++) {
      assertThat(verifier.verify(parsed).failures()).isEmpty();
      ReportBundleJson.read(year);
    }
    Runs parse = new Runs("shortcut: `ReportBundleJson.read`, in process, warm");
    Runs inProcess = new Runs("shortcut: `ReportVerifier.verify` on the parsed bundle, warm");
    for (int r = 0; r < RUNS; r++) {
      byte[] bytes = year;
      time(parse, THREAD_CPU, () -> ReportBundleJson.read(bytes));
      time(inProcess, THREAD_CPU, () -> verifier.verify(parsed));
    }

    double loadBeforeJar = load();
    Path yearFile = dir.resolve("report-12m.json");
    Files.write(yearFile, year);
    List<String> verifyYear = List.of("verify-report", yearFile.toString());
    List<String> launcherVerify =
        List.of(LAUNCHER.toString(), "verify-report", yearFile.toString());
    Runs jvmStart = new Runs("baseline: `java -jar twinledger-verify.jar`, no arguments");
    Runs verify = new Runs("`java -jar twinledger-verify.jar verify-report`");
    Runs optionsStart = new Runs("baseline: the launcher's JVM options, no arguments");
    Runs optionsVerify = new Runs("the launcher's JVM options, `verify-report`, no AOT cache");
    Runs launcher = new Runs("`./twinledger verify-report` (those options and its AOT cache)");
    jar(java, List.of(), List.of(), 2, null);
    jar(java, List.of(), verifyYear, 0, null);
    jar(java, LAUNCHER_OPTIONS, verifyYear, 0, null);
    // The first run trains the launcher's AOT cache if the jar has none yet.
    run(launcherVerify, 0, null);
    for (int r = 0; r < RUNS; r++) {
      jar(java, List.of(), List.of(), 2, jvmStart);
      jar(java, List.of(), verifyYear, 0, verify);
      jar(java, LAUNCHER_OPTIONS, List.of(), 2, optionsStart);
      jar(java, LAUNCHER_OPTIONS, verifyYear, 0, optionsVerify);
      run(launcherVerify, 0, launcher);
    }
    sizes.add(new Sized(MONTHS, parsed, year.length, gzip(year).length, verify));
    double loadAtEnd = load();

    StringBuilder out =
        new StringBuilder("### A year's report (12 months), the user's path over HTTP\n\n")
            .append(Runs.HEADER)
            .append(baselineBond.row())
            .append(baselineEvidence.row())
            .append(issuing.row())
            .append(firstFetch.row())
            .append(issueAndFetch.row())
            .append(fetch.row())
            .append("\nCPU: the service's JVM (server, client and its background jobs).\n")
            .append("\n### Verifying the year's bundle\n\n")
            .append(Runs.HEADER)
            .append(jvmStart.row())
            .append(verify.row())
            .append(optionsStart.row())
            .append(optionsVerify.row())
            .append(launcher.row())
            .append(parse.row())
            .append(inProcess.row())
            .append("\nCPU: the verifier's process (user + system); in process, the thread's.\n")
            .append("\n### Bundle size against the number of figures\n\n")
            .append(Sized.HEADER);
    sizes.forEach(s -> out.append(s.row()));
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
    long importMs = (System.nanoTime() - t0) / 1_000_000;
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
    ProvenBond.issue(
        api,
        bond,
        """
        {"id": "%s", "currency": "USD", "face": "1000000", "denomination": "1000",
         "issueDate": "2025-01-01", "maturity": "2030-01-01",
         "features": [
          {"type": "per-unit-payment", "asset": "%s", "kpi": "%s", "baseline": "65000",
           "better": "LOWER", "amountPerUnit": "0.10", "firstMonth": "%s",
           "lastMonth": "%s"}]}"""
            .formatted(bond, asset, KPI, FIRST, FIRST.plusMonths(MONTHS - 1)),
        Duration.ofSeconds(60));
    ProvenBond.awaitDeterminations(api, bond, MONTHS, Duration.ofMinutes(2), jobs::runDue);
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

  /** A report's bundle: checked, saved, and verified by the jar in fresh JVMs. */
  private static Sized sized(int months, byte[] json, Path dir, String java) throws Exception {
    ReportBundle bundle = ReportBundleJson.read(json);
    assertThat(new ReportVerifier(Consortium::twinLedger).verify(bundle).failures()).isEmpty();
    Path file = dir.resolve("report-" + months + "m.json");
    Files.write(file, json);
    List<String> args = List.of("verify-report", file.toString());
    jar(java, List.of(), args, 0, null);
    Runs verify = new Runs("verify-report");
    for (int r = 0; r < RUNS; r++) {
      jar(java, List.of(), args, 0, verify);
    }
    return new Sized(months, bundle, json.length, gzip(json).length, verify);
  }

  /** One report's bundle, counted, with the times {@code verify-report} took on it. */
  private record Sized(int months, ReportBundle bundle, long plain, long gzip, Runs verify) {

    static final String HEADER =
        "| months | figures | inputs | batches | readings | events, with the issue |"
            + " leaves proven | proof hashes | block headers | JSON | gzip |"
            + " `java -jar … verify-report`, median (min, max) | CPU, median |\n"
            + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";

    String row() {
      int readings = bundle.batches().stream().mapToInt(b -> b.readings().size()).sum();
      return "| "
          + String.join(
              " | ",
              Integer.toString(months),
              Integer.toString(bundle.report().figures().size()),
              Integer.toString(bundle.report().inputs().size()),
              Integer.toString(bundle.batches().size()),
              String.format(Locale.ROOT, "%,d", readings),
              Integer.toString(bundle.events().size() + 1),
              Integer.toString(bundle.proof().indices().size()),
              Integer.toString(bundle.proof().hashes().size()),
              Integer.toString(bundle.anchored().anchor().headers().size()),
              kb(plain),
              kb(gzip),
              verify.wall() + " ms (" + verify.min() + ", " + verify.max() + ")",
              verify.cpu() + " ms")
          + " |\n";
    }
  }

  /** One run: wall time and CPU time in milliseconds. */
  private record Run(long wall, long cpu) {
    Run plus(Run other) {
      return new Run(wall + other.wall, cpu + other.cpu);
    }
  }

  /** The runs of one measure, reported as medians with the wall time's range. */
  private static final class Runs {

    static final String HEADER =
        "| Measure | wall, median | min | max | CPU, median |\n|---|---:|---:|---:|---:|\n";

    private final String label;
    private final List<Run> runs = new ArrayList<>();

    Runs(String label) {
      this.label = label;
    }

    void add(Run run) {
      runs.add(run);
    }

    Run last() {
      return runs.getLast();
    }

    long wall() {
      return median(runs.stream().mapToLong(Run::wall).toArray());
    }

    long cpu() {
      return median(runs.stream().mapToLong(Run::cpu).toArray());
    }

    long min() {
      return runs.stream().mapToLong(Run::wall).min().orElseThrow();
    }

    long max() {
      return runs.stream().mapToLong(Run::wall).max().orElseThrow();
    }

    String row() {
      return "| %s | %d ms | %d ms | %d ms | %d ms |\n"
          .formatted(label, wall(), min(), max(), cpu());
    }

    private static long median(long[] values) {
      long[] sorted = values.clone();
      Arrays.sort(sorted);
      return sorted[sorted.length / 2];
    }
  }

  /** A step timed; it may throw, which fails the benchmark. */
  private interface Step {
    Object run() throws Exception;
  }

  /** Runs {@code step} once and adds its wall time and the CPU time {@code cpu} counts. */
  private static void time(Runs runs, LongSupplier cpu, Step step) throws Exception {
    long c0 = cpu.getAsLong();
    long t0 = System.nanoTime();
    step.run();
    runs.add(new Run((System.nanoTime() - t0) / 1_000_000, (cpu.getAsLong() - c0) / 1_000_000));
  }

  private static void jar(
      String java, List<String> options, List<String> args, int expected, Runs runs)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(options);
    command.addAll(List.of("-jar", JAR.toString()));
    command.addAll(args);
    run(command, expected, runs);
  }

  /**
   * Runs {@code command} in a fresh process, expects exit code {@code expected} and adds its wall
   * time and CPU time to {@code runs} (none: a warm-up). Bash's {@code times} reports the CPU time
   * of the command's processes once they have ended, which Java cannot ask for.
   */
  private static void run(List<String> command, int expected, Runs runs) throws Exception {
    List<String> wrapped =
        new ArrayList<>(List.of("bash", "-c", "\"$@\"; code=$?; times; exit $code", "bash"));
    wrapped.addAll(command);
    long t0 = System.nanoTime();
    Process process = new ProcessBuilder(wrapped).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = process.waitFor();
    long wall = (System.nanoTime() - t0) / 1_000_000;
    assertThat(code).as(output).isEqualTo(expected);
    if (runs != null) {
      runs.add(new Run(wall, childCpu(output)));
    }
  }

  /** The children's user and system time from the last line of {@code times}, in ms. */
  private static long childCpu(String output) {
    Matcher m = TIMES.matcher(output.strip().lines().toList().getLast());
    assertThat(m.matches()).as(output).isTrue();
    return Math.round(
        (Long.parseLong(m.group(1)) * 60 + Double.parseDouble(m.group(2))) * 1000
            + (Long.parseLong(m.group(3)) * 60 + Double.parseDouble(m.group(4))) * 1000);
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
