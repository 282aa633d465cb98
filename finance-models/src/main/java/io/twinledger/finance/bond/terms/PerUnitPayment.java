package io.twinledger.finance.bond.terms;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A performance-based contract's payment per unit of improvement ({@code per-unit-payment}; non
 * revenue water): each month from {@code firstMonth} to {@code lastMonth} the issuer pays {@code
 * amountPerUnit × max(0, improvement)}, the improvement being {@code value − baseline} (HIGHER) or
 * {@code baseline − value} (LOWER).
 *
 * @param asset the asset of the register, if the terms name it
 * @param kpi the monthly KPI
 * @param baseline the agreed baseline per month
 * @param better which way the KPI improves
 * @param amountPerUnit the amount per unit of improvement, not negative
 * @param firstMonth the first month paid
 * @param lastMonth the last month paid, not before the first
 */
public record PerUnitPayment(
    Optional<String> asset,
    String kpi,
    BigDecimal baseline,
    Better better,
    BigDecimal amountPerUnit,
    YearMonth firstMonth,
    YearMonth lastMonth)
    implements PerformanceFeature {

  public static final String TYPE = "per-unit-payment";

  public PerUnitPayment {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(kpi, "kpi");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(better, "better");
    Objects.requireNonNull(amountPerUnit, "amountPerUnit");
    Objects.requireNonNull(firstMonth, "firstMonth");
    Objects.requireNonNull(lastMonth, "lastMonth");
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public List<String> kpis() {
    return List.of(kpi);
  }
}
