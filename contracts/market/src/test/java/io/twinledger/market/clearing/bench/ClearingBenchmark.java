package io.twinledger.market.clearing.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.market.clearing.Clearing;
import io.twinledger.market.clearing.ClearingResult;
import io.twinledger.market.clearing.ClearingRule;
import io.twinledger.market.order.Order;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Times {@link Clearing#clear} of 10,000 orders (5,000 bids and 5,000 asks, random, seeded) under
 * the uniform rule with a grid fee (target: under 5 ms, and at most 3 times the baseline), beside
 * the baseline of a plain sort of the same orders in the same run: each side sorted by its {@code
 * BigDecimal} price (bids highest first, asks lowest first), then by id, the comparator the
 * clearing's ranking uses. Runs only with {@code -Pbench}: {@code ./mvnw -Pbench -pl
 * contracts/market verify -Dtest=ClearingBenchmark}; writes {@code
 * target/benchmarks/market-clearing.md}.
 */
@Tag("benchmark")
class ClearingBenchmark {

  private static final int PER_SIDE = 5_000;
  private static final int WARM_UP = 200;
  private static final int MEASURED = 200;

  private static final Comparator<Order> BIDS =
      Comparator.comparing(Order::price).reversed().thenComparing(Order::id);
  private static final Comparator<Order> ASKS =
      Comparator.comparing(Order::price).thenComparing(Order::id);

  @Test
  void tenThousandOrders() throws IOException {
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Random random = new Random(20_261_207L);
    List<Order> bids = new ArrayList<>(PER_SIDE);
    List<Order> asks = new ArrayList<>(PER_SIDE);
    for (int i = 0; i < PER_SIDE; i++) {
      // Prices 60.0000 to 200.0000 KRW/kWh in steps of 0.01 (ties happen), 0.001 to 5 kWh; ids
      // in random order.
      bids.add(order("b", i, random, true));
      asks.add(order("a", i, random, false));
    }
    ClearingRule rule = ClearingRule.defaultRule();
    BigDecimal fee = new BigDecimal("10");
    long[] clearing = new long[MEASURED];
    long[] baseline = new long[MEASURED];
    ClearingResult result = null;
    for (int run = 0; run < WARM_UP + MEASURED; run++) {
      long start = System.nanoTime();
      Order[] sortedBids = bids.toArray(Order[]::new);
      Order[] sortedAsks = asks.toArray(Order[]::new);
      Arrays.sort(sortedBids, BIDS);
      Arrays.sort(sortedAsks, ASKS);
      long sorted = System.nanoTime() - start;
      start = System.nanoTime();
      result = Clearing.clear(rule, fee, bids, asks);
      long cleared = System.nanoTime() - start;
      assertThat(sortedBids[0].price()).isGreaterThanOrEqualTo(sortedBids[PER_SIDE - 1].price());
      assertThat(result.volume().signum()).isPositive();
      if (run >= WARM_UP) {
        baseline[run - WARM_UP] = sorted;
        clearing[run - WARM_UP] = cleared;
      }
    }
    Arrays.sort(clearing);
    Arrays.sort(baseline);
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    String report =
        String.format(
            Locale.ROOT,
            "Market clearing of %,d orders (%,d bids + %,d asks), %d measured runs after %d warm-up;"
                + " load average %.1f before, %.1f after; %s kWh traded in %d trades at %s%n%n"
                + "| Path | median ms | min ms | max ms |%n|---|---:|---:|---:|%n"
                + "| sort of both sides by BigDecimal price, then id (baseline) | %.2f | %.2f | %.2f |%n"
                + "| Clearing.clear, uniform price, kappa 0.5, grid fee 10 | %.2f | %.2f | %.2f |%n"
                + "%nRatio of medians: %.2f%n",
            2 * PER_SIDE,
            PER_SIDE,
            PER_SIDE,
            MEASURED,
            WARM_UP,
            loadBefore,
            loadAfter,
            result.volume().toPlainString(),
            result.trades().size(),
            result.price().orElseThrow().toPlainString(),
            baseline[MEASURED / 2] / 1e6,
            baseline[0] / 1e6,
            baseline[MEASURED - 1] / 1e6,
            clearing[MEASURED / 2] / 1e6,
            clearing[0] / 1e6,
            clearing[MEASURED - 1] / 1e6,
            (double) clearing[MEASURED / 2] / baseline[MEASURED / 2]);
    Path out = Path.of("target", "benchmarks");
    Files.createDirectories(out);
    Files.writeString(out.resolve("market-clearing.md"), report);
    System.out.println(report);
  }

  private static Order order(String prefix, int i, Random random, boolean bid) {
    String id = prefix + random.nextInt(Integer.MAX_VALUE) + "-" + i;
    BigDecimal price = BigDecimal.valueOf(6_000 + random.nextInt(14_001), 2);
    BigDecimal quantity = BigDecimal.valueOf(1 + random.nextInt(5_000), 3);
    return bid
        ? new Order(id, "h" + id, io.twinledger.market.order.Side.BID, price, quantity)
        : new Order(id, "h" + id, io.twinledger.market.order.Side.ASK, price, quantity);
  }
}
