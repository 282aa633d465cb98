package io.twinledger.finance.bond.payment;

import java.util.List;

/**
 * A bond's payments as far as the observations decide them.
 *
 * @param payments coupons, principal and every decided performance payment, by date, then kind
 *     ({@link PaymentKind} order), then feature
 * @param pending the performance payments (and coupon step-ups) that wait for observations
 * @param determinations one per feature, in the order of the terms
 */
public record PaymentSchedule(
    List<BondPayment> payments, List<PendingPayment> pending, List<Determination> determinations) {

  public PaymentSchedule {
    payments = List.copyOf(payments);
    pending = List.copyOf(pending);
    determinations = List.copyOf(determinations);
  }
}
