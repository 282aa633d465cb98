package io.twinledger.service.calc;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.twinledger.finance.bond.FixedCouponBond;
import io.twinledger.finance.daycount.DayCount;
import io.twinledger.finance.daycount.ReferencePeriod;
import io.twinledger.finance.money.Money;
import io.twinledger.finance.payout.Holding;
import io.twinledger.finance.schedule.Frequency;
import io.twinledger.finance.valuation.DatedAmount;
import io.twinledger.finance.valuation.Rate;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Request bodies of the calculators and their checked translation into finance-models inputs. Every
 * failure is an {@link InvalidFieldException} whose field is the path in the request body, such as
 * {@code flows[2].date}.
 *
 * <p>Bounds that keep one request cheap and its arithmetic exact: at most {@value #MAX_FLOWS} flows
 * or amounts; dates from 1900-01-01 to 9999-12-31 (Excel's date range); numbers with at most
 * {@value #MAX_INTEGER_DIGITS} digits before the decimal point and {@value #MAX_DECIMALS} after it.
 */
public final class CalcRequests {

  static final int MAX_FLOWS = 10_000;
  static final int MAX_INTEGER_DIGITS = 20;
  static final int MAX_DECIMALS = 34;

  private static final LocalDate FIRST_DATE = LocalDate.of(1900, 1, 1);
  private static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);
  private static final BigDecimal DEFAULT_REDEMPTION = FixedCouponBond.PAR;
  private static final int DEFAULT_COUPONS_PER_YEAR = 2;
  private static final String DEFAULT_DAY_COUNT = DayCount.THIRTY_360_US.apiName();
  private static final Set<Integer> COUPONS_PER_YEAR = Set.of(1, 2, 4);
  private static final Set<Integer> ICMA_PERIODS_PER_YEAR = Set.of(1, 2, 4, 12);

  private CalcRequests() {}

  /** A dated cash flow: received positive, paid negative. */
  public record Flow(LocalDate date, BigDecimal amount) {}

  /** Body of {@code POST /api/v1/calc/xnpv}: an annual rate and dated flows. */
  public record XnpvBody(BigDecimal rate, List<Flow> flows) {}

  /** Body of {@code POST /api/v1/calc/xirr}. */
  public record XirrBody(List<Flow> flows) {}

  /**
   * Body of {@code POST /api/v1/calc/irr}: one amount per period, the first at time 0. {@code
   * guess} is accepted for Excel compatibility and not used: the solver searches the whole range.
   */
  public record IrrBody(List<BigDecimal> amounts, BigDecimal guess) {}

  /**
   * Body of {@code POST /api/v1/calc/year-fraction}; {@code refStart}, {@code refEnd} and {@code
   * frequency} are the coupon reference period, required by ACT/ACT ICMA and refused otherwise.
   */
  public record YearFractionBody(
      LocalDate start,
      LocalDate end,
      String convention,
      LocalDate refStart,
      LocalDate refEnd,
      BigDecimal frequency) {}

  /**
   * Body of {@code POST /api/v1/calc/bond-price}: Excel PRICE's arguments, with ODDFPRICE's {@code
   * issue} and {@code firstCoupon} and ODDLPRICE's {@code lastCoupon} (last interest date) for odd
   * first and last coupon periods, all optional.
   */
  public record BondPriceBody(
      LocalDate settlement,
      LocalDate maturity,
      BigDecimal couponRate,
      @JsonProperty("yield") BigDecimal yieldRate,
      BigDecimal redemption,
      BigDecimal frequency,
      String dayCount,
      LocalDate issue,
      LocalDate firstCoupon,
      LocalDate lastCoupon) {}

  /**
   * Body of {@code POST /api/v1/calc/bond-yield}: Excel YIELD's arguments, with the optional odd
   * coupon dates of ODDFYIELD and ODDLYIELD as for bond-price.
   */
  public record BondYieldBody(
      LocalDate settlement,
      LocalDate maturity,
      BigDecimal couponRate,
      BigDecimal cleanPrice,
      BigDecimal redemption,
      BigDecimal frequency,
      String dayCount,
      LocalDate issue,
      LocalDate firstCoupon,
      LocalDate lastCoupon) {}

  /** The XNPV discount rate: above -100 % so that {@code 1 + rate} is positive. */
  static Rate discountRate(XnpvBody body) {
    BigDecimal rate = decimal(body.rate(), "rate");
    if (rate.compareTo(BigDecimal.ONE.negate()) <= 0) {
      throw new InvalidFieldException(
          "rate", "must be above -1 (-100 %), was " + rate.toPlainString());
    }
    return Rate.of(rate);
  }

  /**
   * Dated flows, at least {@code minimum} of them, none dated before the first (XNPV and XIRR
   * discount to the first flow's date).
   */
  static List<DatedAmount> flows(List<Flow> flows, int minimum) {
    list(flows, "flows", minimum);
    List<DatedAmount> amounts = new ArrayList<>(flows.size());
    for (int i = 0; i < flows.size(); i++) {
      String field = "flows[" + i + "]";
      Flow flow = required(flows.get(i), field);
      LocalDate date = date(flow.date(), field + ".date");
      if (!amounts.isEmpty() && date.isBefore(amounts.getFirst().date())) {
        throw new InvalidFieldException(
            field + ".date",
            "is "
                + date
                + ", before the first flow's date "
                + amounts.getFirst().date()
                + "; flows are discounted to the first date and none may precede it");
      }
      amounts.add(new DatedAmount(date, decimal(flow.amount(), field + ".amount")));
    }
    return amounts;
  }

  /** Periodic amounts, at least two. */
  static List<BigDecimal> amounts(IrrBody body) {
    List<BigDecimal> amounts = body.amounts();
    list(amounts, "amounts", 2);
    List<BigDecimal> checked = new ArrayList<>(amounts.size());
    for (int i = 0; i < amounts.size(); i++) {
      checked.add(decimal(amounts.get(i), "amounts[" + i + "]"));
    }
    return checked;
  }

  /**
   * An accrual to measure, with its reference period for ACT/ACT ICMA (any other convention must
   * not be given one). An accrual reaching outside the reference period is split into notional
   * periods, so the reference period must then be one regular period. The dates may be in either
   * order: swapped dates give the negated fraction.
   */
  record Accrual(
      LocalDate start, LocalDate end, DayCount convention, Optional<ReferencePeriod> reference) {}

  /** A priced or yielded bond and its settlement date, which is before maturity. */
  record SettledBond(FixedCouponBond bond, LocalDate settlement) {}

  static Accrual accrual(YearFractionBody body) {
    LocalDate start = date(body.start(), "start");
    LocalDate end = date(body.end(), "end");
    DayCount convention = dayCount(body.convention(), "convention");
    if (convention != DayCount.ACT_ACT_ICMA) {
      refuseReferenceField(body.refStart(), "refStart", convention);
      refuseReferenceField(body.refEnd(), "refEnd", convention);
      refuseReferenceField(body.frequency(), "frequency", convention);
      return new Accrual(start, end, convention, Optional.empty());
    }
    String why = "is required by ACT/ACT ICMA: the coupon reference period of the accrual";
    LocalDate refStart = date(required(body.refStart(), "refStart", why), "refStart");
    LocalDate refEnd = date(required(body.refEnd(), "refEnd", why), "refEnd");
    if (!refEnd.isAfter(refStart)) {
      throw new InvalidFieldException(
          "refEnd", "must be after refStart " + refStart + ", was " + refEnd);
    }
    int periodsPerYear =
        periodsPerYear(required(body.frequency(), "frequency", why), ICMA_PERIODS_PER_YEAR);
    ReferencePeriod reference =
        new ReferencePeriod(refStart, refEnd, Frequency.ofPeriodsPerYear(periodsPerYear));
    boolean outside =
        !reference.contains(start.isBefore(end) ? start : end, start.isBefore(end) ? end : start);
    if (outside && !reference.isRegular()) {
      throw new InvalidFieldException(
          "refEnd",
          "must be one regular period of "
              + reference.frequency().months()
              + " months after refStart "
              + refStart
              + " when the accrual reaches outside the reference period (it is split into the"
              + " notional periods of that grid), was "
              + refEnd);
    }
    return new Accrual(start, end, convention, Optional.of(reference));
  }

  /**
   * The bond of a price request, with Excel's defaults. Odd coupon dates that do not fit the bond
   * throw finance-models' {@link io.twinledger.finance.bond.InvalidBondDatesException}, which names
   * the date as the request does.
   */
  static SettledBond bond(BondPriceBody body) {
    return bond(
        body.settlement(),
        body.maturity(),
        body.couponRate(),
        body.redemption(),
        body.frequency(),
        body.dayCount(),
        new OddDates(body.issue(), body.firstCoupon(), body.lastCoupon()));
  }

  /** The bond of a yield request, as {@link #bond(BondPriceBody)}. */
  static SettledBond bond(BondYieldBody body) {
    return bond(
        body.settlement(),
        body.maturity(),
        body.couponRate(),
        body.redemption(),
        body.frequency(),
        body.dayCount(),
        new OddDates(body.issue(), body.firstCoupon(), body.lastCoupon()));
  }

  /** The optional odd coupon dates of a bond request, each possibly null. */
  private record OddDates(LocalDate issue, LocalDate firstCoupon, LocalDate lastCoupon) {}

  /** The yield of a price request: {@code 1 + yield / frequency} must be positive. */
  static Rate yieldRate(BondPriceBody body, FixedCouponBond bond) {
    BigDecimal yield = decimal(body.yieldRate(), "yield");
    int perYear = bond.frequency().periodsPerYear();
    if (yield.compareTo(BigDecimal.valueOf(-perYear)) <= 0) {
      throw new InvalidFieldException(
          "yield",
          "must be above -"
              + perYear
              + " (-100 % per coupon period) so that 1 + yield/frequency is positive, was "
              + yield.toPlainString());
    }
    return Rate.of(yield);
  }

  /** The clean price of a yield request, per 100 face value, positive. */
  static BigDecimal cleanPrice(BondYieldBody body) {
    BigDecimal price = decimal(body.cleanPrice(), "cleanPrice");
    if (price.signum() <= 0) {
      throw new InvalidFieldException(
          "cleanPrice", "must be positive (per 100 face value), was " + price.toPlainString());
    }
    return price;
  }

  private static SettledBond bond(
      LocalDate settlementDate,
      LocalDate maturityDate,
      BigDecimal couponRate,
      BigDecimal redemptionAmount,
      BigDecimal frequency,
      String dayCountName,
      OddDates odd) {
    LocalDate settlement = date(settlementDate, "settlement");
    LocalDate maturity = date(maturityDate, "maturity");
    if (!settlement.isBefore(maturity)) {
      throw new InvalidFieldException(
          "settlement", "must be before maturity " + maturity + ", was " + settlement);
    }
    BigDecimal coupon = decimal(couponRate, "couponRate");
    if (coupon.signum() < 0) {
      throw new InvalidFieldException(
          "couponRate", "must not be negative, was " + coupon.toPlainString());
    }
    BigDecimal redemption =
        decimal(Optional.ofNullable(redemptionAmount).orElse(DEFAULT_REDEMPTION), "redemption");
    if (redemption.signum() <= 0) {
      throw new InvalidFieldException(
          "redemption", "must be positive (per 100 face value), was " + redemption.toPlainString());
    }
    int couponsPerYear =
        frequency == null ? DEFAULT_COUPONS_PER_YEAR : periodsPerYear(frequency, COUPONS_PER_YEAR);
    DayCount dayCount =
        dayCount(Optional.ofNullable(dayCountName).orElse(DEFAULT_DAY_COUNT), "dayCount");
    FixedCouponBond bond =
        new FixedCouponBond(
            maturity,
            Rate.of(coupon),
            redemption,
            Frequency.ofPeriodsPerYear(couponsPerYear),
            dayCount);
    // The last coupon first: regular coupon dates, the first coupon among them, count back from it.
    if (odd.lastCoupon() != null) {
      bond = bond.withLastCoupon(date(odd.lastCoupon(), "lastCoupon"));
    }
    if (odd.issue() != null) {
      bond = bond.withIssue(date(odd.issue(), "issue"));
    }
    if (odd.firstCoupon() != null) {
      bond = bond.withFirstCoupon(date(odd.firstCoupon(), "firstCoupon"));
    }
    return new SettledBond(bond, settlement);
  }

  private static DayCount dayCount(String name, String field) {
    required(name, field);
    try {
      return DayCount.of(name);
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException(field, e.getMessage());
    }
  }

  private static void refuseReferenceField(Object value, String field, DayCount convention) {
    if (value != null) {
      throw new InvalidFieldException(
          field,
          "applies only to ACT/ACT ICMA, not to "
              + convention.apiName()
              + "; leave it out so that it is not mistaken for part of the calculation");
    }
  }

  private static int periodsPerYear(BigDecimal value, Set<Integer> allowed) {
    return allowed.stream()
        .filter(n -> BigDecimal.valueOf(n).compareTo(value) == 0)
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidFieldException(
                    "frequency",
                    "must be one of "
                        + allowed.stream().sorted().map(String::valueOf).toList()
                        + " periods per year, was "
                        + value.toPlainString()));
  }

  /** At most this many holdings in one allocation request. */
  static final int MAX_HOLDINGS = 100_000;

  /** One holder's units at the record date. */
  public record HoldingBody(String holder, Long units) {}

  /**
   * A payout to split: {@code amount} as a decimal string in {@code currency} (ISO 4217), a whole
   * number of its minor units.
   */
  public record PayoutAllocationBody(String amount, String currency, List<HoldingBody> holdings) {}

  /** The payment to split, checked: a known currency, a decimal string, whole minor units. */
  static Money payoutAmount(PayoutAllocationBody body) {
    Currency currency;
    try {
      currency = Money.currency(required(body.currency(), "currency"));
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException("currency", e.getMessage());
    }
    BigDecimal amount;
    try {
      amount = new BigDecimal(required(body.amount(), "amount"));
    } catch (NumberFormatException e) {
      throw new InvalidFieldException(
          "amount", "must be a decimal string such as \"100.00\", was \"" + body.amount() + "\"");
    }
    Money money = new Money(decimal(amount, "amount"), currency);
    if (money.signum() < 0) {
      throw new InvalidFieldException("amount", "must not be negative");
    }
    if (!money.isWholeMinorUnits()) {
      throw new InvalidFieldException(
          "amount",
          "must be a whole number of minor units of "
              + currency.getCurrencyCode()
              + " ("
              + money.minorUnitDigits()
              + " decimals at most)");
    }
    return money;
  }

  /** The holdings, checked field by field; a holder named twice is refused at its second place. */
  static List<Holding> holdings(PayoutAllocationBody body) {
    required(body.holdings(), "holdings");
    if (body.holdings().isEmpty()) {
      throw new InvalidFieldException("holdings", "needs at least 1 entry, was 0");
    }
    if (body.holdings().size() > MAX_HOLDINGS) {
      throw new InvalidFieldException(
          "holdings",
          "may have at most " + MAX_HOLDINGS + " entries, was " + body.holdings().size());
    }
    List<Holding> holdings = new ArrayList<>(body.holdings().size());
    Set<String> holders = new HashSet<>();
    for (int i = 0; i < body.holdings().size(); i++) {
      String at = "holdings[" + i + "]";
      HoldingBody holding = required(body.holdings().get(i), at);
      String holder = required(holding.holder(), at + ".holder");
      if (holder.isBlank() || holder.length() > 128) {
        throw new InvalidFieldException(at + ".holder", "must be 1 to 128 characters");
      }
      long units = required(holding.units(), at + ".units");
      if (units <= 0) {
        throw new InvalidFieldException(
            at + ".units",
            "must be positive, was " + units + " (leave out holders with nothing to receive)");
      }
      if (!holders.add(holder)) {
        throw new InvalidFieldException(at + ".holder", "'" + holder + "' appears twice");
      }
      holdings.add(new Holding(holder, units));
    }
    return holdings;
  }

  private static void list(List<?> values, String field, int minimum) {
    required(values, field);
    if (values.size() < minimum) {
      throw new InvalidFieldException(
          field,
          "needs at least "
              + minimum
              + (minimum == 1 ? " entry" : " entries")
              + ", was "
              + values.size());
    }
    if (values.size() > MAX_FLOWS) {
      throw new InvalidFieldException(
          field, "may have at most " + MAX_FLOWS + " entries, was " + values.size());
    }
  }

  private static LocalDate date(LocalDate date, String field) {
    required(date, field);
    if (date.isBefore(FIRST_DATE) || date.isAfter(LAST_DATE)) {
      throw new InvalidFieldException(
          field, "must be from " + FIRST_DATE + " to " + LAST_DATE + ", was " + date);
    }
    return date;
  }

  static BigDecimal decimal(BigDecimal value, String field) {
    BigDecimal stripped = required(value, field).stripTrailingZeros();
    int decimals = Math.max(stripped.scale(), 0);
    int integerDigits = Math.max(stripped.precision() - stripped.scale(), 0);
    if (decimals > MAX_DECIMALS || integerDigits > MAX_INTEGER_DIGITS) {
      throw new InvalidFieldException(
          field,
          "must have at most "
              + MAX_INTEGER_DIGITS
              + " digits before the decimal point and "
              + MAX_DECIMALS
              + " after it");
    }
    return value;
  }

  private static <T> T required(T value, String field) {
    return required(value, field, "is required");
  }

  private static <T> T required(T value, String field, String reason) {
    if (value == null) {
      throw new InvalidFieldException(field, reason);
    }
    return value;
  }
}
