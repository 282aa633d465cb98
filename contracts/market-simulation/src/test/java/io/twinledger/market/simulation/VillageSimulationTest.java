package io.twinledger.market.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.market.clearing.ClearingRule;
import io.twinledger.market.figures.CommunityFigures;
import io.twinledger.market.terms.PriceLimits;
import io.twinledger.market.terms.PriceOutOfBoundsException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A year of Busan Eco Delta Smart Village (seed 17, 2025, 56 households) with and without the
 * battery, run once for the class, and smaller villages where the point is the settings.
 */
class VillageSimulationTest {

  private static SimulationReport year;
  private static SimulationReport withoutBattery;
  private static final List<int[]> progress = new ArrayList<>();

  @BeforeAll
  static void simulate() {
    year =
        VillageSimulation.run(
            SimulationSettings.busan(17, 2025),
            (done, total) -> progress.add(new int[] {done, total}));
    withoutBattery =
        VillageSimulation.run(
            SimulationSettings.busan(17, 2025).withBattery(false), ProgressListener.NONE);
  }

  @Test
  void conservationHoldsOnEverySlotOfTheYear() {
    assertThat(year.slots()).isEqualTo(35_040);
    assertThat(year.slotsChecked()).isEqualTo(35_040);
    assertThat(year.conservationFailures()).isEmpty();
    assertThat(year.conservationHeld()).isTrue();
    assertThat(withoutBattery.conservationHeld()).isTrue();
  }

  @Test
  void tradingRaisesSelfSufficiencyAndTheBatteryRaisesItFurther() {
    BigDecimal alone = year.withoutTrading().selfSufficiency().orElseThrow();
    BigDecimal trading = withoutBattery.withTrading().selfSufficiency().orElseThrow();
    BigDecimal battery = year.withTrading().selfSufficiency().orElseThrow();
    assertThat(withoutBattery.withoutTrading()).isEqualTo(year.withoutTrading());
    assertThat(trading).isGreaterThan(alone);
    assertThat(battery).isGreaterThan(trading);
    assertThat(year.withTrading().selfConsumption().orElseThrow())
        .isGreaterThan(year.withoutTrading().selfConsumption().orElseThrow());
    assertThat(alone)
        .as("behind the meter alone, about a third")
        .isBetween(new BigDecimal("0.25"), new BigDecimal("0.5"));
  }

  @Test
  void theBatteryStaysWithinItsLimitsAndCycles() {
    BatteryOutcome battery = year.battery().orElseThrow();
    assertThat(battery.withinLimits()).isTrue();
    assertThat(battery.lowestStateKwh()).isGreaterThanOrEqualTo(new BigDecimal("40"));
    assertThat(battery.highestStateKwh()).isLessThanOrEqualTo(new BigDecimal("400"));
    assertThat(battery.largestChargeKwh()).isLessThanOrEqualTo(new BigDecimal("45"));
    assertThat(battery.largestDischargeKwh()).isLessThanOrEqualTo(new BigDecimal("45"));
    assertThat(battery.highestStateKwh())
        .as("it fills up on sunny days")
        .isGreaterThan(new BigDecimal("300"));
    assertThat(year.withTrading().batteryCycles().orElseThrow())
        .as("a cycle on most days: about 300 a year at most")
        .isBetween(new BigDecimal("100"), new BigDecimal("366"));
    assertThat(year.withTrading().batteryDischargedKwh())
        .as("round trip at 90 %, so it gives back less than it took")
        .isLessThan(year.withTrading().batteryChargedKwh());
    assertThat(withoutBattery.battery()).isEmpty();
    assertThat(withoutBattery.withTrading().batteryCycles()).isEmpty();
  }

  @Test
  void noHouseholdDoesWorseThanWithTheUtilityAloneAndTheSavingsAddUp() {
    BigDecimal sum = BigDecimal.ZERO;
    for (HouseholdOutcome household : year.households()) {
      assertThat(household.savings()).as(household.household().id()).isNotNegative();
      assertThat(household.boughtKwh()).isLessThanOrEqualTo(household.meteredImportKwh());
      assertThat(household.soldKwh()).isLessThanOrEqualTo(household.meteredExportKwh());
      assertThat(household.boughtKwh().add(household.utilityImportKwh()))
          .isEqualByComparingTo(household.meteredImportKwh());
      sum = sum.add(household.savings());
    }
    assertThat(sum).isEqualByComparingTo(year.withTrading().householdSavings());
    assertThat(sum).isPositive();
  }

  @Test
  void theMonthsAddUpToTheYearAndTheHouseholdsToTheVillage() {
    assertThat(year.months()).hasSize(12);
    assertThat(sumOf(year.months(), m -> m.figures().consumptionKwh()))
        .isEqualByComparingTo(year.withTrading().consumptionKwh());
    assertThat(sumOf(year.months(), m -> m.figures().tradedKwh()))
        .isEqualByComparingTo(year.withTrading().tradedKwh());
    assertThat(sumOf(year.months(), m -> m.figures().householdSavings()))
        .isEqualByComparingTo(year.withTrading().householdSavings());
    assertThat(
            year.households().stream()
                .map(HouseholdOutcome::generationKwh)
                .reduce(BigDecimal::add)
                .orElseThrow())
        .isEqualByComparingTo(year.withTrading().generationKwh());
    CommunityFigures june = year.months().get(5).figures();
    CommunityFigures december = year.months().get(11).figures();
    assertThat(june.generationKwh()).isGreaterThan(december.generationKwh());
    assertThat(june.selfSufficiency().orElseThrow())
        .isGreaterThan(december.selfSufficiency().orElseThrow());
  }

  @Test
  void progressIsReportedDayByDayUpToTheTotal() {
    assertThat(progress).hasSize(365);
    for (int i = 0; i < progress.size(); i++) {
      assertThat(progress.get(i)).containsExactly(96 * (i + 1), 35_040);
    }
  }

  @Test
  void theSameSeedGivesTheSameReportAndAnotherSeedAnother() {
    SimulationSettings small = SimulationSettings.busan(5, 2025).withHouseholds(3);
    SimulationReport first = VillageSimulation.run(small, ProgressListener.NONE);
    SimulationReport second = VillageSimulation.run(small, ProgressListener.NONE);
    SimulationReport other =
        VillageSimulation.run(
            SimulationSettings.busan(6, 2025).withHouseholds(3), ProgressListener.NONE);
    assertThat(second).isEqualTo(first);
    assertThat(SimulationReportText.markdown(second))
        .isEqualTo(SimulationReportText.markdown(first));
    assertThat(other.withTrading()).isNotEqualTo(first.withTrading());
  }

  @Test
  void everyClearingRuleConservesAndTradesWithinTheTariffs() {
    for (ClearingRule rule :
        List.of(new ClearingRule.PayAsBid(), new ClearingRule.TradeReduction())) {
      SimulationReport report =
          VillageSimulation.run(
              SimulationSettings.busan(5, 2025).withHouseholds(3).withRule(rule),
              ProgressListener.NONE);
      assertThat(report.conservationHeld()).as(rule.toString()).isTrue();
      assertThat(report.withTrading().averagePrice().orElseThrow())
          .isBetween(new BigDecimal("110"), new BigDecimal("240"));
      report.households().forEach(h -> assertThat(h.savings()).isNotNegative());
    }
  }

  @Test
  void aHouseholdThatAsksMoreSellsLess() {
    SimulationSettings settings =
        SimulationSettings.busan(5, 2025).withHouseholds(3).withBattery(false);
    SimulationReport tariffs = VillageSimulation.run(settings, ProgressListener.NONE);
    SimulationReport greedy =
        VillageSimulation.run(
            settings.withPriceLimits(
                Map.of("h01", new PriceLimits(new BigDecimal("119"), new BigDecimal("110")))),
            ProgressListener.NONE);
    assertThat(greedy.households().get(0).soldKwh())
        .isLessThan(tariffs.households().get(0).soldKwh());
    assertThat(greedy.households().get(0).boughtKwh())
        .isLessThan(tariffs.households().get(0).boughtKwh());
    assertThat(greedy.conservationHeld()).isTrue();
  }

  @Test
  void limitsOutsideSomeSlotsBoundsOrOfAnUnknownHouseholdAreRefusedBeforeAnythingRuns() {
    SimulationSettings settings = SimulationSettings.busan(5, 2025).withHouseholds(3);
    assertThatThrownBy(
            () ->
                VillageSimulation.run(
                    settings.withPriceLimits(
                        Map.of(
                            "h02", new PriceLimits(new BigDecimal("110"), new BigDecimal("150")))),
                    ProgressListener.NONE))
        .isInstanceOf(PriceOutOfBoundsException.class)
        .hasMessageStartingWith("standing price limits of household h02 must hold in every slot: ")
        .hasMessageContaining("150");
    assertThatThrownBy(
            () ->
                VillageSimulation.run(
                    settings.withPriceLimits(
                        Map.of(
                            "h04", new PriceLimits(new BigDecimal("110"), new BigDecimal("120")))),
                    ProgressListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "price limits for household h04, which the village of 3 households does not have");
  }

  @Test
  void theMarkdownStatesTheFiguresAndTheConservationCount() {
    String text = SimulationReportText.markdown(year);
    assertThat(text)
        .startsWith("# Busan Eco Delta Smart Village, 2025")
        .contains("Seed 17, 56 households, uniform price (κ = 0.5), battery on; 35,040 slots")
        .contains("Conservation (energy and money) held on every one of the 35,040 slots checked.")
        .contains("| self-sufficiency | ")
        .contains("| 2025-12 | ")
        .contains("| h56 | ");
  }

  private static BigDecimal sumOf(
      List<MonthFigures> months, Function<MonthFigures, BigDecimal> field) {
    return months.stream().map(field).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
