package io.twinledger.ledger.bond.api;

import io.twinledger.finance.payout.Holding;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records the bond's register of holders as it now stands (after a placement or transfers).
 *
 * @param holdings every holder with units, each once
 * @param reason why the register changed, such as {@code placement}
 */
public record RecordHoldings(String bondId, List<Holding> holdings, String reason) {

  public RecordHoldings {
    holdings = List.copyOf(holdings);
  }

  @TargetAggregateIdentifier
  public String streamId() {
    return BondStreams.streamId(bondId);
  }
}
