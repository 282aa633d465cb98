package io.twinledger.finance.bond.payment;

import io.twinledger.finance.bond.terms.Party;
import io.twinledger.finance.money.Money;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One payment of a bond, per the whole face.
 *
 * @param date the payment date, rolled by the terms' business-day rule
 * @param kind what it is
 * @param payer who pays
 * @param payee who receives: the other party
 * @param amount rounded to the currency's minor unit by the terms' rounding rule, positive
 * @param rule in words a trustee reads, the rule and the figures that produced the amount
 * @param feature the index of the performance feature that produced or changed it (a stepped-up
 *     coupon names its step-up); empty for a plain coupon and the principal
 * @param recordDate when the holders of record of the payment are fixed (every payment has the
 *     investors on one side)
 * @param observations the observations the amount was decided from, empty for a plain coupon
 */
public record BondPayment(
    LocalDate date,
    PaymentKind kind,
    Party payer,
    Party payee,
    Money amount,
    String rule,
    OptionalInt feature,
    LocalDate recordDate,
    List<Observation> observations) {

  public BondPayment {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(payer, "payer");
    Objects.requireNonNull(payee, "payee");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(feature, "feature");
    Objects.requireNonNull(recordDate, "recordDate");
    observations = List.copyOf(observations);
    if (payer == payee) {
      throw new IllegalArgumentException("payer and payee must differ, both were " + payer);
    }
  }
}
