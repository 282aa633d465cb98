package io.twinledger.market.bill;

/** The lines of a monthly bill, in the order the bill lists them. */
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
  SAVINGS
}
