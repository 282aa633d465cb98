package io.twinledger.market.simulation;

import io.twinledger.market.clearing.ClearingRule;
import io.twinledger.market.simulation.tariff.VillageTariff;
import io.twinledger.market.simulation.village.Village;
import io.twinledger.market.terms.PriceLimits;
import java.util.Map;
import java.util.Objects;

/**
 * What a village simulation runs: a seed, a year, the village's size, whether the community battery
 * takes part, the clearing rule, the tariffs and any households' own price limits.
 *
 * @param seed the seed every random stream derives from; the same settings give the same report
 * @param year the calendar year simulated, in Asia/Seoul
 * @param households the number of households, 1..999 ({@value Village#BUSAN_HOUSEHOLDS} in Busan)
 * @param battery whether the 400 kWh / 180 kW community battery trades
 * @param rule the market's clearing rule
 * @param tariff the utility's tariffs and the grid fee
 * @param priceLimits standing price limits by household id; a household without an entry trades at
 *     the tariffs (asks at the feed-in tariff, bids at the slot's retail price). A standing limit
 *     must be within the bounds of every slot: {@code minSellPrice >= feedIn} and {@code
 *     maxBuyPrice <=} the lowest retail price of the time-of-use table.
 */
public record SimulationSettings(
    long seed,
    int year,
    int households,
    boolean battery,
    ClearingRule rule,
    VillageTariff tariff,
    Map<String, PriceLimits> priceLimits) {

  /** The default year: 2025, a common year of 35,040 slots. */
  public static final int DEFAULT_YEAR = 2025;

  public SimulationSettings {
    if (households < 1 || households > 999) {
      throw new IllegalArgumentException("households must be within 1..999, was " + households);
    }
    if (year < 1900 || year > 9999) {
      throw new IllegalArgumentException("year must be within 1900..9999, was " + year);
    }
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(tariff, "tariff");
    priceLimits = Map.copyOf(priceLimits);
  }

  /**
   * Busan Eco Delta Smart Village as the reference describes it: 56 households and the battery,
   * uniform price with κ = ½, the Korean time-of-use tariff, default limits.
   */
  public static SimulationSettings busan(long seed, int year) {
    return new SimulationSettings(
        seed,
        year,
        Village.BUSAN_HOUSEHOLDS,
        true,
        ClearingRule.defaultRule(),
        VillageTariff.KOREA_RESIDENTIAL_TOU_2025,
        Map.of());
  }

  /** These settings with another number of households. */
  public SimulationSettings withHouseholds(int count) {
    return new SimulationSettings(seed, year, count, battery, rule, tariff, priceLimits);
  }

  /** These settings with the battery on or off. */
  public SimulationSettings withBattery(boolean on) {
    return new SimulationSettings(seed, year, households, on, rule, tariff, priceLimits);
  }

  /** These settings with another clearing rule. */
  public SimulationSettings withRule(ClearingRule clearingRule) {
    return new SimulationSettings(
        seed, year, households, battery, clearingRule, tariff, priceLimits);
  }

  /** These settings with other tariffs. */
  public SimulationSettings withTariff(VillageTariff villageTariff) {
    return new SimulationSettings(
        seed, year, households, battery, rule, villageTariff, priceLimits);
  }

  /** These settings with standing price limits by household id. */
  public SimulationSettings withPriceLimits(Map<String, PriceLimits> limits) {
    return new SimulationSettings(seed, year, households, battery, rule, tariff, limits);
  }
}
