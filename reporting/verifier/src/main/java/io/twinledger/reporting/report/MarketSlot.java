package io.twinledger.reporting.report;

import io.twinledger.reporting.bill.BillBundle;
import java.util.Objects;

/**
 * The data of a {@code market-slot} input: the slot's clearing as its transaction wrote it on the
 * ledger, with the market's fee and tariffs and the currency it was settled in, which the clearing
 * record does not repeat.
 *
 * @param clearing the slot's {@code SlotClearing}, field for field
 * @param terms the market's grid fee and tariffs per kWh
 * @param currency ISO 4217 code of every amount
 */
public record MarketSlot(BillBundle.Clearing clearing, BillBundle.Terms terms, String currency) {

  public MarketSlot {
    Objects.requireNonNull(clearing, "clearing");
    Objects.requireNonNull(terms, "terms");
    Objects.requireNonNull(currency, "currency");
  }
}
