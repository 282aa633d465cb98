package io.twinledger.finance.valuation;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An interest rate, yield or discount rate as a decimal fraction per year (or per period where the
 * calculation says so): {@code 0.0575} is 5.75 %, i.e. 575 basis points.
 *
 * <p>Exact: the value is a {@link BigDecimal} with trailing zeros stripped, so {@code 0.050} and
 * {@code 0.05} are the same rate. Negative rates are allowed.
 *
 * @param decimal the rate as a decimal fraction
 */
public record Rate(BigDecimal decimal) {

  private static final BigDecimal BASIS_POINTS_PER_UNIT = BigDecimal.valueOf(10_000);

  public Rate {
    Objects.requireNonNull(decimal, "decimal");
    decimal = decimal.stripTrailingZeros();
  }

  /** A rate given as a decimal fraction: {@code of("0.0575")} is 5.75 %. */
  public static Rate of(String decimal) {
    return new Rate(new BigDecimal(decimal));
  }

  /** A rate given as a decimal fraction. */
  public static Rate of(BigDecimal decimal) {
    return new Rate(decimal);
  }

  /** A rate given in percent: {@code ofPercent(5.75)} is 0.0575. */
  public static Rate ofPercent(BigDecimal percent) {
    return new Rate(percent.movePointLeft(2));
  }

  /** A rate given in basis points: {@code ofBasisPoints(25)} is 0.0025. */
  public static Rate ofBasisPoints(BigDecimal basisPoints) {
    return new Rate(basisPoints.movePointLeft(4));
  }

  /** A rate given in whole basis points. */
  public static Rate ofBasisPoints(long basisPoints) {
    return ofBasisPoints(BigDecimal.valueOf(basisPoints));
  }

  /** This rate moved by a number of basis points, e.g. a 25 bp coupon step-up. */
  public Rate plusBasisPoints(BigDecimal basisPoints) {
    return new Rate(decimal.add(basisPoints.movePointLeft(4)));
  }

  /** This rate moved by a whole number of basis points. */
  public Rate plusBasisPoints(long basisPoints) {
    return plusBasisPoints(BigDecimal.valueOf(basisPoints));
  }

  /** The sum of two rates. */
  public Rate plus(Rate other) {
    return new Rate(decimal.add(other.decimal));
  }

  /** The rate in percent: 0.0575 gives 5.75. */
  public BigDecimal percent() {
    return decimal.movePointRight(2).stripTrailingZeros();
  }

  /** The rate in basis points: 0.0575 gives 575. */
  public BigDecimal basisPoints() {
    return decimal.multiply(BASIS_POINTS_PER_UNIT).stripTrailingZeros();
  }

  @Override
  public String toString() {
    return percent().toPlainString() + " %";
  }
}
