package io.twinledger.reporting.report;

import io.twinledger.market.battery.CommunityBattery;
import io.twinledger.reporting.bill.BillBundle;
import java.util.Objects;
import java.util.Optional;

/**
 * The data of a {@code market-slot} input: the slot's clearing as its transaction wrote it on the
 * ledger, with the market's fee and tariffs and the currency it was settled in, which the clearing
 * record does not repeat, and the community battery the transaction cleared the slot with.
 *
 * @param clearing the slot's {@code SlotClearing}, field for field
 * @param terms the market's grid fee and tariffs per kWh
 * @param currency ISO 4217 code of every amount
 * @param battery the community battery, its participant id and parameters, as the clearing
 *     transaction wrote it; empty in a market without one
 */
public record MarketSlot(
    BillBundle.Clearing clearing,
    BillBundle.Terms terms,
    String currency,
    Optional<CommunityBattery> battery) {

  public MarketSlot {
    Objects.requireNonNull(clearing, "clearing");
    Objects.requireNonNull(terms, "terms");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(battery, "battery");
  }
}
