package io.twinledger.market.simulation.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.market.simulation.ProgressListener;
import io.twinledger.market.simulation.SimulationReport;
import io.twinledger.market.simulation.SimulationReportText;
import io.twinledger.market.simulation.SimulationSettings;
import io.twinledger.market.simulation.VillageSimulation;
import io.twinledger.market.simulation.load.LoadShape;
import io.twinledger.market.simulation.village.Village;
import io.twinledger.market.simulation.village.VillageProfiles;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Times {@link VillageSimulation#run} of Busan Eco Delta Smart Village's year (56 households and
 * the battery, 35,040 slots, each through contracts-market's {@code SlotMarket}: orders, uniform
 * clearing, settlement, conservation check, figures; target: under 10 s), beside the baseline of
 * the year's profile generation alone ({@link VillageProfiles#generate}: solar position, clouds, PV
 * and load of every household, metered; no market), in the same run. Every measured run checks
 * conservation on every slot. Runs only with {@code -Pbench}: {@code ./mvnw -Pbench -pl
 * contracts/market-simulation verify -Dtest=VillageYearBenchmark}; writes {@code
 * target/benchmarks/village-year.md} with the timings and the year's report.
 */
@Tag("benchmark")
class VillageYearBenchmark {

  private static final int WARM_UP = 1;
  private static final int MEASURED = 5;
  private static final long SEED = 17;
  private static final int YEAR = 2025;

  @Test
  void aYearOfTheVillage() throws IOException {
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    SimulationSettings settings = SimulationSettings.busan(SEED, YEAR);
    long[] simulation = new long[MEASURED];
    long[] baseline = new long[MEASURED];
    SimulationReport report = null;
    for (int run = 0; run < WARM_UP + MEASURED; run++) {
      long start = System.nanoTime();
      VillageProfiles profiles =
          VillageProfiles.generate(Village.generate(SEED, 56), YEAR, LoadShape.h0Style());
      long generated = System.nanoTime() - start;
      start = System.nanoTime();
      report = VillageSimulation.run(settings, ProgressListener.NONE);
      long simulated = System.nanoTime() - start;
      assertThat(profiles.slots()).isEqualTo(35_040);
      assertThat(report.conservationHeld()).isTrue();
      if (run >= WARM_UP) {
        baseline[run - WARM_UP] = generated;
        simulation[run - WARM_UP] = simulated;
      }
    }
    Arrays.sort(simulation);
    Arrays.sort(baseline);
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    String timings =
        String.format(
            Locale.ROOT,
            "Village year, 56 households, 35,040 slots, %d measured runs after %d warm-up; load"
                + " average %.1f before, %.1f after%n%n| Path | median s | min s | max s |%n"
                + "|---|---:|---:|---:|%n"
                + "| VillageProfiles.generate: the year's PV and load, metered (baseline) | %.2f | %.2f | %.2f |%n"
                + "| VillageSimulation.run: profiles + 35,040 slots through SlotMarket, figures | %.2f | %.2f | %.2f |%n"
                + "%nPer slot (median): %.0f µs.%n",
            MEASURED,
            WARM_UP,
            loadBefore,
            loadAfter,
            baseline[MEASURED / 2] / 1e9,
            baseline[0] / 1e9,
            baseline[MEASURED - 1] / 1e9,
            simulation[MEASURED / 2] / 1e9,
            simulation[0] / 1e9,
            simulation[MEASURED - 1] / 1e9,
            simulation[MEASURED / 2] / 1e3 / 35_040);
    String out = timings + "\n" + SimulationReportText.markdown(report);
    Path dir = Path.of("target", "benchmarks");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("village-year.md"), out);
    System.out.println(timings);
    System.out.println(
        "self-sufficiency "
            + report
                .withTrading()
                .selfSufficiency()
                .orElseThrow()
                .setScale(3, RoundingMode.HALF_EVEN)
            + " (without trading "
            + report
                .withoutTrading()
                .selfSufficiency()
                .orElseThrow()
                .setScale(3, RoundingMode.HALF_EVEN)
            + "), traded "
            + report.withTrading().tradedKwh().setScale(0, RoundingMode.HALF_EVEN)
            + " kWh, cycles "
            + report
                .withTrading()
                .batteryCycles()
                .orElse(BigDecimal.ZERO)
                .setScale(1, RoundingMode.HALF_EVEN));
  }
}
