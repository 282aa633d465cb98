package io.twinledger.service.market.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.contracts.energy.SlotClearing;
import io.twinledger.market.settlement.MeteredPosition;
import io.twinledger.market.slot.SlotId;
import io.twinledger.network.Consortium;
import io.twinledger.reporting.bill.BillBundle;
import io.twinledger.reporting.bill.BillJson;
import io.twinledger.reporting.bill.BillVerifier;
import io.twinledger.service.market.EnergyMarketLedger;
import io.twinledger.service.market.MarketBook;
import io.twinledger.service.market.MarketProperties;
import io.twinledger.service.market.VillageMarket;
import io.twinledger.service.support.OnEmbeddedDb;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Bill verification for a village of 56 households: one day (96 slots) cleared on the service's
 * embedded peer, each order signed by its household; then household {@code hh-01}'s bundle fetched
 * over HTTP ({@code GET /api/v1/energy/me/bills/2026-11/bundle}, the user's path), its size
 * measured plain and gzip-compressed, and {@code java -jar twinledger-verify.jar verify-bill} run
 * on it in a fresh JVM each time, as a resident runs it. <b>Baseline, same run:</b> the jar with no
 * arguments (JVM start and usage line). A month is 30 such days: its size and time are extrapolated
 * from the day's, the fixed JVM start counted once.
 *
 * <p>Runs only with {@code -Pbench}: {@code ./mvnw -Pbench -pl service verify
 * -Dtest=BillVerificationBenchmark} after {@code ./mvnw -pl reporting/verifier -am package} (the
 * verifier jar); writes {@code target/benchmarks/bill-verification.md}.
 */
@Tag("benchmark")
@OnEmbeddedDb
@TestPropertySource(
    properties = {
      "twinledger.energy.households[0].id=hh-01",
      "twinledger.energy.households[0].resident=resident",
      "twinledger.energy.households[1].id=hh-02",
      "twinledger.energy.households[1].resident=resident02",
      "twinledger.energy.households[2].id=hh-03",
      "twinledger.energy.households[2].resident=resident03",
      "twinledger.energy.households[3].id=hh-04",
      "twinledger.energy.households[3].resident=resident04",
      "twinledger.energy.households[4].id=hh-05",
      "twinledger.energy.households[4].resident=resident05",
      "twinledger.energy.households[5].id=hh-06",
      "twinledger.energy.households[5].resident=resident06",
      "twinledger.energy.households[6].id=hh-07",
      "twinledger.energy.households[6].resident=resident07",
      "twinledger.energy.households[7].id=hh-08",
      "twinledger.energy.households[7].resident=resident08",
      "twinledger.energy.households[8].id=hh-09",
      "twinledger.energy.households[8].resident=resident09",
      "twinledger.energy.households[9].id=hh-10",
      "twinledger.energy.households[9].resident=resident10",
      "twinledger.energy.households[10].id=hh-11",
      "twinledger.energy.households[10].resident=resident11",
      "twinledger.energy.households[11].id=hh-12",
      "twinledger.energy.households[11].resident=resident12",
      "twinledger.energy.households[12].id=hh-13",
      "twinledger.energy.households[12].resident=resident13",
      "twinledger.energy.households[13].id=hh-14",
      "twinledger.energy.households[13].resident=resident14",
      "twinledger.energy.households[14].id=hh-15",
      "twinledger.energy.households[14].resident=resident15",
      "twinledger.energy.households[15].id=hh-16",
      "twinledger.energy.households[15].resident=resident16",
      "twinledger.energy.households[16].id=hh-17",
      "twinledger.energy.households[16].resident=resident17",
      "twinledger.energy.households[17].id=hh-18",
      "twinledger.energy.households[17].resident=resident18",
      "twinledger.energy.households[18].id=hh-19",
      "twinledger.energy.households[18].resident=resident19",
      "twinledger.energy.households[19].id=hh-20",
      "twinledger.energy.households[19].resident=resident20",
      "twinledger.energy.households[20].id=hh-21",
      "twinledger.energy.households[20].resident=resident21",
      "twinledger.energy.households[21].id=hh-22",
      "twinledger.energy.households[21].resident=resident22",
      "twinledger.energy.households[22].id=hh-23",
      "twinledger.energy.households[22].resident=resident23",
      "twinledger.energy.households[23].id=hh-24",
      "twinledger.energy.households[23].resident=resident24",
      "twinledger.energy.households[24].id=hh-25",
      "twinledger.energy.households[24].resident=resident25",
      "twinledger.energy.households[25].id=hh-26",
      "twinledger.energy.households[25].resident=resident26",
      "twinledger.energy.households[26].id=hh-27",
      "twinledger.energy.households[26].resident=resident27",
      "twinledger.energy.households[27].id=hh-28",
      "twinledger.energy.households[27].resident=resident28",
      "twinledger.energy.households[28].id=hh-29",
      "twinledger.energy.households[28].resident=resident29",
      "twinledger.energy.households[29].id=hh-30",
      "twinledger.energy.households[29].resident=resident30",
      "twinledger.energy.households[30].id=hh-31",
      "twinledger.energy.households[30].resident=resident31",
      "twinledger.energy.households[31].id=hh-32",
      "twinledger.energy.households[31].resident=resident32",
      "twinledger.energy.households[32].id=hh-33",
      "twinledger.energy.households[32].resident=resident33",
      "twinledger.energy.households[33].id=hh-34",
      "twinledger.energy.households[33].resident=resident34",
      "twinledger.energy.households[34].id=hh-35",
      "twinledger.energy.households[34].resident=resident35",
      "twinledger.energy.households[35].id=hh-36",
      "twinledger.energy.households[35].resident=resident36",
      "twinledger.energy.households[36].id=hh-37",
      "twinledger.energy.households[36].resident=resident37",
      "twinledger.energy.households[37].id=hh-38",
      "twinledger.energy.households[37].resident=resident38",
      "twinledger.energy.households[38].id=hh-39",
      "twinledger.energy.households[38].resident=resident39",
      "twinledger.energy.households[39].id=hh-40",
      "twinledger.energy.households[39].resident=resident40",
      "twinledger.energy.households[40].id=hh-41",
      "twinledger.energy.households[40].resident=resident41",
      "twinledger.energy.households[41].id=hh-42",
      "twinledger.energy.households[41].resident=resident42",
      "twinledger.energy.households[42].id=hh-43",
      "twinledger.energy.households[42].resident=resident43",
      "twinledger.energy.households[43].id=hh-44",
      "twinledger.energy.households[43].resident=resident44",
      "twinledger.energy.households[44].id=hh-45",
      "twinledger.energy.households[44].resident=resident45",
      "twinledger.energy.households[45].id=hh-46",
      "twinledger.energy.households[45].resident=resident46",
      "twinledger.energy.households[46].id=hh-47",
      "twinledger.energy.households[46].resident=resident47",
      "twinledger.energy.households[47].id=hh-48",
      "twinledger.energy.households[47].resident=resident48",
      "twinledger.energy.households[48].id=hh-49",
      "twinledger.energy.households[48].resident=resident49",
      "twinledger.energy.households[49].id=hh-50",
      "twinledger.energy.households[49].resident=resident50",
      "twinledger.energy.households[50].id=hh-51",
      "twinledger.energy.households[50].resident=resident51",
      "twinledger.energy.households[51].id=hh-52",
      "twinledger.energy.households[51].resident=resident52",
      "twinledger.energy.households[52].id=hh-53",
      "twinledger.energy.households[52].resident=resident53",
      "twinledger.energy.households[53].id=hh-54",
      "twinledger.energy.households[53].resident=resident54",
      "twinledger.energy.households[54].id=hh-55",
      "twinledger.energy.households[54].resident=resident55",
      "twinledger.energy.households[55].id=hh-56",
      "twinledger.energy.households[55].resident=resident56",
      "twinledger.energy.run-every=PT1H"
    })
class BillVerificationBenchmark {

  private static final int HOUSEHOLDS = 56;
  private static final int SLOTS = 96;
  private static final int RUNS = 5;
  private static final Path JAR =
      Path.of("..", "reporting", "verifier", "target", "twinledger-verify.jar");

  @LocalServerPort int port;
  @Autowired VillageMarket market;
  @Autowired MarketBook book;
  @Autowired MarketProperties properties;

  @Test
  void aDaysBillOfAVillageOf56() throws Exception {
    assertThat(JAR).as("build the verifier jar first").exists();
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    EnergyMarketLedger ledger = market.ledger().orElseThrow();
    ledger.configure(properties.terms());
    List<String> households = new ArrayList<>();
    for (int h = 1; h <= HOUSEHOLDS; h++) {
      households.add(String.format("hh-%02d", h));
      ledger.register(households.getLast(), market.identities().apply(households.getLast()));
    }
    // 2026-11-05 in Seoul: 15:00 UTC the day before to 15:00 UTC.
    Instant start = Instant.parse("2026-11-04T15:00:00Z");
    Random random = new Random(17);
    long clearingStart = System.nanoTime();
    try (ExecutorService signers = Executors.newFixedThreadPool(16)) {
      for (int s = 0; s < SLOTS; s++) {
        SlotId slot = SlotId.of(start.plusSeconds(900L * s));
        int hourOfDay = (9 + s / 4) % 24;
        List<MeteredPosition> positions = new ArrayList<>();
        for (int h = 0; h < HOUSEHOLDS; h++) {
          boolean sunny = hourOfDay >= 9 && hourOfDay < 16 && h % 2 == 0;
          BigDecimal kwh = BigDecimal.valueOf(50 + random.nextInt(400), 3);
          positions.add(
              sunny
                  ? new MeteredPosition(households.get(h), BigDecimal.ZERO, kwh)
                  : new MeteredPosition(households.get(h), kwh, BigDecimal.ZERO));
        }
        ledger.recordReadings(slot, positions);
        CompletableFuture.allOf(
                positions.stream()
                    .map(
                        p ->
                            CompletableFuture.runAsync(
                                () -> ledger.submitOrder(p.participant(), slot), signers))
                    .toArray(CompletableFuture[]::new))
            .join();
        EnergyMarketLedger.Committed<SlotClearing> clearing = ledger.clear(slot);
        book.record(clearing.value(), clearing.blockNumber());
      }
    }
    long clearingMs = (System.nanoTime() - clearingStart) / 1_000_000;

    long fetchStart = System.nanoTime();
    HttpResponse<byte[]> answer;
    try (HttpClient http = HttpClient.newHttpClient()) {
      answer =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://localhost:" + port + "/api/v1/energy/me/bills/2026-11/bundle"))
                  .header(
                      "Authorization",
                      "Basic "
                          + Base64.getEncoder()
                              .encodeToString("resident:resident".getBytes(StandardCharsets.UTF_8)))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
    }
    long fetchMs = (System.nanoTime() - fetchStart) / 1_000_000;
    assertThat(answer.statusCode()).isEqualTo(200);
    byte[] gzip = answer.body();
    byte[] plain;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      plain = in.readAllBytes();
    }
    BillBundle bundle = BillJson.read(plain);
    assertThat(bundle.slots()).hasSize(SLOTS);
    long blockBytes =
        bundle.blocks().stream().mapToLong(b -> Base64.getDecoder().decode(b.block()).length).sum();
    assertThat(new BillVerifier(Consortium::twinLedger).verify(bundle).failures()).isEmpty();

    Path dir = Files.createDirectories(Path.of("target", "benchmarks"));
    Path file = dir.resolve("bill-hh-01-day.json.gz");
    Files.write(file, gzip);
    String java = ProcessHandle.current().info().command().orElse("java");
    long[] baseline = new long[RUNS];
    long[] verify = new long[RUNS];
    run(java, List.of(), 2);
    run(java, List.of("verify-bill", file.toString()), 0);
    for (int r = 0; r < RUNS; r++) {
      baseline[r] = run(java, List.of(), 2);
      verify[r] = run(java, List.of("verify-bill", file.toString()), 0);
    }
    Arrays.sort(baseline);
    Arrays.sort(verify);
    long start0 = baseline[RUNS / 2];
    long day = verify[RUNS / 2];
    long month = start0 + 30 * (day - start0);
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    String report =
        "| Measure | day (96 slots), measured | month (2,880 slots), x30 |\n"
            + "|---|---:|---:|\n"
            + "| bundle, JSON | "
            + kb(plain.length)
            + " | "
            + mb(30L * plain.length)
            + " |\n"
            + "| bundle, gzip (as served) | "
            + kb(gzip.length)
            + " | "
            + mb(30L * gzip.length)
            + " |\n"
            + "| of which blocks (protobuf, before base64) | "
            + kb(blockBytes)
            + " | "
            + mb(30 * blockBytes)
            + " |\n"
            + "| `java -jar twinledger-verify.jar`, no arguments (baseline), median | "
            + start0
            + " ms | |\n"
            + "| `java -jar twinledger-verify.jar verify-bill`, median (min, max) | "
            + day
            + " ms ("
            + verify[0]
            + ", "
            + verify[RUNS - 1]
            + ") | ~"
            + month
            + " ms |\n"
            + "\nClearing the day on the ledger: "
            + clearingMs
            + " ms; building and serving the bundle: "
            + fetchMs
            + " ms. Load average "
            + loadBefore
            + " before, "
            + loadAfter
            + " after.\n";
    Files.writeString(dir.resolve("bill-verification.md"), report);
    System.out.println(report);
  }

  private static long run(String java, List<String> args, int expected) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString()));
    command.addAll(args);
    long t0 = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    int code = process.waitFor();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(code).as(new String(output, StandardCharsets.UTF_8)).isEqualTo(expected);
    return ms;
  }

  private static String kb(long bytes) {
    return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(1024), 0, RoundingMode.HALF_EVEN)
        + " KB";
  }

  private static String mb(long bytes) {
    return BigDecimal.valueOf(bytes)
            .divide(BigDecimal.valueOf(1024 * 1024), 1, RoundingMode.HALF_EVEN)
        + " MB";
  }
}
