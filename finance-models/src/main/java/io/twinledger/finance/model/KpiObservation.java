package io.twinledger.finance.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A closed monthly KPI period of one asset, as the evaluation needs it.
 *
 * @param kpiId the KPI, as named in the {@link KpiCatalog}
 * @param period the month the value covers (cut in the asset's time zone by the caller)
 * @param revision 1 for the first close of the period, higher when a late reading re-closed it; the
 *     evaluation uses the highest revision of each KPI and month
 * @param value the KPI's value, empty when the period closed without one
 * @param unit the UN/CEFACT code the value is in; converted to the catalog unit when they differ
 * @param evidence hex SHA-256 digests of the reading batches behind the value
 * @param coveragePercent the share of the month the period's readings cover, 0 to 100; empty when
 *     not known (periods recorded before coverage was kept), which counts as complete
 */
public record KpiObservation(
    String kpiId,
    YearMonth period,
    int revision,
    Optional<BigDecimal> value,
    String unit,
    List<String> evidence,
    Optional<BigDecimal> coveragePercent) {

  /** An observation whose coverage is not known. */
  public KpiObservation(
      String kpiId,
      YearMonth period,
      int revision,
      Optional<BigDecimal> value,
      String unit,
      List<String> evidence) {
    this(kpiId, period, revision, value, unit, evidence, Optional.empty());
  }

  /**
   * The observation a closed monthly KPI period gives: its month is the one the period starts in,
   * in the asset's time zone. The P&amp;L projection and the {@code pnl-line} figures of reports
   * both read periods through this, so that they cut the same month.
   *
   * @param periodStart the instant the period starts
   * @param zone the asset's time zone
   */
  public static KpiObservation ofMonthlyPeriod(
      String kpiId,
      Instant periodStart,
      ZoneId zone,
      int revision,
      Optional<BigDecimal> value,
      String unit,
      List<String> evidence,
      Optional<BigDecimal> coveragePercent) {
    return new KpiObservation(
        kpiId,
        YearMonth.from(periodStart.atZone(zone)),
        revision,
        value,
        unit,
        evidence,
        coveragePercent);
  }

  public KpiObservation {
    Objects.requireNonNull(kpiId, "kpiId");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(unit, "unit");
    if (revision < 1) {
      throw new IllegalArgumentException(
          "KPI " + kpiId + " " + period + ": revision must be at least 1, was " + revision);
    }
    evidence = List.copyOf(evidence);
    Objects.requireNonNull(coveragePercent, "coveragePercent");
  }
}
