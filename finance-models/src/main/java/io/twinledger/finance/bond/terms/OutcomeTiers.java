package io.twinledger.finance.bond.terms;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An environmental impact bond's outcome payment ({@code outcome-tiers}; DC Water, Atlanta): the
 * KPI's value at the observation date falls in at most one tier, and that tier's amount is paid by
 * its payer on the payment date. A value in no tier pays nothing.
 *
 * @param asset the asset of the register, if the terms name it
 * @param kpi the KPI observed
 * @param observationDate the date of the observation that decides
 * @param paymentDate when the outcome payment falls due (rolled by the bond's business-day rule),
 *     not before the observation date
 * @param tiers at least one, no two overlapping
 */
public record OutcomeTiers(
    Optional<String> asset,
    String kpi,
    LocalDate observationDate,
    LocalDate paymentDate,
    List<Tier> tiers)
    implements PerformanceFeature {

  public static final String TYPE = "outcome-tiers";

  public OutcomeTiers {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(kpi, "kpi");
    Objects.requireNonNull(observationDate, "observationDate");
    Objects.requireNonNull(paymentDate, "paymentDate");
    tiers = List.copyOf(tiers);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public List<String> kpis() {
    return List.of(kpi);
  }

  /** The index of the tier {@code value} falls in, or empty when it falls in none. */
  public OptionalInt tierOf(BigDecimal value) {
    for (int i = 0; i < tiers.size(); i++) {
      if (tiers.get(i).contains(value)) {
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }
}
