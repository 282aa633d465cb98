package io.twinledger.market.simulation.village;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.twinledger.market.simulation.load.LoadShape;
import io.twinledger.market.simulation.solar.ClearSky;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.Month;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Physical sanity of the village's synthetic year: Busan, 56 households, seed 17, 2025. */
class VillageProfilesTest {

  private static VillageProfiles profiles;
  private static LocalDateTime[] starts;

  @BeforeAll
  static void generate() {
    profiles = VillageProfiles.generate(Village.generate(17, 56), 2025, LoadShape.h0Style());
    starts = profiles.year().localStarts();
  }

  @Test
  void aCommonYearHas35040Slots() {
    assertThat(profiles.slots()).isEqualTo(35_040);
    assertThat(profiles.households()).isEqualTo(56);
  }

  @Test
  void pvIsZeroWheneverTheSunIsDownAndSomeWhenItIsUp() {
    int nightSlots = 0;
    for (int i = 0; i < profiles.slots(); i++) {
      if (profiles.solar().clearSkyGhi(i) == 0) {
        nightSlots++;
        for (int h = 0; h < profiles.households(); h++) {
          assertThat(profiles.pvWh(h, i)).as("household %d slot %d", h, i).isZero();
        }
      }
    }
    assertThat(nightSlots).as("about half the year is night").isBetween(16_000, 19_000);
    for (int i = 0; i < profiles.slots(); i++) {
      if (starts[i].getHour() == 1 || starts[i].getHour() == 23) {
        assertThat(profiles.pvWh(0, i)).isZero();
      }
    }
    assertThat(ClearSky.haurwitzGhi(90)).isZero();
    assertThat(ClearSky.haurwitzGhi(0)).isCloseTo(1098 * Math.exp(-0.059), within(1e-9));
  }

  @Test
  void summerMonthsYieldMoreThanWinterMonths() {
    long june = monthPvWh(Month.JUNE);
    long may = monthPvWh(Month.MAY);
    long december = monthPvWh(Month.DECEMBER);
    long january = monthPvWh(Month.JANUARY);
    assertThat(may).isGreaterThan(december * 3 / 2);
    assertThat(june).isGreaterThan(january);
  }

  @Test
  void annualYieldPerKwpIsInTheKoreanRange() {
    for (int h = 0; h < profiles.households(); h++) {
      Household household = profiles.village().households().get(h);
      double specific =
          profiles.annualPvKwh(h).doubleValue() / household.peakPowerKw().doubleValue();
      assertThat(specific).as("kWh/kWp of %s", household.id()).isBetween(1_100.0, 1_400.0);
    }
    assertThat(profiles.solar().annualIrradiation()).isBetween(1_300.0, 1_600.0);
  }

  @Test
  void eachHouseholdsLoadSumsToItsAnnualConsumption() {
    for (int h = 0; h < profiles.households(); h++) {
      BigDecimal expected = profiles.village().households().get(h).annualConsumptionKwh();
      assertThat(profiles.annualLoadKwh(h).subtract(expected).abs())
          .as("rounding each of 35,040 slots to the Wh moves the year by far less than 1 kWh")
          .isLessThan(BigDecimal.ONE);
    }
  }

  @Test
  void theEveningPeaksAndTheVillageProducesAboutWhatItConsumes() {
    long evening = 0;
    long night = 0;
    long pv = 0;
    long load = 0;
    for (int i = 0; i < profiles.slots(); i++) {
      for (int h = 0; h < profiles.households(); h++) {
        int hour = starts[i].getHour();
        if (hour >= 18 && hour < 21) {
          evening += profiles.loadWh(h, i);
        } else if (hour >= 2 && hour < 5) {
          night += profiles.loadWh(h, i);
        }
        pv += profiles.pvWh(h, i);
        load += profiles.loadWh(h, i);
      }
    }
    assertThat(evening).isGreaterThan(night * 2);
    assertThat((double) pv / load).isBetween(1.0, 1.4);
  }

  @Test
  void importAndExportAreTheNetSplitBySign() {
    for (int i = 0; i < profiles.slots(); i += 7) {
      int net = profiles.pvWh(3, i) - profiles.loadWh(3, i);
      assertThat(profiles.exportWh(3, i) - profiles.importWh(3, i)).isEqualTo(net);
      assertThat(Math.min(profiles.exportWh(3, i), profiles.importWh(3, i))).isZero();
    }
  }

  @Test
  void theSameSeedGivesTheSameYearAndAnotherSeedAnother() {
    VillageProfiles again =
        VillageProfiles.generate(Village.generate(17, 56), 2025, LoadShape.h0Style());
    VillageProfiles other =
        VillageProfiles.generate(Village.generate(18, 56), 2025, LoadShape.h0Style());
    boolean differs = false;
    for (int i = 0; i < profiles.slots(); i++) {
      assertThat(again.pvWh(5, i)).isEqualTo(profiles.pvWh(5, i));
      assertThat(again.loadWh(5, i)).isEqualTo(profiles.loadWh(5, i));
      differs |= other.loadWh(5, i) != profiles.loadWh(5, i);
    }
    assertThat(differs).isTrue();
  }

  @Test
  void aHouseholdIsTheSameWhateverTheVillagesSize() {
    assertThat(Village.generate(17, 3).households())
        .isEqualTo(Village.generate(17, 56).households().subList(0, 3));
  }

  private static long monthPvWh(Month month) {
    long sum = 0;
    for (int i = 0; i < profiles.slots(); i++) {
      if (starts[i].getMonth() == month) {
        for (int h = 0; h < profiles.households(); h++) {
          sum += profiles.pvWh(h, i);
        }
      }
    }
    return sum;
  }
}
