package io.twinledger.market.bill;

import io.twinledger.market.settlement.ParticipantAccount;
import java.math.BigDecimal;

/**
 * The lines of a monthly bill, in the order the bill lists them. Each line takes its part of a
 * slot's account through {@link #kwhOf} and {@link #amountOf}, so a bill's line and its drill-down
 * to slots add up the same figures.
 */
public enum LineKind {
  /** Energy bought from neighbours (and the battery), at the clearing's buyer price. */
  BOUGHT_FROM_NEIGHBOURS,
  /** Energy sold to neighbours (and the battery); a credit. */
  SOLD_TO_NEIGHBOURS,
  /** The rest of the deficits, bought from the utility at the retail tariff. */
  IMPORTED_FROM_UTILITY,
  /** The rest of the surpluses, sold to the utility at the feed-in tariff; a credit. */
  EXPORTED_TO_UTILITY,
  /** Grid fees on the energy bought from neighbours. */
  GRID_FEES,
  /** Savings against the no-trading baseline; informative, not part of the total. */
  SAVINGS;

  /**
   * The line's energy in one slot, kWh: what the slot adds to {@link BillLine#kwh()}. The fees line
   * counts the kWh bought, on which they were charged; the savings line has none (zero).
   */
  public BigDecimal kwhOf(ParticipantAccount account) {
    return switch (this) {
      case BOUGHT_FROM_NEIGHBOURS, GRID_FEES -> account.boughtKwh();
      case SOLD_TO_NEIGHBOURS -> account.soldKwh();
      case IMPORTED_FROM_UTILITY -> account.utilityImportKwh();
      case EXPORTED_TO_UTILITY -> account.utilityExportKwh();
      case SAVINGS -> BigDecimal.ZERO;
    };
  }

  /**
   * The line's exact amount in one slot, from the household's point of view as {@link BillLine}
   * signs it: positive when it pays, negative when it is paid (sold and exported); savings positive
   * when trading saved money.
   */
  public BigDecimal amountOf(ParticipantAccount account) {
    return switch (this) {
      case BOUGHT_FROM_NEIGHBOURS -> account.boughtAmount();
      case SOLD_TO_NEIGHBOURS -> account.soldAmount().negate();
      case IMPORTED_FROM_UTILITY -> account.utilityImportAmount();
      case EXPORTED_TO_UTILITY -> account.utilityExportAmount().negate();
      case GRID_FEES -> account.feesAmount();
      case SAVINGS -> account.savings();
    };
  }
}
