package io.twinledger.finance.bond.terms;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A road PPP's monthly availability payment with KPI deductions ({@code availability-payment};
 * Colorado's Central 70), paid by the issuer to the investors each month from {@code firstMonth} to
 * {@code lastMonth}:
 *
 * <pre>
 * MaxPP(m) = days in month m / days in the contract year holding m × yearlyMaximum
 * D(m)     = Σ deductions of month m (percentPerUnit × units × MaxPP(m), or amountPerUnit × units)
 * PP(m)    = max(0, MaxPP(m) − min(D(m − lag), capMultiple × MaxPP(m − lag)))
 * </pre>
 *
 * <p>Contract years run from {@code contractYearStart} (the first day of a month) to its
 * anniversaries, 365 or 366 days, so the twelve MaxPP of a contract year sum to the yearly maximum.
 * Only months of service (from {@code firstMonth}) deduct: the first {@code lagMonths} payments
 * deduct nothing, and the deductions of the last {@code lagMonths} months fall on no payment of
 * this feature.
 *
 * @param asset the asset of the register, if the terms name it
 * @param yearlyMaximum the maximum payment of a contract year, positive
 * @param contractYearStart the first day of a contract year
 * @param firstMonth the first month paid
 * @param lastMonth the last month paid, not before the first
 * @param lagMonths how many months later a month's deductions are taken, 0 to 12
 * @param capMultiple a month's deductions are capped at this multiple of its MaxPP, not negative
 * @param deductions the deduction items, each KPI once
 */
public record AvailabilityPayment(
    Optional<String> asset,
    BigDecimal yearlyMaximum,
    LocalDate contractYearStart,
    YearMonth firstMonth,
    YearMonth lastMonth,
    int lagMonths,
    BigDecimal capMultiple,
    List<Deduction> deductions)
    implements PerformanceFeature {

  public static final String TYPE = "availability-payment";

  public AvailabilityPayment {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(yearlyMaximum, "yearlyMaximum");
    Objects.requireNonNull(contractYearStart, "contractYearStart");
    Objects.requireNonNull(firstMonth, "firstMonth");
    Objects.requireNonNull(lastMonth, "lastMonth");
    Objects.requireNonNull(capMultiple, "capMultiple");
    deductions = List.copyOf(deductions);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public List<String> kpis() {
    return deductions.stream().map(Deduction::kpi).toList();
  }

  /**
   * MaxPP of {@code month}: days in the month / days in the contract year holding it × the yearly
   * maximum, exact to 34 significant digits.
   */
  public BigDecimal maxPp(YearMonth month) {
    return yearlyMaximum
        .multiply(BigDecimal.valueOf(month.lengthOfMonth()))
        .divide(BigDecimal.valueOf(contractYearDays(month)), MathContext.DECIMAL128);
  }

  /** The days of the contract year holding {@code month}: 365 or 366. */
  public long contractYearDays(YearMonth month) {
    LocalDate first = month.atDay(1);
    long years = ChronoUnit.YEARS.between(contractYearStart, first);
    LocalDate yearStart = contractYearStart.plusYears(years);
    if (yearStart.isAfter(first)) {
      yearStart = yearStart.minusYears(1);
    }
    return ChronoUnit.DAYS.between(yearStart, yearStart.plusYears(1));
  }

  /** The most the deductions of {@code month} may take: {@code capMultiple × MaxPP(month)}. */
  public BigDecimal cap(YearMonth month) {
    return capMultiple.multiply(maxPp(month));
  }
}
