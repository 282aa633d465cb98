package io.twinledger.finance.bond;

import io.twinledger.finance.daycount.DayCount;
import io.twinledger.finance.daycount.ReferencePeriod;
import io.twinledger.finance.schedule.Frequency;
import io.twinledger.finance.valuation.Rate;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import java.util.Optional;

/**
 * A fixed-coupon bullet bond as Excel's PRICE and YIELD (and, with odd first or last coupons,
 * ODDFPRICE, ODDFYIELD, ODDLPRICE and ODDLYIELD) see it, per 100 of face value.
 *
 * <p>Coupon dates: regular coupon dates run backward every {@code frequency.months()} months from
 * the last regular coupon date, which is {@code lastCoupon} when given and {@code maturity}
 * otherwise (on month ends when that date is a month end). The notional (quasi-) coupon dates are
 * the same grid continued in both directions; odd periods are measured on it (see {@link
 * BondPrice}). The coupon periods:
 *
 * <ul>
 *   <li>no issue date: regular coupon periods back to whenever settlement falls;
 *   <li>{@code issue} and {@code firstCoupon}: the first period runs from issue to the first
 *       coupon, short (within one quasi-coupon period) or long (over several); {@code firstCoupon}
 *       must be a regular coupon date;
 *   <li>{@code issue} alone: interest accrues from issue, and the first coupon is the first regular
 *       coupon date after it (a short first coupon, or a regular one if issue is a coupon date);
 *   <li>{@code lastCoupon}: the final period runs from the last regular coupon date to maturity,
 *       short or long.
 * </ul>
 *
 * @param maturity the redemption date
 * @param couponRate the annual coupon rate, not negative; each regular coupon is {@code 100 ×
 *     couponRate / periodsPerYear}
 * @param redemption the amount repaid per 100 face value at maturity, positive (usually 100)
 * @param frequency coupons per year: annual, semi-annual or quarterly (Excel's 1, 2, 4)
 * @param dayCount how the coupon-period days are counted; see {@link DayCount#excelBasis()} for the
 *     Excel basis each name maps to
 * @param issue the issue (dated) date from which interest accrues, before maturity; empty for a
 *     bond seen only in its regular periods
 * @param firstCoupon the first coupon date, after issue (which it needs) and a regular coupon date
 *     not after maturity or {@code lastCoupon}; empty when the first coupon is the first regular
 *     coupon date after issue
 * @param lastCoupon the last coupon date before maturity when the final period is odd, after issue;
 *     empty when coupons are regular up to maturity
 */
public record FixedCouponBond(
    LocalDate maturity,
    Rate couponRate,
    BigDecimal redemption,
    Frequency frequency,
    DayCount dayCount,
    Optional<LocalDate> issue,
    Optional<LocalDate> firstCoupon,
    Optional<LocalDate> lastCoupon) {

  /** The usual redemption: at par, 100 per 100 face value. */
  public static final BigDecimal PAR = BigDecimal.valueOf(100);

  public FixedCouponBond {
    Objects.requireNonNull(maturity, "maturity");
    Objects.requireNonNull(couponRate, "couponRate");
    Objects.requireNonNull(redemption, "redemption");
    Objects.requireNonNull(frequency, "frequency");
    Objects.requireNonNull(dayCount, "dayCount");
    Objects.requireNonNull(issue, "issue");
    Objects.requireNonNull(firstCoupon, "firstCoupon");
    Objects.requireNonNull(lastCoupon, "lastCoupon");
    if (couponRate.decimal().signum() < 0) {
      throw new IllegalArgumentException("coupon rate " + couponRate + " must not be negative");
    }
    if (redemption.signum() <= 0) {
      throw new IllegalArgumentException(
          "redemption " + redemption.toPlainString() + " per 100 face value must be positive");
    }
    if (frequency == Frequency.MONTHLY) {
      throw new IllegalArgumentException(
          "coupon frequency must be 1, 2 or 4 per year (as Excel's PRICE and YIELD), not 12");
    }
    checkDates(maturity, frequency, issue, firstCoupon, lastCoupon);
  }

  /** A bond with regular coupon periods only (no issue, first or last coupon date). */
  public FixedCouponBond(
      LocalDate maturity,
      Rate couponRate,
      BigDecimal redemption,
      Frequency frequency,
      DayCount dayCount) {
    this(
        maturity,
        couponRate,
        redemption,
        frequency,
        dayCount,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * A bond from Excel-style arguments.
   *
   * @param couponsPerYear 1, 2 or 4
   * @param dayCountName an API day count name such as {@code "30/360 US"}
   * @throws IllegalArgumentException for another frequency or an unknown day count name
   */
  public static FixedCouponBond of(
      LocalDate maturity,
      Rate couponRate,
      BigDecimal redemption,
      int couponsPerYear,
      String dayCountName) {
    if (couponsPerYear != 1 && couponsPerYear != 2 && couponsPerYear != 4) {
      throw new IllegalArgumentException(
          "coupon frequency must be 1, 2 or 4 per year, not " + couponsPerYear);
    }
    return new FixedCouponBond(
        maturity,
        couponRate,
        redemption,
        Frequency.ofPeriodsPerYear(couponsPerYear),
        DayCount.of(dayCountName));
  }

  /**
   * This bond accruing from {@code issue}.
   *
   * @throws InvalidBondDatesException if the dates do not fit (see the record's parameters)
   */
  public FixedCouponBond withIssue(LocalDate issue) {
    return new FixedCouponBond(
        maturity,
        couponRate,
        redemption,
        frequency,
        dayCount,
        Optional.of(issue),
        firstCoupon,
        lastCoupon);
  }

  /**
   * This bond with an odd first period from its issue date to {@code firstCoupon}; set the issue
   * date, and any last coupon date (the coupon dates are counted back from it), first.
   *
   * @throws InvalidBondDatesException if the dates do not fit (see the record's parameters)
   */
  public FixedCouponBond withFirstCoupon(LocalDate firstCoupon) {
    return new FixedCouponBond(
        maturity,
        couponRate,
        redemption,
        frequency,
        dayCount,
        issue,
        Optional.of(firstCoupon),
        lastCoupon);
  }

  /**
   * This bond with an odd final period from {@code lastCoupon} to maturity.
   *
   * @throws InvalidBondDatesException if the dates do not fit (see the record's parameters)
   */
  public FixedCouponBond withLastCoupon(LocalDate lastCoupon) {
    return new FixedCouponBond(
        maturity,
        couponRate,
        redemption,
        frequency,
        dayCount,
        issue,
        firstCoupon,
        Optional.of(lastCoupon));
  }

  /** The coupon paid each regular period per 100 face value: {@code 100 × couponRate / f}. */
  BigDecimal couponPerPeriod() {
    return PAR.multiply(couponRate.decimal())
        .divide(BigDecimal.valueOf(frequency.periodsPerYear()), MathContext.DECIMAL128);
  }

  /** The last regular coupon date: {@code lastCoupon}, or maturity. */
  LocalDate lastRegularCoupon() {
    return lastCoupon.orElse(maturity);
  }

  /**
   * The regular coupon period ending on the last regular coupon date; its grid ({@link
   * ReferencePeriod#shifted}, {@link ReferencePeriod#split}) holds every quasi-coupon date.
   */
  ReferencePeriod lastRegularPeriod() {
    return lastRegularPeriod(lastRegularCoupon(), frequency);
  }

  /** The date interest accrues from in the first coupon period, if the bond has an issue date. */
  Optional<LocalDate> firstCouponDate() {
    if (firstCoupon.isPresent() || issue.isEmpty()) {
      return firstCoupon;
    }
    ReferencePeriod containing = lastRegularPeriod().periodContaining(issue.get());
    return Optional.of(containing.end());
  }

  private static ReferencePeriod lastRegularPeriod(LocalDate anchor, Frequency frequency) {
    LocalDate previous = anchor.minusMonths(frequency.months());
    if (anchor.getDayOfMonth() == anchor.lengthOfMonth()) {
      previous = previous.with(TemporalAdjusters.lastDayOfMonth());
    }
    return new ReferencePeriod(previous, anchor, frequency);
  }

  private static void checkDates(
      LocalDate maturity,
      Frequency frequency,
      Optional<LocalDate> issue,
      Optional<LocalDate> firstCoupon,
      Optional<LocalDate> lastCoupon) {
    if (issue.isPresent() && !issue.get().isBefore(maturity)) {
      throw new InvalidBondDatesException(
          "issue", "must be before maturity " + maturity + ", was " + issue.get());
    }
    if (lastCoupon.isPresent()) {
      LocalDate last = lastCoupon.get();
      if (!last.isBefore(maturity)) {
        throw new InvalidBondDatesException(
            "lastCoupon", "must be before maturity " + maturity + ", was " + last);
      }
      if (issue.isPresent() && !last.isAfter(issue.get())) {
        throw new InvalidBondDatesException(
            "lastCoupon", "must be after issue " + issue.get() + ", was " + last);
      }
    }
    if (firstCoupon.isEmpty()) {
      return;
    }
    LocalDate first = firstCoupon.get();
    if (issue.isEmpty()) {
      throw new InvalidBondDatesException(
          "issue",
          "is required with firstCoupon "
              + first
              + ": the odd first coupon period runs from the issue date to the first coupon");
    }
    if (!first.isAfter(issue.get())) {
      throw new InvalidBondDatesException(
          "firstCoupon", "must be after issue " + issue.get() + ", was " + first);
    }
    LocalDate anchor = lastCoupon.orElse(maturity);
    String anchorName = lastCoupon.isPresent() ? "lastCoupon" : "maturity";
    if (first.isAfter(anchor)) {
      throw new InvalidBondDatesException(
          "firstCoupon", "must not be after " + anchorName + " " + anchor + ", was " + first);
    }
    ReferencePeriod containing =
        lastRegularPeriod(anchor, frequency).periodContaining(first.minusDays(1));
    if (!containing.end().equals(first)) {
      throw new InvalidBondDatesException(
          "firstCoupon",
          "is "
              + first
              + ", not a regular coupon date counted back from "
              + anchorName
              + " "
              + anchor
              + " every "
              + frequency.months()
              + " months (the nearest are "
              + containing.start()
              + " and "
              + containing.end()
              + ")");
    }
  }
}
