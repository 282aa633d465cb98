package io.twinledger.finance.bond.payment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A KPI value a payment is decided from. A monthly KPI's observation is dated the first day of its
 * month; a one-off observation is dated the observation date of its feature.
 *
 * @param kpi the KPI
 * @param date the date observed
 * @param value the value, exact
 */
public record Observation(String kpi, LocalDate date, BigDecimal value) {

  public Observation {
    Objects.requireNonNull(kpi, "kpi");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(value, "value");
  }
}
