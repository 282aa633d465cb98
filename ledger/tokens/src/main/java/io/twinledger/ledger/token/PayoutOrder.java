package io.twinledger.ledger.token;

import io.twinledger.finance.money.Money;

/**
 * A payment the books declared, to be paid to the holders of its record-date snapshot.
 *
 * @param tokenId the bond's token
 * @param paymentId the payment, unique per bond; the payout's idempotency key
 * @param amount the whole payment, in whole minor units
 */
public record PayoutOrder(String tokenId, String paymentId, Money amount) {

  public PayoutOrder {
    if (amount.signum() < 0 || !amount.isWholeMinorUnits()) {
      throw new IllegalArgumentException(
          "amount: must be whole minor units and not negative, was " + amount);
    }
  }
}
