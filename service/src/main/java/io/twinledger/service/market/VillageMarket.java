package io.twinledger.service.market;

import io.twinledger.network.msp.MspIdentity;
import java.util.Optional;
import java.util.function.Function;

/**
 * The village's market on the ledger, or none: without an embedded ledger or without households the
 * service keeps no market, and its pages and API say so instead of failing.
 *
 * @param ledger the market's contract, signed as the operator or as each household
 * @param identities each household's client identity in the Energy Community organisation
 */
public record VillageMarket(
    Optional<EnergyMarketLedger> ledger, Function<String, MspIdentity> identities) {

  static VillageMarket none() {
    return new VillageMarket(
        Optional.empty(),
        household -> {
          throw new IllegalStateException("The service runs no energy market");
        });
  }

  static VillageMarket of(EnergyMarketLedger ledger, Function<String, MspIdentity> identities) {
    return new VillageMarket(Optional.of(ledger), identities);
  }
}
