package io.twinledger.service.market;

import io.twinledger.market.battery.CommunityBattery;
import io.twinledger.reporting.compliance.MarketLedger;
import io.twinledger.reporting.evidence.export.AnchoringLedger;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The village market as the community energy report reads it: the slots from the {@link MarketBook}
 * (each clearing mapped as a bill bundle carries it, by {@link BillBundles}), the terms from the
 * energy channel's ledger, the battery from the configuration (the contract refuses to register it
 * again with other parameters, and the verifier checks it against the battery each slot's clearing
 * transaction wrote), and the energy channel's blocks and members.
 */
final class MarketReportLedger implements MarketLedger {

  private final MarketBook book;
  private final EnergyMarketLedger ledger;
  private final AnchoringLedger energyChannel;
  private final MarketProperties properties;

  MarketReportLedger(
      MarketBook book,
      EnergyMarketLedger ledger,
      AnchoringLedger energyChannel,
      MarketProperties properties) {
    this.book = book;
    this.ledger = ledger;
    this.energyChannel = energyChannel;
    this.properties = properties;
  }

  @Override
  public ZoneId zone() {
    return properties.zone();
  }

  @Override
  public Optional<Terms> terms() {
    return ledger.market().map(m -> new Terms(BillBundles.terms(m), m.currency()));
  }

  /** The configured battery; a blank id is a village without one. */
  @Override
  public Optional<CommunityBattery> battery() {
    MarketProperties.BatteryEntry battery = properties.battery();
    if (battery.id().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        new CommunityBattery(
            battery.id(),
            battery.capacityKwh(),
            battery.powerKw(),
            battery.roundTripEfficiency(),
            battery.minSocKwh()));
  }

  @Override
  public List<ClearedSlot> cleared(Instant from, Instant to) {
    return book.recorded(from, to).stream()
        .map(r -> new ClearedSlot(BillBundles.clearing(r.clearing()), r.txId(), r.blockNumber()))
        .toList();
  }

  @Override
  public AnchoringLedger channel() {
    return energyChannel;
  }
}
