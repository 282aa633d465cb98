package io.twinledger.market.simulation;

import io.twinledger.market.simulation.village.Household;
import java.math.BigDecimal;

/**
 * One household's simulated year. Energy in kWh (scale 3), bills in the tariff's currency, exact
 * sums of the slots' settled amounts (nothing rounded; renderings round).
 *
 * @param household the household
 * @param generationKwh its PV generation
 * @param consumptionKwh its load
 * @param meteredImportKwh its import register's advance: the deficits it had to cover
 * @param meteredExportKwh its export register's advance: the surpluses it had to place
 * @param boughtKwh bought from neighbours and the battery
 * @param soldKwh sold to neighbours and the battery
 * @param utilityImportKwh bought from the utility
 * @param utilityExportKwh sold to the utility
 * @param billWithTrading what it pays for the year with the market (negative: is paid)
 * @param billWithoutTrading what it would pay for the same metered energy without the market
 */
public record HouseholdOutcome(
    Household household,
    BigDecimal generationKwh,
    BigDecimal consumptionKwh,
    BigDecimal meteredImportKwh,
    BigDecimal meteredExportKwh,
    BigDecimal boughtKwh,
    BigDecimal soldKwh,
    BigDecimal utilityImportKwh,
    BigDecimal utilityExportKwh,
    BigDecimal billWithTrading,
    BigDecimal billWithoutTrading) {

  /**
   * Savings against the no-trading baseline: {@code billWithoutTrading − billWithTrading}, the sum
   * of the slots' {@link io.twinledger.market.settlement.ParticipantAccount#savings()}.
   */
  public BigDecimal savings() {
    return billWithoutTrading.subtract(billWithTrading);
  }
}
