package io.twinledger.ledger.bond.api;

import io.twinledger.finance.money.Money;
import io.twinledger.finance.payout.Payout;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that a declared payment was paid to the holders on one chain.
 *
 * @param chain {@code fabric} or {@code evm}
 * @param total what the holders received in all; must equal the payment
 * @param payouts what each holder received; they sum to {@code total}
 * @param allocationDigest the allocation's {@code PayoutDigest}
 * @param recordBlock the block whose balances were the entitlement
 * @param transactions the chain's transactions that carried it
 */
public record RecordPayout(
    String bondId,
    String paymentId,
    String chain,
    Money total,
    List<Payout> payouts,
    String allocationDigest,
    long recordBlock,
    List<String> transactions) {

  public RecordPayout {
    payouts = List.copyOf(payouts);
    transactions = List.copyOf(transactions);
  }

  @TargetAggregateIdentifier
  public String streamId() {
    return BondStreams.streamId(bondId);
  }
}
