package io.twinledger.market.settlement;

import java.math.BigDecimal;

/**
 * One participant's settlement of one slot. Energy in kWh (three decimals), amounts in the market's
 * currency, exact (nothing is rounded inside a slot; bills round). Every amount is a magnitude
 * ({@code >= 0}); {@link #total()} gives them their signs.
 *
 * @param participant the household or the community battery
 * @param netKwh the metered net position, {@code import - export}
 * @param boughtKwh bought from other members in the market
 * @param boughtAmount paid for it to sellers, before the grid fee ({@code sum quantity *
 *     buyerPrice})
 * @param soldKwh sold to other members in the market
 * @param soldAmount received for it ({@code sum quantity * price})
 * @param feesAmount grid fees paid on the energy bought ({@code boughtKwh * gridFee})
 * @param utilityImportKwh the rest of a deficit, bought from the utility: {@code max(net, 0) -
 *     boughtKwh}
 * @param utilityImportAmount {@code utilityImportKwh * retailTariff}
 * @param utilityExportKwh the rest of a surplus, sold to the utility: {@code max(-net, 0) -
 *     soldKwh}
 * @param utilityExportAmount {@code utilityExportKwh * feedInTariff}
 * @param baselineTotal the bill without trading for the same metered energy: {@code max(net, 0) *
 *     retailTariff - max(-net, 0) * feedInTariff}
 */
public record ParticipantAccount(
    String participant,
    BigDecimal netKwh,
    BigDecimal boughtKwh,
    BigDecimal boughtAmount,
    BigDecimal soldKwh,
    BigDecimal soldAmount,
    BigDecimal feesAmount,
    BigDecimal utilityImportKwh,
    BigDecimal utilityImportAmount,
    BigDecimal utilityExportKwh,
    BigDecimal utilityExportAmount,
    BigDecimal baselineTotal) {

  /**
   * What the participant pays for the slot, negative when it is paid: {@code boughtAmount +
   * feesAmount + utilityImportAmount - soldAmount - utilityExportAmount}.
   */
  public BigDecimal total() {
    return boughtAmount
        .add(feesAmount)
        .add(utilityImportAmount)
        .subtract(soldAmount)
        .subtract(utilityExportAmount);
  }

  /** Savings against the no-trading baseline: {@code baselineTotal - total()}. */
  public BigDecimal savings() {
    return baselineTotal.subtract(total());
  }

  /**
   * Whether the energy balances: {@code boughtKwh + utilityImportKwh - soldKwh - utilityExportKwh =
   * netKwh}.
   */
  public boolean energyBalances() {
    return boughtKwh
            .add(utilityImportKwh)
            .subtract(soldKwh)
            .subtract(utilityExportKwh)
            .compareTo(netKwh)
        == 0;
  }
}
