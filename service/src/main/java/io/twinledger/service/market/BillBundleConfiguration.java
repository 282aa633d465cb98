package io.twinledger.service.market;

import io.twinledger.ledger.peer.EmbeddedPeer;
import io.twinledger.network.Consortium;
import io.twinledger.network.channel.Channel;
import io.twinledger.network.msp.MspDirectory;
import io.twinledger.reporting.compliance.MarketLedger;
import io.twinledger.reporting.evidence.export.AnchoringLedger;
import io.twinledger.service.ledger.LedgerProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires {@link BillBundles} and the market as reports read it ({@link MarketLedger}) to the
 * market's read model, its ledger and the embedded peer's blocks of the energy channel. Without an
 * embedded ledger or without a market there are no such beans (the methods return {@code null},
 * which Spring keeps as no bean): the bill endpoint answers 404, and there is no community energy
 * report.
 */
@Configuration(proxyBeanMethods = false)
class BillBundleConfiguration {

  @Bean
  BillBundles billBundles(
      VillageMarket market,
      MarketBook book,
      MarketProperties properties,
      ObjectProvider<EmbeddedPeer> peer,
      ObjectProvider<MspDirectory> msps,
      ObjectProvider<Consortium> consortium,
      ObjectProvider<LedgerProperties> ledger) {
    EmbeddedPeer embedded = peer.getIfAvailable();
    if (embedded == null || market.ledger().isEmpty()) {
      return null;
    }
    String name = ledger.getObject().energyChannel();
    Channel channel =
        consortium
            .getObject()
            .channel(name)
            .orElseThrow(
                () -> new IllegalStateException("The energy channel " + name + " is not defined"));
    AnchoringLedger energyChannel =
        new AnchoringLedger(
            embedded.channel(name)::block,
            channel,
            msps.getObject().organisations().stream()
                .filter(org -> channel.hasMember(org.mspId()))
                .toList());
    return new BillBundles(book, market.ledger().get(), energyChannel, properties.zone());
  }

  /** The market over the same ledger and energy channel as the bills; none when they have none. */
  @Bean
  MarketLedger marketLedger(
      ObjectProvider<BillBundles> bills,
      VillageMarket market,
      MarketBook book,
      MarketProperties properties) {
    BillBundles bundles = bills.getIfAvailable();
    return bundles == null
        ? null
        : new MarketReportLedger(book, market.ledger().get(), bundles.energyChannel(), properties);
  }
}
