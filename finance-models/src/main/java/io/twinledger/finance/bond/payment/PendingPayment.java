package io.twinledger.finance.bond.payment;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A performance payment (or a coupon step-up) still contingent: it waits for observations not given
 * yet.
 *
 * @param feature the index of the feature in the terms
 * @param kind the kind of payment it decides
 * @param date the payment date it decides (for a step-up, the first coupon it may change)
 * @param kpis the KPIs it waits for
 * @param observationDates the dates of the observations it waits for
 * @param rule in words, what the observations will decide
 */
public record PendingPayment(
    int feature,
    PaymentKind kind,
    LocalDate date,
    List<String> kpis,
    List<LocalDate> observationDates,
    String rule) {

  public PendingPayment {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(date, "date");
    kpis = List.copyOf(kpis);
    observationDates = List.copyOf(observationDates);
    Objects.requireNonNull(rule, "rule");
  }
}
