package io.twinledger.contracts.energy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.contracts.energy.EnergyMarketContract;
import io.twinledger.contracts.energy.EnergyMarketPeer;
import io.twinledger.market.battery.BatteryState;
import io.twinledger.market.battery.CommunityBattery;
import io.twinledger.market.clearing.ClearingRule;
import io.twinledger.market.settlement.MeteredPosition;
import io.twinledger.market.slot.SlotId;
import io.twinledger.market.slot.SlotMarket;
import io.twinledger.market.slot.SlotOutcome;
import io.twinledger.market.terms.MarketTerms;
import io.twinledger.market.terms.PriceLimits;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A day of the village through the embedded peer of channel {@code energy-market} (target: under 10
 * s): 96 slots × 56 households, over the real Fabric Gateway client and the real {@code
 * EnergyMarketContract} with the community battery.
 *
 * <p>The day is processed as settlement is, after the fact: the operator records each slot's 56
 * meter readings (one transaction per slot, values in transient data to the private collection);
 * every household with a non-zero net position submits its order for each slot, each order one
 * transaction signed by that household's own identity (endorsed from 16 client threads); then the
 * operator clears the 96 slots in order, each clearing waiting for the one before (the battery's
 * state runs from slot to slot). That is the path, day 1 in process and day 3 over loopback
 * TCP. Days 4 (in process) and 5 (over TCP) make the same transactions slot after slot, as a live
 * day does: a slot's orders once its readings are committed, its clearing once its orders are,
 * while later slots' orders are still arriving. Day 2 has day 1's positions as the daily settlement
 * batch: readings of 16 slots a transaction, each household's orders of the whole day in one
 * transaction it signs ({@code SubmitOrders}), clearings of 16 slots a transaction. Baseline, same
 * run: each day's positions, limits and battery through contracts-market's {@link SlotMarket} off
 * the ledger, whose prices and volumes every cleared slot must equal.
 *
 * <p>Runs only with {@code -Pbench}: {@code ./mvnw -Pbench -pl contracts/chaincode verify
 * -Dtest=VillageDayBenchmark}; writes {@code target/benchmarks/village-day.md}.
 */
@Tag("benchmark")
class VillageDayBenchmark {

  private static final int HOUSEHOLDS = 56;
  private static final int SLOTS = 96;
  private static final int WARM_UP_SLOTS = 32;
  private static final int CLIENT_THREADS = 16;
  private static final String BATTERY = "battery";
  private static final MarketTerms TERMS =
      new MarketTerms(
          new ClearingRule.UniformPrice(new BigDecimal("0.5")),
          new BigDecimal("10"),
          new BigDecimal("80"),
          new BigDecimal("160"),
          "KRW");
  private static final CommunityBattery VILLAGE_BATTERY = CommunityBattery.village(BATTERY);
  private static final BigDecimal INITIAL_CHARGE = new BigDecimal("120");

  @TempDir Path data;

  @Test
  void aDayOfTheVillage() throws Exception {
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    try (EnergyMarketPeer fixture = new EnergyMarketPeer(data, EnergyMarketPeer.QUICK_BLOCKS);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS)) {
      Contract operator = fixture.contract(fixture.operator());
      operator.submitTransaction("ConfigureMarket", "uniform", "0.5", "10", "80", "160", "KRW");
      operator.submitTransaction(
          "RegisterBattery",
          BATTERY,
          VILLAGE_BATTERY.capacityKwh().toPlainString(),
          VILLAGE_BATTERY.powerKw().toPlainString(),
          VILLAGE_BATTERY.roundTripEfficiency().toPlainString(),
          VILLAGE_BATTERY.minSocKwh().toPlainString(),
          INITIAL_CHARGE.toPlainString());
      List<String> households = new ArrayList<>();
      Map<String, Contract> signed = new HashMap<>();
      Map<String, PriceLimits> limits = new HashMap<>();
      for (int h = 1; h <= HOUSEHOLDS; h++) {
        String household = "household-%02d".formatted(h);
        households.add(household);
        operator.submitTransaction(
            "RegisterHousehold", household, EnergyMarketPeer.pem(fixture.household(household)));
        Contract contract = fixture.contract(fixture.household(household));
        signed.put(household, contract);
        PriceLimits standing =
            new PriceLimits(
                BigDecimal.valueOf(80 + 5L * (h % 5)), BigDecimal.valueOf(160 - 5L * (h % 7)));
        contract.submitTransaction(
            "SetPriceLimits",
            household,
            standing.minSellPrice().toPlainString(),
            standing.maxBuyPrice().toPlainString());
        limits.put(household, standing);
      }

      Village village = new Village(households, 20_260_621L);
      Instant dayOne = Instant.parse("2026-06-21T00:00:00Z");
      runPerOrder(
          new Day(Instant.parse("2026-06-20T08:00:00Z"), WARM_UP_SLOTS, village),
          operator,
          signed,
          clients);
      runBatch(
          new Day(Instant.parse("2026-06-20T16:00:00Z"), WARM_UP_SLOTS, village),
          operator,
          signed,
          clients);

      // Days in order: the contract closes every slot up to the last one cleared.
      Measured inProcess =
          measure(new Day(dayOne, SLOTS, village), Route.PHASES, operator, signed, limits, clients);
      Measured batch =
          measure(
              new Day(Instant.parse("2026-06-22T00:00:00Z"), SLOTS, village, dayOne),
              Route.BATCH,
              operator,
              signed,
              limits,
              clients);
      Map<String, Contract> signedOverTcp = new HashMap<>();
      for (String household : households) {
        signedOverTcp.put(household, fixture.contract(fixture.household(household), true));
      }
      Contract operatorOverTcp = fixture.contract(fixture.operator(), true);
      Measured overTcp =
          measure(
              new Day(Instant.parse("2026-06-23T00:00:00Z"), SLOTS, village),
              Route.PHASES,
              operatorOverTcp,
              signedOverTcp,
              limits,
              clients);
      Measured pipelined =
          measure(
              new Day(Instant.parse("2026-06-24T00:00:00Z"), SLOTS, village),
              Route.PIPELINED,
              operator,
              signed,
              limits,
              clients);
      Measured pipelinedOverTcp =
          measure(
              new Day(Instant.parse("2026-06-25T00:00:00Z"), SLOTS, village),
              Route.PIPELINED,
              operatorOverTcp,
              signedOverTcp,
              limits,
              clients);
      double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      String report =
          String.format(
                  Locale.ROOT,
                  "A village day: %d households × %d slots (day 1: %,d orders with a position, %.1f"
                      + " kWh traded; day 2 has day 1's positions), after a warm-up of %d slots per"
                      + " order and as the batch; load average %.1f before, %.1f after; %d"
                      + " processors%n%n| Path | s |%n|---|---:|%n",
                  HOUSEHOLDS,
                  SLOTS,
                  inProcess.chain().orders(),
                  inProcess.volume(),
                  WARM_UP_SLOTS,
                  loadBefore,
                  loadAfter,
                  Runtime.getRuntime().availableProcessors())
              + inProcess.rows("in-process gRPC (the service's path), day 1")
              + batch.rows("in-process gRPC, day 2")
              + pipelined.rows("in-process gRPC, day 4")
              + overTcp.rows("plaintext gRPC over loopback TCP, day 3")
              + pipelinedOverTcp.rows("plaintext gRPC over loopback TCP, day 5");
      Path out = Path.of("target", "benchmarks");
      Files.createDirectories(out);
      Files.writeString(out.resolve("village-day.md"), report);
      System.out.println(report);
    }
  }

  /**
   * Runs {@code day} on the chain, per order or as the daily batch, then off the ledger from the
   * battery's state before it, and checks that every slot cleared at the same price and volume.
   */
  private static Measured measure(
      Day day,
      Route route,
      Contract operator,
      Map<String, Contract> signed,
      Map<String, PriceLimits> limits,
      ExecutorService clients)
      throws Exception {
    BigDecimal chargeBefore =
        new BigDecimal(
            new JSONObject(text(operator.evaluateTransaction("GetBattery")))
                .getString("stateOfChargeKwh"));
    long cpuBefore = cpuNanos();
    Timings chain =
        switch (route) {
          case PHASES -> runPerOrder(day, operator, signed, clients);
          case PIPELINED -> runPipelined(day, operator, signed, clients);
          case BATCH -> runBatch(day, operator, signed, clients);
        };
    long cpu = cpuNanos() - cpuBefore;
    long start = System.nanoTime();
    List<SlotOutcome> offLedger = runOffLedger(day, limits, new BatteryState(chargeBefore));
    long baseline = System.nanoTime() - start;
    BigDecimal volume = BigDecimal.ZERO;
    for (int s = 0; s < day.slots(); s++) {
      JSONObject cleared = chain.cleared().get(s);
      SlotOutcome expected = offLedger.get(s);
      assertThat(cleared.getString("price"))
          .as("slot " + day.slot(s))
          .isEqualTo(expected.clearing().price().map(BigDecimal::toPlainString).orElse(""));
      assertThat(new BigDecimal(cleared.getString("volume")))
          .isEqualByComparingTo(expected.clearing().volume());
      assertThat(new BigDecimal(cleared.getString("soldKwh")))
          .isEqualByComparingTo(cleared.getString("boughtKwh"));
      volume = volume.add(expected.clearing().volume());
    }
    assertThat(chain.orders())
        .as("every position an order")
        .isEqualTo(IntStream.range(0, day.slots()).map(s -> day.traders(s).size()).sum());
    return new Measured(route, chain, baseline, cpu, volume);
  }

  /** How a day goes onto the chain. */
  private enum Route {
    /** Each order its own transaction; all readings, then all orders, then the clearings. */
    PHASES,
    /** Each order its own transaction, slot after slot as a live day runs. */
    PIPELINED,
    /** The daily settlement batch. */
    BATCH
  }

  /**
   * The path: a reading transaction per slot, a transaction per order signed by its
   * household, a clearing per slot.
   */
  private static Timings runPerOrder(
      Day day, Contract operator, Map<String, Contract> signed, ExecutorService clients)
      throws Exception {
    long start = System.nanoTime();
    List<SubmittedTransaction> readings = submitReadings(day, operator);
    awaitCommitted(readings);
    long afterReadings = System.nanoTime();

    List<Future<SubmittedTransaction>> orders = new ArrayList<>();
    for (int s = 0; s < day.slots(); s++) {
      String slot = day.slot(s).toString();
      for (MeteredPosition position : day.traders(s)) {
        Contract household = signed.get(position.participant());
        orders.add(clients.submit(() -> endorseAndSubmit(household, position.participant(), slot)));
      }
    }
    List<SubmittedTransaction> submitted = new ArrayList<>();
    for (Future<SubmittedTransaction> order : orders) {
      submitted.add(order.get());
    }
    awaitCommitted(submitted);
    long afterOrders = System.nanoTime();

    List<JSONObject> cleared = new ArrayList<>();
    for (int s = 0; s < day.slots(); s++) {
      cleared.add(
          new JSONObject(text(operator.submitTransaction("ClearSlot", day.slot(s).toString()))));
    }
    long end = System.nanoTime();
    return new Timings(
        afterReadings - start,
        afterOrders - afterReadings,
        end - afterOrders,
        end - start,
        readings.size(),
        submitted.size(),
        submitted.size(),
        day.slots(),
        cleared);
  }

  /**
   * The path as a live day runs it: slot by slot, each slot's orders submitted once its
   * readings are on the ledger and cleared once its orders are, while later slots' readings and
   * orders are still coming in. The same transactions as {@link #runPerOrder}; only their overlap
   * differs. A clearing reads only its own slot's orders (and the battery), and an order only its
   * own slot's clearing key, so a slot's orders do not conflict with an earlier slot's clearing.
   */
  private static Timings runPipelined(
      Day day, Contract operator, Map<String, Contract> signed, ExecutorService clients)
      throws Exception {
    long start = System.nanoTime();
    List<SubmittedTransaction> readings = submitReadings(day, operator);
    // Each reading's commit status is asked for once, in slot order, by a thread of its own; a
    // slot's orders wait for it.
    ExecutorService watcher = Executors.newSingleThreadExecutor();
    List<CompletableFuture<Void>> readingCommitted = new ArrayList<>();
    for (SubmittedTransaction reading : readings) {
      readingCommitted.add(
          CompletableFuture.runAsync(() -> awaitCommitted(List.of(reading)), watcher));
    }
    CompletableFuture<Void> previous = readingCommitted.getLast();
    List<List<Future<SubmittedTransaction>>> ordersBySlot = new ArrayList<>();
    for (int s = 0; s < day.slots(); s++) {
      String slot = day.slot(s).toString();
      CompletableFuture<Void> recorded = readingCommitted.get(s);
      List<Future<SubmittedTransaction>> orders = new ArrayList<>();
      for (MeteredPosition position : day.traders(s)) {
        Contract household = signed.get(position.participant());
        orders.add(
            recorded.thenApplyAsync(
                committed -> endorseAndSubmit(household, position.participant(), slot), clients));
      }
      ordersBySlot.add(orders);
    }
    previous.get();
    long readingsCommitted = System.nanoTime();
    watcher.shutdown();
    List<JSONObject> cleared = new ArrayList<>();
    int orders = 0;
    long lastOrder = start;
    for (int s = 0; s < day.slots(); s++) {
      List<SubmittedTransaction> submitted = new ArrayList<>();
      for (Future<SubmittedTransaction> order : ordersBySlot.get(s)) {
        submitted.add(order.get());
      }
      awaitCommitted(submitted);
      orders += submitted.size();
      lastOrder = System.nanoTime();
      cleared.add(
          new JSONObject(text(operator.submitTransaction("ClearSlot", day.slot(s).toString()))));
    }
    long end = System.nanoTime();
    return new Timings(
        // Overlapping phases: each figure is when the phase's last transaction was committed,
        // from the start; the clearings' figure is the tail after the last slot's orders.
        readingsCommitted - start,
        lastOrder - start,
        end - lastOrder,
        end - start,
        readings.size(),
        orders,
        orders,
        day.slots(),
        cleared);
  }

  /**
   * The daily settlement batch: readings of {@value EnergyMarketContract#MAX_BATCH_SLOTS} slots a
   * transaction, one transaction per household with its orders of every slot of the day (slots with
   * a zero net are skipped by the contract), and clearings of {@value
   * EnergyMarketContract#MAX_BATCH_SLOTS} slots a transaction, each waiting for the one before.
   */
  private static Timings runBatch(
      Day day, Contract operator, Map<String, Contract> signed, ExecutorService clients)
      throws Exception {
    int perTransaction = EnergyMarketContract.MAX_BATCH_SLOTS;
    long start = System.nanoTime();
    List<SubmittedTransaction> readings = new ArrayList<>();
    for (int from = 0; from < day.slots(); from += perTransaction) {
      JSONObject bySlot = new JSONObject();
      for (int s = from; s < Math.min(from + perTransaction, day.slots()); s++) {
        bySlot.put(day.slot(s).toString(), day.readings(s));
      }
      readings.add(
          operator
              .newProposal("RecordMeterReadingsForSlots")
              .putTransient(EnergyMarketContract.READINGS, bySlot.toString())
              .build()
              .endorse()
              .submitAsync());
    }
    awaitCommitted(readings);
    long afterReadings = System.nanoTime();

    JSONArray slots = new JSONArray();
    for (int s = 0; s < day.slots(); s++) {
      slots.put(day.slot(s).toString());
    }
    List<Future<SubmittedTransaction>> batches = new ArrayList<>();
    for (Map.Entry<String, Contract> household : signed.entrySet()) {
      batches.add(
          clients.submit(
              () ->
                  household
                      .getValue()
                      .newProposal("SubmitOrders")
                      .addArguments(household.getKey(), slots.toString())
                      .build()
                      .endorse()
                      .submitAsync()));
    }
    int orders = 0;
    List<SubmittedTransaction> submitted = new ArrayList<>();
    for (Future<SubmittedTransaction> batch : batches) {
      SubmittedTransaction transaction = batch.get();
      orders += new JSONObject(text(transaction.getResult())).getJSONArray("orders").length();
      submitted.add(transaction);
    }
    awaitCommitted(submitted);
    long afterOrders = System.nanoTime();

    List<JSONObject> cleared = new ArrayList<>();
    for (int from = 0; from < day.slots(); from += perTransaction) {
      JSONArray some = new JSONArray();
      for (int s = from; s < Math.min(from + perTransaction, day.slots()); s++) {
        some.put(day.slot(s).toString());
      }
      JSONArray clearings =
          new JSONArray(text(operator.submitTransaction("ClearSlots", some.toString())));
      for (int i = 0; i < clearings.length(); i++) {
        cleared.add(clearings.getJSONObject(i));
      }
    }
    long end = System.nanoTime();
    return new Timings(
        afterReadings - start,
        afterOrders - afterReadings,
        end - afterOrders,
        end - start,
        readings.size(),
        submitted.size(),
        orders,
        (day.slots() + perTransaction - 1) / perTransaction,
        cleared);
  }

  private static List<SlotOutcome> runOffLedger(
      Day day, Map<String, PriceLimits> limits, BatteryState charge) {
    List<SlotOutcome> outcomes = new ArrayList<>();
    BatteryState state = charge;
    for (int s = 0; s < day.slots(); s++) {
      SlotOutcome outcome =
          SlotMarket.run(
              day.slot(s),
              TERMS,
              day.positions(s),
              limits,
              Optional.of(new SlotMarket.BatteryInSlot(VILLAGE_BATTERY, state)));
      state = outcome.batteryAfter().orElse(state);
      outcomes.add(outcome);
    }
    return outcomes;
  }

  /** The day's readings, a {@code RecordMeterReadings} per slot, submitted without waiting. */
  private static List<SubmittedTransaction> submitReadings(Day day, Contract operator)
      throws GatewayException {
    List<SubmittedTransaction> readings = new ArrayList<>();
    for (int s = 0; s < day.slots(); s++) {
      readings.add(
          operator
              .newProposal("RecordMeterReadings")
              .addArguments(day.slot(s).toString())
              .putTransient(EnergyMarketContract.READINGS, day.readings(s).toString())
              .build()
              .endorse()
              .submitAsync());
    }
    return readings;
  }

  private static SubmittedTransaction endorseAndSubmit(
      Contract household, String householdId, String slot) {
    try {
      return household
          .newProposal("SubmitOrder")
          .addArguments(householdId, slot)
          .build()
          .endorse()
          .submitAsync();
    } catch (GatewayException e) {
      throw new IllegalStateException("order of " + householdId + " for " + slot, e);
    }
  }

  /** Asks for each transaction's commit status once (each ask is a call to the gateway). */
  private static void awaitCommitted(List<SubmittedTransaction> transactions) {
    for (SubmittedTransaction transaction : transactions) {
      Status status;
      try {
        status = transaction.getStatus();
      } catch (CommitStatusException e) {
        throw new IllegalStateException(transaction.getTransactionId(), e);
      }
      assertThat(status.isSuccessful())
          .as(transaction.getTransactionId() + " " + status.getCode())
          .isTrue();
    }
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private record Measured(
      Route route, Timings chain, long baselineNanos, long cpuNanos, BigDecimal volume) {

    String rows(String day) {
      String path =
          day
              + switch (route) {
                case PHASES -> ", per order, phases in turn";
                case PIPELINED -> ", per order, slot after slot";
                case BATCH -> ", daily batch";
              };
      String[] phases =
          route == Route.PIPELINED
              ? new String[] {
                "readings committed after",
                "orders committed after",
                "clearings after the last slot's orders"
              }
              : new String[] {"record readings", "orders", "clear the slots in order"};
      return String.format(
          Locale.ROOT,
          "| %s: SlotMarket off the ledger, the same positions, limits and battery (baseline)"
              + " | %.3f |%n"
              + "| %s: %s (%d tx) | %.3f |%n"
              + "| %s: %s: %,d, signed by their households (%,d tx) | %.3f |%n"
              + "| %s: %s (%d tx) | %.3f |%n"
              + "| **%s: the day** | **%.3f** |%n"
              + "| %s: CPU time of the test JVM (client and peer, not PostgreSQL) | %.3f |%n",
          path,
          baselineNanos / 1e9,
          path,
          phases[0],
          chain.readingTransactions(),
          chain.readingsNanos() / 1e9,
          path,
          phases[1],
          chain.orders(),
          chain.orderTransactions(),
          chain.ordersNanos() / 1e9,
          path,
          phases[2],
          chain.clearingTransactions(),
          chain.clearingNanos() / 1e9,
          path,
          chain.totalNanos() / 1e9,
          path,
          cpuNanos / 1e9);
    }
  }

  /**
   * One day on the chain.
   *
   * @param orders the orders recorded
   * @param orderTransactions the transactions that submitted them
   */
  private record Timings(
      long readingsNanos,
      long ordersNanos,
      long clearingNanos,
      long totalNanos,
      int readingTransactions,
      int orderTransactions,
      int orders,
      int clearingTransactions,
      List<JSONObject> cleared) {}

  /**
   * The village's households: rooftop PV of 3 to 6 kWp and an annual consumption of 2,500 to 5,000
   * kWh each, seeded.
   */
  private record Village(List<String> households, double[] kwp, double[] annualKwh, long seed) {

    Village(List<String> households, long seed) {
      this(households, new double[households.size()], new double[households.size()], seed);
      Random random = new Random(seed);
      for (int h = 0; h < households.size(); h++) {
        kwp[h] = 3 + 3 * random.nextDouble();
        annualKwh[h] = 2_500 + 2_500 * random.nextDouble();
      }
    }
  }

  /**
   * The village's metered positions over consecutive slots from {@code start}: PV from a clear-sky
   * bell between 05:00 and 19:00 UTC+9 times a seeded cloudiness, load from a morning-and-evening
   * shape scaled to each household's annual consumption with seeded noise; both become kWh with
   * three decimals (Wh), and the household's import and export are what its own consumption leaves.
   */
  private static final class Day {

    private final Instant start;
    private final int slots;
    private final List<List<MeteredPosition>> positions = new ArrayList<>();

    Day(Instant start, int slots, Village village) {
      this(start, slots, village, start);
    }

    /** A day from {@code start} with the positions of the day from {@code positionsOf}. */
    Day(Instant start, int slots, Village village, Instant positionsOf) {
      this.start = start;
      this.slots = slots;
      Random random = new Random(village.seed() ^ positionsOf.getEpochSecond());
      for (int s = 0; s < slots; s++) {
        double hour = ((positionsOf.getEpochSecond() / 3600.0) + 9 + s * 0.25 + 0.125) % 24;
        double sun = hour > 5 && hour < 19 ? Math.sin(Math.PI * (hour - 5) / 14) : 0;
        double shape = 0.6 + 0.6 * bump(hour, 7.5, 1.5) + 1.2 * bump(hour, 19.5, 2);
        double clouds = 0.6 + 0.4 * random.nextDouble();
        List<MeteredPosition> slot = new ArrayList<>();
        for (int h = 0; h < village.households().size(); h++) {
          double pv = village.kwp()[h] * sun * clouds * 0.8 * 0.25;
          double load =
              village.annualKwh()[h] / 365 / 96 / 1.0 * shape * (0.7 + 0.6 * random.nextDouble());
          BigDecimal produced = kwh(pv);
          BigDecimal consumed = kwh(load);
          BigDecimal net = consumed.subtract(produced);
          slot.add(
              new MeteredPosition(
                  village.households().get(h),
                  net.max(BigDecimal.ZERO),
                  net.negate().max(BigDecimal.ZERO)));
        }
        positions.add(slot);
      }
    }

    int slots() {
      return slots;
    }

    SlotId slot(int s) {
      return SlotId.of(start.plusSeconds(900L * s));
    }

    List<MeteredPosition> positions(int s) {
      return positions.get(s);
    }

    /** The slot's positions that become orders: those with a non-zero net. */
    List<MeteredPosition> traders(int s) {
      return positions.get(s).stream().filter(p -> p.netKwh().signum() != 0).toList();
    }

    JSONArray readings(int s) {
      JSONArray readings = new JSONArray();
      for (MeteredPosition position : positions.get(s)) {
        readings.put(
            new JSONObject()
                .put("household", position.participant())
                .put("importKwh", position.importKwh().toPlainString())
                .put("exportKwh", position.exportKwh().toPlainString()));
      }
      return readings;
    }

    private static double bump(double hour, double centre, double width) {
      double d = (hour - centre) / width;
      return Math.exp(-d * d);
    }

    private static BigDecimal kwh(double value) {
      return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_EVEN);
    }
  }
}
