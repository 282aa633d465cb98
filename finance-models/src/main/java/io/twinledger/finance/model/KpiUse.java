package io.twinledger.finance.model;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * One KPI observation an amount was computed from.
 *
 * @param kpiId the KPI
 * @param period the month of the observation (for a lagged KPI, an earlier month than the amount)
 * @param revision the revision used, the latest known when the amount was computed
 * @param value the observed value as reported, in {@code unit}; empty if it had none
 * @param unit the unit of the observed value
 * @param evidence digests of the reading batches behind the value
 */
public record KpiUse(
    String kpiId,
    YearMonth period,
    int revision,
    Optional<BigDecimal> value,
    String unit,
    List<String> evidence) {

  public KpiUse {
    evidence = List.copyOf(evidence);
  }

  static KpiUse of(KpiObservation observation) {
    return new KpiUse(
        observation.kpiId(),
        observation.period(),
        observation.revision(),
        observation.value(),
        observation.unit(),
        observation.evidence());
  }
}
