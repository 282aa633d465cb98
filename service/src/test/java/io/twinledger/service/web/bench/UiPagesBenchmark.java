package io.twinledger.service.web.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.service.TwinLedgerApplication;
import io.twinledger.service.support.Browser;
import io.twinledger.service.support.UiSession;
import io.twinledger.service.twin.KpiPeriodJob;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How long each web UI page takes with the demo year's data, on the path a user takes: the demo
 * service (as {@code ./twinledger demo} runs it, with its data feed, in this JVM) and a signed-in
 * HTTP client over loopback that fetches each page's HTML. The time is the client's, from request
 * to the last byte, so it bounds the server's render time from above. Baselines in the same run:
 * {@code /actuator/health} (the service's floor: a request through the filter chains that renders
 * nothing) and {@code GET /api/v1/assets} as JSON with a bearer token (the API's cheapest read of
 * the register).
 *
 * <p>Pages are found as a user finds them: each role's navigation, then every {@code /ui} link on
 * those pages, and so on to {@value #DEPTH} links from the home page, so pages added later are
 * measured without changing this class; of each route (a page with its ids left out) the first
 * {@value #PAGES_PER_ROUTE} found. Screenshots of each role's pages go to {@code
 * service/target/benchmarks/ui}, and to {@code docs/ui} when {@code -Dtwinledger.ui.docs=true}.
 *
 * <p>Run: {@code ./mvnw -Pbench -pl service -am verify -DskipITs -Dtest=UiPagesBenchmark}. The
 * first run feeds the demo year into {@code service/target/bench-ui-demo} (some minutes: the
 * import, then the period job closing a year of periods); later runs reuse it. Writes {@code
 * service/target/benchmarks/ui-pages.md}.
 */
@Tag("benchmark")
class UiPagesBenchmark {

  private static final int WARM_UP = 5;
  private static final int MEASURED = 20;
  private static final int MAX_PAGES = 200;
  private static final int PAGES_PER_ROUTE = 3;
  private static final int DEPTH = 3;
  private static final Path DATA = Path.of("target", "bench-ui-demo");
  private static final Path OUT = Path.of("target", "benchmarks");
  private static final Pattern LINK = Pattern.compile("<a [^>]*href=\"(/ui/[^\"#]*)\"");
  private static final List<String> USERS =
      List.of("officer", "investor", "auditor", "resident", "operator");

  private static ConfigurableApplicationContext demo;
  private static int port;

  @BeforeAll
  static void startTheDemo() {
    SpringApplication application = new SpringApplication(TwinLedgerApplication.class);
    application.setAdditionalProfiles("demo");
    demo = application.run("--server.port=0", "--twinledger.data-dir=" + DATA.toAbsolutePath());
    port = Integer.parseInt(demo.getEnvironment().getProperty("local.server.port"));
    waitForTheYearsPeriods();
  }

  @AfterAll
  static void stopTheDemo() {
    if (demo != null) {
      demo.close();
    }
  }

  /**
   * Until the period job has closed the year: runs it until a run records nothing. A run waits for
   * the scheduled one in progress, so the last run saw every period due.
   */
  private static void waitForTheYearsPeriods() {
    KpiPeriodJob job = demo.getBean(KpiPeriodJob.class);
    int recorded;
    do {
      recorded = job.closeDuePeriods();
      System.out.println("UiPagesBenchmark: the period job recorded " + recorded + " periods");
    } while (recorded > 0);
  }

  /**
   * One page's times.
   *
   * @param first the crawl's fetch, the first time the page was asked for
   * @param nanos the measured fetches after the warm-up, sorted
   */
  record Timing(String user, String path, long first, long[] nanos) {}

  @Test
  void everyPageOfEveryRole() throws IOException {
    List<Timing> timings = new ArrayList<>();
    for (String user : USERS) {
      UiSession session = new UiSession(port);
      session.signIn(user);
      crawl(session)
          .forEach(
              (path, first) ->
                  timings.add(
                      new Timing(user, path, first, measure(() -> session.get(path).status()))));
    }
    long[] health = measure(() -> anonymous("/actuator/health"));
    String token = token();
    long[] assets = measure(() -> bearer("/api/v1/assets", token));
    write(timings, health, assets);
    screenshots();
  }

  /** The role's pages: its navigation, then links on those pages, two levels deep. */
  private static Map<String, Long> crawl(UiSession session) {
    Set<String> seen = new LinkedHashSet<>();
    Map<String, Long> pages = new LinkedHashMap<>();
    Map<String, Integer> perRoute = new LinkedHashMap<>();
    Deque<String[]> queue = new ArrayDeque<>();
    queue.add(
        new String[] {session.get("/ui").location().replaceFirst("^https?://[^/]+", ""), "0"});
    while (!queue.isEmpty() && pages.size() < MAX_PAGES) {
      String[] next = queue.poll();
      String path = next[0].replace("&amp;", "&");
      int depth = Integer.parseInt(next[1]);
      // A few pages of each kind: twelve assets' pages differ in data, not in work.
      if (!seen.add(path) || perRoute.getOrDefault(route(path), 0) >= PAGES_PER_ROUTE) {
        continue;
      }
      long start = System.nanoTime();
      UiSession.Page page = session.get(path);
      long first = System.nanoTime() - start;
      if (page.status() != 200) {
        continue;
      }
      pages.put(path, first);
      perRoute.merge(route(path), 1, Integer::sum);
      if (depth >= DEPTH) {
        continue;
      }
      Matcher links = LINK.matcher(page.body());
      while (links.find()) {
        String link = links.group(1);
        // Downloads and event streams are not pages.
        if (!link.contains("/bundle") && !link.contains("/live/") && !link.equals("/ui")) {
          queue.add(new String[] {link, Integer.toString(depth + 1)});
        }
      }
    }
    return pages;
  }

  private static long[] measure(Supplier<Integer> request) {
    for (int i = 0; i < WARM_UP; i++) {
      request.get();
    }
    long[] nanos = new long[MEASURED];
    for (int i = 0; i < MEASURED; i++) {
      long start = System.nanoTime();
      int status = request.get();
      nanos[i] = System.nanoTime() - start;
      assertThat(status).isEqualTo(200);
    }
    Arrays.sort(nanos);
    return nanos;
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static int anonymous(String path) {
    return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET());
  }

  private static int bearer(String path, String token) {
    return send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Bearer " + token)
            .GET());
  }

  private static String token() throws IOException {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/token"))
                  .header(
                      "Authorization",
                      "Basic "
                          + Base64.getEncoder()
                              .encodeToString("officer:officer".getBytes(StandardCharsets.UTF_8)))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Matcher token =
          Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
      assertThat(token.find()).as(response.body()).isTrue();
      return token.group(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static int send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The page's route: ids and query values replaced, so one row stands for each kind of page. */
  private static String route(String path) {
    return path.replaceAll("/ui/assets/[^/?]+", "/ui/assets/{assetId}")
        .replaceAll("/ui/pnl/assets/[^/?]+", "/ui/pnl/assets/{assetId}")
        .replaceAll("/lines/[^/?]+", "/lines/{lineId}")
        .replaceAll("/ui/models/[^/?]+", "/ui/models/{modelId}")
        .replaceAll("/ui/risk/[^/?]+", "/ui/risk/{jobId}")
        .replaceAll("=[^&]*", "=…");
  }

  private static void write(List<Timing> timings, long[] health, long[] assets) throws IOException {
    Map<String, List<long[]>> byRoute = new TreeMap<>();
    Map<String, Long> firstView = new TreeMap<>();
    Map<String, String> worstPage = new LinkedHashMap<>();
    Map<String, Long> worst = new LinkedHashMap<>();
    for (Timing t : timings) {
      String route = route(t.path());
      byRoute.computeIfAbsent(route, r -> new ArrayList<>()).add(t.nanos());
      firstView.merge(route, t.first(), Math::max);
      long p95 = t.nanos()[(int) Math.ceil(0.95 * MEASURED) - 1];
      if (p95 > worst.getOrDefault(route, -1L)) {
        worst.put(route, p95);
        worstPage.put(route, t.user() + " " + t.path());
      }
    }
    StringBuilder md = new StringBuilder();
    md.append("UI pages, ")
        .append(timings.size())
        .append(" page fetches of ")
        .append(byRoute.size())
        .append(" routes; ")
        .append(MEASURED)
        .append(" measured requests each after ")
        .append(WARM_UP)
        .append(" warm-up; load average ")
        .append(loadAverage())
        .append(
            "\n\n| Route | pages | first view ms (max) | p50 ms | p95 ms | max ms | slowest page"
                + " (p95) |\n")
        .append("|---|---:|---:|---:|---:|---:|---|\n");
    row(md, "`/actuator/health` (baseline: the floor)", 1, -1, health, "");
    row(md, "`GET /api/v1/assets`, JSON, bearer (baseline)", 1, -1, assets, "");
    byRoute.forEach(
        (route, all) ->
            row(
                md,
                "`" + route + "`",
                all.size(),
                firstView.get(route),
                Arrays.stream(all.toArray(long[][]::new))
                    .flatMapToLong(Arrays::stream)
                    .sorted()
                    .toArray(),
                worstPage.get(route)));
    Files.createDirectories(OUT);
    Files.writeString(OUT.resolve("ui-pages.md"), md.toString());
    System.out.println(md);
  }

  private static void row(
      StringBuilder md, String name, int pages, long first, long[] sorted, String slowest) {
    md.append(
        String.format(
            Locale.ROOT,
            "| %s | %d | %s | %.1f | %.1f | %.1f | %s |%n",
            name,
            pages,
            first < 0 ? "" : String.format(Locale.ROOT, "%.1f", first / 1e6),
            percentile(sorted, 0.50),
            percentile(sorted, 0.95),
            sorted[sorted.length - 1] / 1e6,
            slowest));
  }

  private static String slug(String label) {
    return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  private static void save(Browser browser, Path shots, String name) throws IOException {
    browser.screenshot(name);
    Files.copy(
        Browser.SCREENSHOTS.resolve(name + ".png"),
        shots.resolve(name + ".png"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  private static double percentile(long[] sorted, double p) {
    return sorted[(int) Math.ceil(p * sorted.length) - 1] / 1e6;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * Each navigation page once, photographed as the first role that has it sees it, and the
   * resident's and the investor's homes on a phone.
   */
  private static void screenshots() throws IOException {
    Path shots = OUT.resolve("ui");
    if (Files.isDirectory(shots)) {
      try (var old = Files.list(shots)) {
        for (Path file : old.toList()) {
          Files.delete(file);
        }
      }
    }
    Files.createDirectories(shots);
    Set<String> taken = new LinkedHashSet<>();
    for (String user : USERS) {
      try (Browser browser = Browser.open(port, 1280, 900)) {
        browser.signIn(user, user);
        List<String> labels =
            browser.findAll("nav[aria-label=Main] a").stream().map(a -> a.getText()).toList();
        for (String label : labels) {
          if (taken.add(label)) {
            browser.navigate(label);
            save(browser, shots, user + "-" + slug(label));
          }
        }
      }
    }
    for (String user : List.of("resident", "investor")) {
      try (Browser phone = Browser.open(port, 390, 844)) {
        phone.signIn(user, user);
        save(phone, shots, user + "-phone");
      }
    }
    if (Boolean.getBoolean("twinledger.ui.docs")) {
      Path docs = Path.of("..", "docs", "ui");
      Files.createDirectories(docs);
      try (var files = Files.list(shots)) {
        for (Path file : files.toList()) {
          Files.copy(file, docs.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
