package io.twinledger.ledger.bond.api;

import io.twinledger.finance.money.Money;
import io.twinledger.finance.payout.Payout;
import java.util.List;

/** A declared payment was paid to the holders on one chain. */
public record PayoutRecorded(
    String bondId,
    String paymentId,
    String chain,
    Money total,
    List<Payout> payouts,
    String allocationDigest,
    long recordBlock,
    List<String> transactions) {

  public PayoutRecorded {
    payouts = List.copyOf(payouts);
    transactions = List.copyOf(transactions);
  }
}
