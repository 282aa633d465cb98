package io.twinledger.ledger.correction.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A stored reading as a correction names it: its key (source, sensor, observation time), the KPI it
 * feeds and its value as stored, so the record states what it replaces.
 *
 * @param value the stored value in {@code unit}, the KPI's unit
 */
public record ReadingRef(
    String source,
    String sensorId,
    Instant observedAt,
    String assetId,
    String kpiId,
    BigDecimal value,
    String unit) {

  public ReadingRef {
    CorrectionChecks.present(source, "target.source");
    CorrectionChecks.present(sensorId, "target.sensorId");
    CorrectionChecks.present(observedAt, "target.observedAt");
    CorrectionChecks.present(assetId, "target.assetId");
    CorrectionChecks.present(kpiId, "target.kpiId");
    CorrectionChecks.present(value, "target.value");
    CorrectionChecks.present(unit, "target.unit");
  }
}
