package io.twinledger.ledger.token;

import io.twinledger.finance.money.Money;
import java.util.Optional;

/**
 * A payment the books declared, to be paid to the holders of its record-date snapshot.
 *
 * @param tokenId the bond's token
 * @param paymentId the payment, unique per bond; the payout's idempotency key
 * @param amount the whole payment, in whole minor units
 * @param determinationId for a performance payment, the determination that decided it, which a
 *     chain with a bond registry checks
 */
public record PayoutOrder(
    String tokenId, String paymentId, Money amount, Optional<String> determinationId) {

  /** A payment the terms fix without a determination (a coupon, the principal). */
  public PayoutOrder(String tokenId, String paymentId, Money amount) {
    this(tokenId, paymentId, amount, Optional.empty());
  }

  public PayoutOrder {
    if (amount.signum() < 0 || !amount.isWholeMinorUnits()) {
      throw new IllegalArgumentException(
          "amount: must be whole minor units and not negative, was " + amount);
    }
  }
}
