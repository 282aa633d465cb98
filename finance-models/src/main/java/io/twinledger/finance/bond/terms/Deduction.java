package io.twinledger.finance.bond.terms;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * A deduction item of an {@link AvailabilityPayment}: per unit of a KPI in a month (a kilometre out
 * of standard, a pothole-day, an hour of blockage), either a share of that month's maximum payment
 * or a fixed amount.
 */
public sealed interface Deduction {

  /** The KPI counting the units of failure in a month. */
  String kpi();

  /**
   * What {@code units} of failure in a month deduct, exact: {@code units × fraction × maxPp} or
   * {@code units × amount}.
   *
   * @param maxPp the month's maximum payment
   */
  BigDecimal amount(BigDecimal units, BigDecimal maxPp);

  /**
   * {@code percentPerUnit}: each unit deducts this fraction of the month's MaxPP (0.10 is 10 %).
   */
  record PercentPerUnit(String kpi, BigDecimal fraction) implements Deduction {
    public PercentPerUnit {
      Objects.requireNonNull(kpi, "kpi");
      Objects.requireNonNull(fraction, "fraction");
    }

    @Override
    public BigDecimal amount(BigDecimal units, BigDecimal maxPp) {
      return units.multiply(fraction).multiply(maxPp, MathContext.DECIMAL128);
    }
  }

  /** {@code amountPerUnit}: each unit deducts this amount. */
  record AmountPerUnit(String kpi, BigDecimal amount) implements Deduction {
    public AmountPerUnit {
      Objects.requireNonNull(kpi, "kpi");
      Objects.requireNonNull(amount, "amount");
    }

    @Override
    public BigDecimal amount(BigDecimal units, BigDecimal maxPp) {
      return units.multiply(amount);
    }
  }
}
