package io.twinledger.ledger.bond.projection;

import io.twinledger.finance.money.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A declared payment and the chains it was paid on.
 *
 * @param paidOn the chains ({@code fabric}, {@code evm}) that recorded its payout
 */
public record PaymentView(
    String bondId,
    String paymentId,
    String kind,
    LocalDate date,
    LocalDate recordDate,
    Money amount,
    Optional<String> determinationId,
    Instant declaredAt,
    List<String> paidOn) {

  public PaymentView {
    paidOn = List.copyOf(paidOn);
  }
}
