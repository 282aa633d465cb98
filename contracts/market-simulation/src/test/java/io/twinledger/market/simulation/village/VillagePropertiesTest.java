package io.twinledger.market.simulation.village;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.twinledger.market.simulation.calendar.SimulationYear;
import io.twinledger.market.simulation.load.HouseholdLoad;
import io.twinledger.market.simulation.load.LoadShape;
import io.twinledger.market.simulation.solar.Cloudiness;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The generators' documented ranges and sums, for any seed. */
class VillagePropertiesTest {

  private static final LocalDateTime[] STARTS =
      new SimulationYear(2025, ZoneId.of("Asia/Seoul")).localStarts();
  private static final LoadShape SHAPE = LoadShape.h0Style();

  @Property(tries = 200)
  void householdsAreWithinTheDocumentedRanges(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int count) {
    Village village = Village.generate(seed, count);
    assertThat(village.households()).hasSize(count);
    for (Household h : village.households()) {
      assertThat(h.peakPowerKw()).isBetween(new BigDecimal("3.0"), new BigDecimal("6.0"));
      assertThat(h.peakPowerKw().scale()).isEqualTo(1);
      assertThat(h.performanceRatio()).isBetween(new BigDecimal("0.780"), new BigDecimal("0.860"));
      assertThat(h.annualConsumptionKwh())
          .isBetween(new BigDecimal("3500"), new BigDecimal("6500"));
      assertThat(h.annualConsumptionKwh().remainder(BigDecimal.TEN)).isZero();
      assertThat(h.loadShiftQuarterHours()).isBetween(-4, 4);
    }
  }

  @Property(tries = 20)
  void theClearSkyIndexStaysWithinItsBounds(@ForAll long seed) {
    double[] index = Cloudiness.clearSkyIndex(STARTS, seed);
    assertThat(index).hasSize(35_040);
    double sum = 0;
    for (double value : index) {
      assertThat(value).isBetween(0.03, 1.08);
      sum += value;
    }
    assertThat(sum / index.length).as("the monthly means average about 0.64").isBetween(0.55, 0.72);
  }

  @Property(tries = 20)
  void aHouseholdsLoadIsPositiveAndSumsToItsAnnualConsumption(
      @ForAll long seed,
      @ForAll @IntRange(min = 1_000, max = 20_000) int annualKwh,
      @ForAll @IntRange(min = -4, max = 4) int shift) {
    double[] load =
        HouseholdLoad.year(
            SHAPE.values(STARTS, shift), STARTS, annualKwh, new SplittableRandom(seed));
    double sum = 0;
    for (double kwh : load) {
      assertThat(kwh).isPositive();
      sum += kwh;
    }
    assertThat(sum).isCloseTo(annualKwh, within(1e-6 * annualKwh));
  }
}
