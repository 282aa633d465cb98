package io.twinledger.finance.valuation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.assertj.core.data.Offset;

class IrrPropertiesTest {

  private static final MathContext MC = MathContext.DECIMAL128;

  /**
   * Conventional flows (an outflow, then inflows) change sign once, so by Descartes' rule the NPV
   * has exactly one root above -100 %: the IRR is unique. Where it is at most 1,000 %, the exact
   * NPV changes sign within 1e-9 of it, i.e. the reported rate is a root to its stated precision.
   */
  @Property(tries = 200)
  void conventionalFlowsHaveOneIrrAndTheNpvIsZeroThere(
      @ForAll @IntRange(min = 1, max = 1_000_000) int investment,
      @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 200_000) Integer> inflows) {
    Assume.that(inflows.stream().anyMatch(inflow -> inflow > 0));
    List<BigDecimal> flows = new ArrayList<>();
    flows.add(BigDecimal.valueOf(-investment));
    inflows.forEach(inflow -> flows.add(BigDecimal.valueOf(inflow)));

    RootResult result = Irr.of(flows);

    assertThat(result).isInstanceOf(RootResult.Unique.class);
    BigDecimal rate = ((RootResult.Unique) result).rate().decimal();
    Assume.that(rate.compareTo(BigDecimal.TEN) <= 0);
    BigDecimal below = Npv.of(new Rate(rate.subtract(new BigDecimal("1e-9"))), flows);
    BigDecimal above = Npv.of(new Rate(rate.add(new BigDecimal("1e-9"))), flows);
    assertThat(below.signum() * above.signum()).isLessThanOrEqualTo(0);
  }

  /**
   * Flows built to have two or three chosen rates 0.1 to 0.5 percentage points apart: the NPV times
   * {@code g^n} ({@code g = 1 + r}) is {@code scale × Π (g - g_k) × (g + q)}, so the flow at time t
   * is the coefficient of {@code g^(n-t)}. The extra factor only adds the root {@code g = -q}, a
   * rate below -100 %. All chosen rates are found, and nothing else.
   */
  @Property(tries = 300)
  void closeChosenIrrsAreAllFound(
      @ForAll @IntRange(min = -3000, max = 4000) int firstBasisPoints,
      @ForAll @Size(min = 1, max = 2) List<@IntRange(min = 10, max = 50) Integer> gapsBasisPoints,
      @ForAll @IntRange(min = 0, max = 300) int extraFactorHundredths,
      @ForAll @IntRange(min = 1, max = 100_000) int scale) {
    List<BigDecimal> rates = chosenRates(firstBasisPoints, gapsBasisPoints);
    List<BigDecimal> polynomial = List.of(BigDecimal.valueOf(scale));
    for (BigDecimal rate : rates) {
      polynomial = times(polynomial, BigDecimal.ONE.add(rate).negate());
    }
    if (extraFactorHundredths > 0) {
      polynomial = times(polynomial, BigDecimal.valueOf(extraFactorHundredths, 2));
    }

    RootResult result = Irr.of(polynomial);

    // Roots 0.1 points apart are ill-conditioned in a double evaluation of the NPV: its slope at
    // each root is small, so the evaluation's rounding error moves the root by up to ~1e-9 (a run
    // saw 1.1e-9). 1e-8 still tells every chosen rate from its neighbours, 1e-3 away.
    assertFound(result, rates, new BigDecimal("1e-8"));
  }

  /**
   * The same for XIRR with flows every {@code s} days: the XNPV is a polynomial in {@code y = (1 +
   * r)^(-s/365)} whose flows are the coefficients of {@code scale × Π (y - y_k)}, each taken
   * exactly from its double value. Two chosen rates 0.1 to 0.5 points apart are both found.
   */
  @Property(tries = 300)
  void closeChosenXirrsAreBothFound(
      @ForAll @IntRange(min = -3000, max = 4000) int firstBasisPoints,
      @ForAll @IntRange(min = 10, max = 50) int gapBasisPoints,
      @ForAll @IntRange(min = 30, max = 400) int stepDays,
      @ForAll @IntRange(min = 1, max = 100_000) int scale) {
    List<BigDecimal> rates = chosenRates(firstBasisPoints, List.of(gapBasisPoints));
    double y1 = Math.pow(1 + rates.get(0).doubleValue(), -stepDays / 365.0);
    double y2 = Math.pow(1 + rates.get(1).doubleValue(), -stepDays / 365.0);
    // scale × (y - y1)(y - y2) = scale × (y1 y2 - (y1 + y2) y + y²), lowest power first
    double[] coefficients = {scale * y1 * y2, -scale * (y1 + y2), scale};
    LocalDate start = LocalDate.of(2024, 1, 1);
    List<DatedAmount> flows = new ArrayList<>();
    for (int t = 0; t < coefficients.length; t++) {
      flows.add(
          new DatedAmount(
              start.plusDays((long) t * stepDays), new BigDecimal(coefficients[t], MC)));
    }

    RootResult result = Xirr.of(flows);

    assertFound(result, rates, new BigDecimal("1e-8"));
  }

  /**
   * Descartes' rule of signs bounds the number of rates above -100 % by the sign changes of the
   * (net) flows: the solver never reports more.
   */
  @Property(tries = 500)
  void neverMoreRatesThanSignChanges(
      @ForAll @Size(min = 2, max = 12) List<@IntRange(min = -1000, max = 1000) Integer> values,
      @ForAll @Size(min = 12, max = 12) List<@IntRange(min = 0, max = 400) Integer> dayGaps) {
    List<BigDecimal> amounts = values.stream().map(BigDecimal::valueOf).toList();
    List<DatedAmount> dated = new ArrayList<>();
    LocalDate date = LocalDate.of(2020, 1, 1);
    for (int i = 0; i < values.size(); i++) {
      dated.add(new DatedAmount(date, amounts.get(i)));
      date = date.plusDays(dayGaps.get(i));
    }

    assertThat(count(Irr.of(amounts))).isLessThanOrEqualTo(signChanges(amounts));
    // flows on the same day are netted first: count the changes of the net flows
    List<BigDecimal> netByDay = new ArrayList<>();
    for (int i = 0; i < dated.size(); i++) {
      if (i > 0 && dated.get(i).date().equals(dated.get(i - 1).date())) {
        netByDay.set(netByDay.size() - 1, netByDay.getLast().add(dated.get(i).amount()));
      } else {
        netByDay.add(dated.get(i).amount());
      }
    }
    assertThat(count(Xirr.of(dated))).isLessThanOrEqualTo(signChanges(netByDay));
  }

  private static List<BigDecimal> chosenRates(int firstBasisPoints, List<Integer> gaps) {
    List<BigDecimal> rates = new ArrayList<>();
    rates.add(BigDecimal.valueOf(firstBasisPoints, 4));
    for (int gap : gaps) {
      rates.add(rates.getLast().add(BigDecimal.valueOf(gap, 4)));
    }
    return rates;
  }

  /** The polynomial (highest power first) times {@code (g + constant)}. */
  private static List<BigDecimal> times(List<BigDecimal> polynomial, BigDecimal constant) {
    List<BigDecimal> product = new ArrayList<>();
    for (int i = 0; i <= polynomial.size(); i++) {
      BigDecimal term = i < polynomial.size() ? polynomial.get(i) : BigDecimal.ZERO;
      if (i > 0) {
        term = term.add(polynomial.get(i - 1).multiply(constant));
      }
      product.add(term);
    }
    return product;
  }

  private static void assertFound(RootResult result, List<BigDecimal> rates, BigDecimal within) {
    assertThat(result).isInstanceOf(RootResult.Multiple.class);
    List<Rate> found = ((RootResult.Multiple) result).rates();
    assertThat(found).hasSameSizeAs(rates);
    for (int k = 0; k < rates.size(); k++) {
      assertThat(found.get(k).decimal()).isCloseTo(rates.get(k), Offset.offset(within));
    }
  }

  private static int count(RootResult result) {
    return switch (result) {
      case RootResult.Unique unique -> 1;
      case RootResult.Multiple multiple -> multiple.rates().size();
      case RootResult.None none -> 0;
    };
  }

  private static int signChanges(List<BigDecimal> amounts) {
    int changes = 0;
    int sign = 0;
    for (BigDecimal amount : amounts) {
      if (amount.signum() != 0) {
        if (sign != 0 && amount.signum() != sign) {
          changes++;
        }
        sign = amount.signum();
      }
    }
    return changes;
  }
}
