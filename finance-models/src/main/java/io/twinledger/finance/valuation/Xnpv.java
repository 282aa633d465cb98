package io.twinledger.finance.valuation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Net present value of dated cash flows with Excel's XNPV semantics: {@code Σ a_i / (1 + r)^((d_i -
 * d_0) / 365)}, where {@code d_0} is the date of the first flow as given (not the earliest) and
 * days are actual calendar days over 365 whatever the leap years.
 *
 * <p>Computed with {@link MathContext#DECIMAL128} ({@link DecimalMath} for the fractional powers);
 * the result is not rounded to a currency unit.
 */
public final class Xnpv {

  private static final BigDecimal DAYS_PER_YEAR = BigDecimal.valueOf(365);

  private Xnpv() {}

  /**
   * The XNPV at an annual rate.
   *
   * @param annualRate the discount rate per year, above -100 %
   * @param flows the flows; none may be dated before the first
   * @throws IllegalArgumentException if the rate is -100 % or lower, there are no flows, or a flow
   *     is dated before the first (its position is named)
   */
  public static BigDecimal of(Rate annualRate, List<DatedAmount> flows) {
    BigDecimal growth = Npv.growthFactor(annualRate);
    long[] days = daysFromFirst(flows);
    MathContext mc = MathContext.DECIMAL128;
    BigDecimal logGrowth = DecimalMath.ln(growth, mc);
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 0; i < days.length; i++) {
      BigDecimal years = BigDecimal.valueOf(days[i]).divide(DAYS_PER_YEAR, mc);
      BigDecimal discount = DecimalMath.exp(years.multiply(logGrowth, mc).negate(), mc);
      sum = sum.add(flows.get(i).amount().multiply(discount, mc), mc);
    }
    return sum;
  }

  /** Days from the first flow's date to each flow's date, checked not negative. */
  static long[] daysFromFirst(List<DatedAmount> flows) {
    Objects.requireNonNull(flows, "flows");
    if (flows.isEmpty()) {
      throw new IllegalArgumentException("XNPV needs at least one cash flow");
    }
    long[] days = new long[flows.size()];
    DatedAmount first = Objects.requireNonNull(flows.getFirst(), "flow 0 is missing");
    for (int i = 0; i < days.length; i++) {
      int index = i;
      DatedAmount flow =
          Objects.requireNonNull(flows.get(i), () -> "flow " + index + " is missing");
      days[i] = ChronoUnit.DAYS.between(first.date(), flow.date());
      if (days[i] < 0) {
        throw new IllegalArgumentException(
            "flow "
                + i
                + " is dated "
                + flow.date()
                + ", before the first flow's date "
                + first.date()
                + "; flows are discounted to the first date and none may precede it");
      }
    }
    return days;
  }
}
