package io.twinledger.ledger.bond.projection;

import io.twinledger.finance.money.Money;
import java.time.Instant;
import java.util.List;

/** A payout recorded on one chain. */
public record PayoutView(
    String bondId,
    String paymentId,
    String chain,
    Money total,
    int holders,
    String allocationDigest,
    long recordBlock,
    List<String> transactions,
    Instant recordedAt) {

  public PayoutView {
    transactions = List.copyOf(transactions);
  }
}
