package io.twinledger.finance.bond.terms;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A sustainability-linked bond's coupon step-up ({@code coupon-step-up}; Enel): if the KPI observed
 * at the observation date misses the target, the coupon rate rises by {@code stepBp} basis points
 * from the first coupon period that starts (unadjusted) after the confirmation date, to maturity.
 *
 * @param asset the asset of the register, if the terms name it
 * @param kpi the KPI observed
 * @param target the sustainability performance target
 * @param better which way the KPI improves: the target is met at {@code value ≥ target} (HIGHER) or
 *     {@code value ≤ target} (LOWER)
 * @param observationDate the date of the observation that decides
 * @param confirmationDate when the outcome is confirmed (verified), after the observation date
 * @param stepBp the step in basis points, positive
 */
public record CouponStepUp(
    Optional<String> asset,
    String kpi,
    BigDecimal target,
    Better better,
    LocalDate observationDate,
    LocalDate confirmationDate,
    int stepBp)
    implements PerformanceFeature {

  public static final String TYPE = "coupon-step-up";

  public CouponStepUp {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(kpi, "kpi");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(better, "better");
    Objects.requireNonNull(observationDate, "observationDate");
    Objects.requireNonNull(confirmationDate, "confirmationDate");
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public List<String> kpis() {
    return List.of(kpi);
  }

  /** Whether {@code value}, the KPI observed, meets the target; missed, the coupon steps up. */
  public boolean meets(BigDecimal value) {
    return better.meets(value, target);
  }
}
