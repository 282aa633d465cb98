package io.twinledger.finance.valuation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Objects;

/**
 * Net present value of periodic cash flows: {@code Σ a_t / (1 + r)^t} for {@code t = 0, 1, ...}.
 *
 * <p>The first flow is at time 0 and is not discounted (the convention of IRR). Excel's {@code
 * NPV(r, v1, ..., vn)} discounts its first value by one period; it equals {@code of(r, [0, v1, ...,
 * vn])}.
 *
 * <p>Computed with {@link MathContext#DECIMAL128}; the result is not rounded to a currency unit.
 */
public final class Npv {

  private Npv() {}

  /**
   * The NPV at a rate per period.
   *
   * @param ratePerPeriod the discount rate per period, above -100 %
   * @param flows the flow of each period, the first at time 0
   * @throws IllegalArgumentException if the rate is -100 % or lower, or there are no flows
   */
  public static BigDecimal of(Rate ratePerPeriod, List<BigDecimal> flows) {
    Objects.requireNonNull(flows, "flows");
    BigDecimal growth = growthFactor(ratePerPeriod);
    if (flows.isEmpty()) {
      throw new IllegalArgumentException("NPV needs at least one cash flow");
    }
    MathContext mc = MathContext.DECIMAL128;
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal discount = BigDecimal.ONE;
    BigDecimal perPeriod = BigDecimal.ONE.divide(growth, mc);
    for (int t = 0; t < flows.size(); t++) {
      int index = t;
      BigDecimal flow = Objects.requireNonNull(flows.get(t), () -> "flow " + index + " is missing");
      sum = sum.add(flow.multiply(discount, mc), mc);
      discount = discount.multiply(perPeriod, mc);
    }
    return sum;
  }

  /** {@code 1 + rate}, checked positive. */
  static BigDecimal growthFactor(Rate rate) {
    Objects.requireNonNull(rate, "rate");
    BigDecimal growth = BigDecimal.ONE.add(rate.decimal());
    if (growth.signum() <= 0) {
      throw new IllegalArgumentException(
          "discount rate " + rate + " is not above -100 %: (1 + rate) must be positive");
    }
    return growth;
  }
}
