package io.twinledger.reporting.compliance;

import io.twinledger.market.battery.CommunityBattery;
import io.twinledger.reporting.bill.BillBundle;
import io.twinledger.reporting.evidence.export.AnchoringLedger;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The village energy market as the reports read it; the module that owns the market (the service's
 * {@code market} package: its read model of cleared slots and the energy-market channel) implements
 * it. Records are as the ledger holds them: decimals as text, a clearing field for field as the
 * chaincode's {@code SlotClearing}.
 */
public interface MarketLedger {

  /** The village's time zone: a slot's start in it decides its month. */
  ZoneId zone();

  /** The market's fee, tariffs and currency as the ledger holds them; empty before it has terms. */
  Optional<Terms> terms();

  /** The community battery, when the market has one. */
  Optional<CommunityBattery> battery();

  /** The slots cleared in {@code [from, to)}, oldest first, each once. */
  List<ClearedSlot> cleared(Instant from, Instant to);

  /** The energy-market channel: its blocks by number, its name and its members' MSPs. */
  AnchoringLedger channel();

  /**
   * The market's prices.
   *
   * @param prices the grid fee, feed-in and retail tariffs per kWh
   * @param currency ISO 4217 code of every amount
   */
  record Terms(BillBundle.Terms prices, String currency) {
    public Terms {
      Objects.requireNonNull(prices, "prices");
      Objects.requireNonNull(currency, "currency");
    }
  }

  /**
   * A cleared slot as recorded.
   *
   * @param clearing the slot's {@code SlotClearing} as the clearing transaction wrote it
   * @param txId the clearing transaction
   * @param blockNumber the block that holds it
   */
  record ClearedSlot(BillBundle.Clearing clearing, String txId, long blockNumber) {
    public ClearedSlot {
      Objects.requireNonNull(clearing, "clearing");
      Objects.requireNonNull(txId, "txId");
    }
  }
}
