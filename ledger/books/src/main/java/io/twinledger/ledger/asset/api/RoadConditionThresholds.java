package io.twinledger.ledger.asset.api;

import java.math.BigDecimal;

/**
 * Condition thresholds of a road segment.
 *
 * <p>Defaults follow 23 CFR 490.313: IRI below 1.50 m/km (95 in/mi) is good, above 2.68 m/km (170
 * in/mi) is poor. The rut-depth limit is contractual, for example 3/4 inch = 19.05 mm.
 *
 * @param iriGoodMaxMPerKm International Roughness Index below which the segment is rated good
 *     (exclusive, as in 23 CFR 490.313), m/km
 * @param iriPoorMinMPerKm IRI above which the segment is rated poor (exclusive), m/km; greater than
 *     the good limit; between the two limits, inclusive, the segment is fair
 * @param rutDepthMaxMm largest acceptable rut depth, mm
 */
public record RoadConditionThresholds(
    BigDecimal iriGoodMaxMPerKm, BigDecimal iriPoorMinMPerKm, BigDecimal rutDepthMaxMm) {

  public RoadConditionThresholds {
    iriGoodMaxMPerKm = Require.positive(iriGoodMaxMPerKm, "iriGoodMaxMPerKm");
    iriPoorMinMPerKm = Require.positive(iriPoorMinMPerKm, "iriPoorMinMPerKm");
    rutDepthMaxMm = Require.positive(rutDepthMaxMm, "rutDepthMaxMm");
    if (iriPoorMinMPerKm.compareTo(iriGoodMaxMPerKm) <= 0) {
      throw new InvalidFieldException(
          "iriPoorMinMPerKm",
          "must be greater than iriGoodMaxMPerKm (" + iriGoodMaxMPerKm.toPlainString() + ")");
    }
  }
}
