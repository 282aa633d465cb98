package io.twinledger.market.settlement;

import io.twinledger.market.clearing.ClearingResult;
import io.twinledger.market.terms.MarketTerms;
import java.util.List;

/**
 * Settles one cleared slot against the metered positions: the market's trades at their prices, the
 * grid fee on every kWh bought, and whatever deficit or surplus is left with the utility at its
 * tariffs (import at the retail tariff, export at the feed-in tariff). Amounts are exact.
 */
public final class SlotSettlement {

  private SlotSettlement() {}

  /**
   * Settles a slot.
   *
   * @param terms the market's terms (fee, tariffs)
   * @param positions one metered position per participant
   * @param result the slot's clearing
   * @return the accounts, ordered by participant, with the conservation checks
   * @throws IllegalArgumentException if a participant has two positions, a trade names a
   *     participant without one, or a participant bought more than its deficit or sold more than
   *     its surplus; the message names the participant
   */
  public static SlotAccounts settle(
      MarketTerms terms, List<MeteredPosition> positions, ClearingResult result) {
    throw new UnsupportedOperationException("not yet");
  }
}
