package io.twinledger.twin.kpi.road;

import io.twinledger.twin.kpi.Require;
import java.math.BigDecimal;

/**
 * IRI measured over one stretch of a road segment, typically a 0.1 mile or 100 m report interval.
 *
 * @param lengthKm length of the stretch, km, greater than zero
 * @param iriMPerKm its International Roughness Index, m/km, zero or more
 */
public record RoughnessSection(BigDecimal lengthKm, BigDecimal iriMPerKm) {

  public RoughnessSection {
    lengthKm = Require.positive(lengthKm, "lengthKm");
    iriMPerKm = Require.nonNegative(iriMPerKm, "iriMPerKm");
  }
}
