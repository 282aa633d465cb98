package io.twinledger.finance.daycount;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.Year;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The day count conventions TwinLedger supports, each known by its API name ({@link #apiName()}).
 *
 * <p>Conventions shared by all of them:
 *
 * <ul>
 *   <li>{@link #yearFraction} is a {@link BigDecimal} computed with {@link MathContext#DECIMAL128}
 *       (34 significant digits, half-even): exact for 30/360 and ACT/360 fractions that terminate,
 *       and correct to 34 digits otherwise (1/365 does not terminate).
 *   <li>The start date is included and the end date excluded, so {@code yearFraction(a, a) = 0}.
 *   <li>Swapping the dates negates the result: {@code yearFraction(b, a) = -yearFraction(a, b)}.
 *       The month-end rules of the 30/360 conventions are applied to the earlier date as the start.
 * </ul>
 *
 * <p>The Excel {@code basis} each convention maps to ({@link #excelBasis()}) is what bond pricing
 * uses to follow Excel's PRICE and YIELD: 30/360 US → 0, ACT/ACT ISDA and ACT/ACT ICMA → 1, ACT/360
 * → 2, ACT/365F → 3, 30E/360 → 4. (Excel's YEARFRAC basis 1 is neither ISDA nor ICMA; in the coupon
 * functions basis 1 counts actual days of the coupon period, which is ICMA.)
 */
public enum DayCount {

  /**
   * 30/360 US, the US (NASD) "bond basis", with the end-of-February rules, exactly as Excel's
   * YEARFRAC and the coupon functions compute basis 0. With D1, D2 the day-of-month of the start
   * and end, the first matching rule applies:
   *
   * <ol>
   *   <li>D1 = 31 and D2 = 31: both become 30;
   *   <li>D1 = 31: D1 becomes 30;
   *   <li>D1 = 30 and D2 = 31: D2 becomes 30;
   *   <li>start and end are both the last day of February: both become 30;
   *   <li>start is the last day of February: D1 becomes 30.
   * </ol>
   *
   * <p>then {@code (360 (Y2-Y1) + 30 (M2-M1) + D2-D1) / 360}. The one difference from the textbook
   * NASD list (where "D2 = 31 and D1 ≥ 30 → D2 = 30" is checked after the February rule): from the
   * last day of February to a 31st, D2 stays 31, as in Excel (2007-02-28 → 2007-03-31 is 31 days,
   * not 30). The February rules always apply (there is no separate end-of-month flag).
   */
  THIRTY_360_US("30/360 US", 0),

  /**
   * 30E/360, the Eurobond basis (ISDA 2006 4.16(g)), Excel basis 4: a 31st becomes the 30th for
   * start and end alike; February is not adjusted. {@code (360 (Y2-Y1) + 30 (M2-M1) + D2-D1) /
   * 360}.
   */
  THIRTY_E_360("30E/360", 4),

  /** ACT/360: actual days / 360. Excel basis 2. */
  ACT_360("ACT/360", 2),

  /** ACT/365F (fixed): actual days / 365, leap years or not. Excel basis 3. */
  ACT_365F("ACT/365F", 3),

  /**
   * ACT/ACT ISDA (ISDA 2006 4.16(b)): days falling in a leap year / 366 plus days falling in a
   * non-leap year / 365. Needs no reference period.
   */
  ACT_ACT_ISDA("ACT/ACT ISDA", 1),

  /**
   * ACT/ACT ICMA (ICMA rule 251): days / (periods per year × days in the reference coupon period).
   * It needs the coupon period the accrual belongs to: use {@link #yearFraction(LocalDate,
   * LocalDate, ReferencePeriod)}; {@link #yearFraction(LocalDate, LocalDate)} throws.
   *
   * <p>An accrual that reaches outside the reference period (a long first or last coupon, or a
   * short one given the regular period next to it) is split at the notional coupon dates of the
   * reference period's grid ({@link ReferencePeriod#split}), and each part is counted against its
   * own notional period: {@code Σ days_i / (f × D_i)}, as ISDA's 1999 memo "EMU and market
   * conventions: recent developments" and QuantLib's ActualActual(ISMA) do. The memo's long first
   * coupon 2002-08-15 to 2003-07-15, semi-annual with reference period 2003-01-15 to 2003-07-15, is
   * 153 / (2 × 184) + 181 / (2 × 181) = 0.915760869565...
   */
  ACT_ACT_ICMA("ACT/ACT ICMA", 1);

  private static final BigDecimal DAYS_360 = BigDecimal.valueOf(360);
  private static final BigDecimal DAYS_365 = BigDecimal.valueOf(365);
  private static final BigDecimal DAYS_366 = BigDecimal.valueOf(366);

  private final String apiName;
  private final int excelBasis;

  DayCount(String apiName, int excelBasis) {
    this.apiName = apiName;
    this.excelBasis = excelBasis;
  }

  /** The name used in the API and in configuration, e.g. {@code "ACT/365F"}. */
  public String apiName() {
    return apiName;
  }

  /** The Excel {@code basis} argument this convention corresponds to (see the class comment). */
  public int excelBasis() {
    return excelBasis;
  }

  /**
   * The convention with the given API name, matched exactly.
   *
   * @throws IllegalArgumentException naming the valid names if there is no such convention
   */
  public static DayCount of(String apiName) {
    Objects.requireNonNull(apiName, "apiName");
    return Arrays.stream(values())
        .filter(d -> d.apiName.equals(apiName))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown day count '"
                        + apiName
                        + "'; valid names are "
                        + Arrays.stream(values())
                            .map(d -> "'" + d.apiName + "'")
                            .collect(Collectors.joining(", "))));
  }

  /**
   * The year fraction from {@code start} (included) to {@code end} (excluded).
   *
   * @throws IllegalArgumentException for {@link #ACT_ACT_ICMA}, which needs a reference period
   */
  public BigDecimal yearFraction(LocalDate start, LocalDate end) {
    if (this == ACT_ACT_ICMA) {
      throw new IllegalArgumentException(
          "ACT/ACT ICMA needs the coupon reference period (start, end, frequency) of "
              + start
              + " to "
              + end
              + "; call yearFraction(start, end, referencePeriod)");
    }
    return yearFraction(start, end, null);
  }

  /**
   * The year fraction from {@code start} (included) to {@code end} (excluded) within a coupon
   * reference period. Only {@link #ACT_ACT_ICMA} uses the reference period; the other conventions
   * ignore it.
   *
   * @throws IllegalArgumentException for ACT/ACT ICMA if the reference period is missing, or the
   *     dates reach outside it and it is not one regular period long
   */
  public BigDecimal yearFraction(LocalDate start, LocalDate end, ReferencePeriod referencePeriod) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      return yearFraction(end, start, referencePeriod).negate();
    }
    MathContext mc = MathContext.DECIMAL128;
    return switch (this) {
      case THIRTY_360_US, THIRTY_E_360, ACT_360 ->
          BigDecimal.valueOf(days(start, end)).divide(DAYS_360, mc);
      case ACT_365F -> BigDecimal.valueOf(days(start, end)).divide(DAYS_365, mc);
      case ACT_ACT_ISDA -> actActIsda(start, end);
      case ACT_ACT_ICMA -> actActIcma(start, end, referencePeriod);
    };
  }

  /**
   * The day count numerator from {@code start} to {@code end}: 30-day months for the 30/360
   * conventions (rules as in each constant's comment), actual days otherwise. Negative if {@code
   * end} is before {@code start}.
   */
  public long days(LocalDate start, LocalDate end) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      return -days(end, start);
    }
    return switch (this) {
      case THIRTY_360_US -> thirty360Us(start, end);
      case THIRTY_E_360 -> thirtyE360(start, end);
      case ACT_360, ACT_365F, ACT_ACT_ISDA, ACT_ACT_ICMA -> ChronoUnit.DAYS.between(start, end);
    };
  }

  private static long thirty360Us(LocalDate start, LocalDate end) {
    int d1 = start.getDayOfMonth();
    int d2 = end.getDayOfMonth();
    if (d1 == 31 && d2 == 31) {
      d1 = 30;
      d2 = 30;
    } else if (d1 == 31) {
      d1 = 30;
    } else if (d1 == 30 && d2 == 31) {
      d2 = 30;
    } else if (isLastDayOfFebruary(start) && isLastDayOfFebruary(end)) {
      d1 = 30;
      d2 = 30;
    } else if (isLastDayOfFebruary(start)) {
      d1 = 30;
    }
    return thirty360(start, d1, end, d2);
  }

  private static long thirtyE360(LocalDate start, LocalDate end) {
    return thirty360(
        start, Math.min(start.getDayOfMonth(), 30), end, Math.min(end.getDayOfMonth(), 30));
  }

  private static long thirty360(LocalDate start, int d1, LocalDate end, int d2) {
    return 360L * (end.getYear() - start.getYear())
        + 30L * (end.getMonthValue() - start.getMonthValue())
        + (d2 - d1);
  }

  private static boolean isLastDayOfFebruary(LocalDate date) {
    return date.getMonthValue() == 2 && date.getDayOfMonth() == date.lengthOfMonth();
  }

  private static BigDecimal actActIsda(LocalDate start, LocalDate end) {
    long leapDays = 0;
    long otherDays = 0;
    LocalDate from = start;
    while (from.isBefore(end)) {
      LocalDate nextYear = LocalDate.of(from.getYear() + 1, 1, 1);
      LocalDate to = nextYear.isBefore(end) ? nextYear : end;
      long days = ChronoUnit.DAYS.between(from, to);
      if (Year.isLeap(from.getYear())) {
        leapDays += days;
      } else {
        otherDays += days;
      }
      from = to;
    }
    // One division keeps the result correct to 34 digits: (N/365 + L/366) = (366N + 365L) / 133590
    BigDecimal numerator =
        BigDecimal.valueOf(otherDays)
            .multiply(DAYS_366)
            .add(BigDecimal.valueOf(leapDays).multiply(DAYS_365));
    return numerator.divide(DAYS_365.multiply(DAYS_366), MathContext.DECIMAL128);
  }

  private static BigDecimal actActIcma(LocalDate start, LocalDate end, ReferencePeriod period) {
    if (period == null) {
      throw new IllegalArgumentException(
          "ACT/ACT ICMA needs the coupon reference period of " + start + " to " + end);
    }
    if (start.equals(end)) {
      return BigDecimal.ZERO;
    }
    // Σ days_i / (f × D_i) over the notional periods, kept as one exact fraction so that the
    // result is a single DECIMAL128 division, correct to 34 digits as the other conventions.
    BigInteger numerator = BigInteger.ZERO;
    BigInteger denominator = BigInteger.ONE;
    for (ReferencePeriod.Part part : period.split(start, end)) {
      BigInteger days = BigInteger.valueOf(ChronoUnit.DAYS.between(part.start(), part.end()));
      BigInteger periodDays =
          BigInteger.valueOf(
              ChronoUnit.DAYS.between(part.period().start(), part.period().end())
                  * period.frequency().periodsPerYear());
      numerator = numerator.multiply(periodDays).add(days.multiply(denominator));
      denominator = denominator.multiply(periodDays);
      BigInteger common = numerator.gcd(denominator);
      numerator = numerator.divide(common);
      denominator = denominator.divide(common);
    }
    return new BigDecimal(numerator).divide(new BigDecimal(denominator), MathContext.DECIMAL128);
  }
}
