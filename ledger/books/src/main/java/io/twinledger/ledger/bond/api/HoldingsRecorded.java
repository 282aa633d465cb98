package io.twinledger.ledger.bond.api;

import io.twinledger.finance.payout.Holding;
import java.util.List;

/**
 * The register of holders of a bond, as it stands from now, at register version {@code version}.
 */
public record HoldingsRecorded(
    String bondId, int version, List<Holding> holdings, long totalUnits, String reason) {

  public HoldingsRecorded {
    holdings = List.copyOf(holdings);
  }
}
