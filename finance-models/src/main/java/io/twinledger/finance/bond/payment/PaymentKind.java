package io.twinledger.finance.bond.payment;

/** What a bond payment is; payments on the same date are listed in this order. */
public enum PaymentKind {
  COUPON,
  PRINCIPAL,
  OUTCOME,
  AVAILABILITY,
  PER_UNIT
}
