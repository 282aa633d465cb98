package io.twinledger.finance.payout.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.finance.money.Money;
import io.twinledger.finance.payout.Holding;
import io.twinledger.finance.payout.Payout;
import io.twinledger.finance.payout.PayoutAllocation;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Times {@link PayoutAllocation} of one payment to 1,000,000 holders (target: under 1 s), beside
 * the baseline of a plain {@code BigDecimal} sum of the same holders' units, in the same run: the
 * least any exact allocation must do, touching each holding once with decimal arithmetic. Holdings
 * are random (1 to 1,000,000 units, seeded), their ids in random order, so the ties served by
 * holder id are part of the time. Runs only with {@code -Pbench}: {@code ./mvnw -Pbench -pl
 * finance-models verify -Dtest=PayoutAllocationBenchmark}; writes {@code
 * target/benchmarks/payout-allocation.md}.
 */
@Tag("benchmark")
class PayoutAllocationBenchmark {

  private static final int HOLDERS = 1_000_000;
  private static final int WARM_UP = 3;
  private static final int MEASURED = 7;

  @Test
  void oneMillionHolders() throws IOException {
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Random random = new Random(20_261_206L);
    List<Holding> holdings = new ArrayList<>(HOLDERS);
    for (int i = 0; i < HOLDERS; i++) {
      holdings.add(
          new Holding(
              "h" + random.nextInt(Integer.MAX_VALUE) + "-" + i, 1 + random.nextInt(1_000_000)));
    }
    Money amount = Money.of("USD", "1234567.89");
    long[] allocation = new long[MEASURED];
    long[] baseline = new long[MEASURED];
    for (int run = 0; run < WARM_UP + MEASURED; run++) {
      long start = System.nanoTime();
      BigDecimal units = BigDecimal.ZERO;
      for (Holding h : holdings) {
        units = units.add(BigDecimal.valueOf(h.units()));
      }
      long sum = System.nanoTime() - start;
      start = System.nanoTime();
      List<Payout> payouts = PayoutAllocation.allocate(amount, holdings);
      long allocated = System.nanoTime() - start;
      assertThat(units.signum()).isPositive();
      assertThat(
              payouts.stream()
                  .map(Payout::amount)
                  .reduce(Money.zero(amount.currency()), Money::plus))
          .isEqualTo(amount);
      if (run >= WARM_UP) {
        baseline[run - WARM_UP] = sum;
        allocation[run - WARM_UP] = allocated;
      }
    }
    Arrays.sort(allocation);
    Arrays.sort(baseline);
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    String report =
        String.format(
            Locale.ROOT,
            "Payout allocation to %,d holders, %d measured runs after %d warm-up; load average %.1f"
                + " before, %.1f after%n%n| Path | median ms | min ms | max ms |%n|---|---:|---:|---:|%n"
                + "| plain BigDecimal sum of the units (baseline) | %.1f | %.1f | %.1f |%n"
                + "| PayoutAllocation.allocate (largest remainder, ties by holder id) | %.1f | %.1f | %.1f |%n",
            HOLDERS,
            MEASURED,
            WARM_UP,
            loadBefore,
            loadAfter,
            baseline[MEASURED / 2] / 1e6,
            baseline[0] / 1e6,
            baseline[MEASURED - 1] / 1e6,
            allocation[MEASURED / 2] / 1e6,
            allocation[0] / 1e6,
            allocation[MEASURED - 1] / 1e6);
    Path out = Path.of("target", "benchmarks");
    Files.createDirectories(out);
    Files.writeString(out.resolve("payout-allocation.md"), report);
    System.out.println(report);
  }
}
