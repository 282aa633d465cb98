package io.twinledger.twin.mapping;

import io.twinledger.twin.reading.DecimalText;
import io.twinledger.twin.unit.UnitCode;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * What a KPI's readings must satisfy whatever channel brings them, declared once under {@code kpis}
 * in the mapping: the unit readings are kept in and the plausibility checks in that unit. Every
 * attribute bound to the KPI, on NGSI-LD, MQTT and bulk alike, takes these, so that a value a
 * broker would refuse cannot come in through a file instead.
 *
 * @param unit the KPI's unit, as {@link KpiBinding#unit()}
 * @param range the physically possible values, both bounds given: a KPI declared here is bounded
 * @param spikeThreshold the largest plausible change between consecutive readings of one sensor, if
 *     checked
 */
public record KpiLimits(UnitCode unit, PhysicalRange range, Optional<BigDecimal> spikeThreshold) {

  public KpiLimits {
    if (unit == null) {
      throw new InvalidMappingException("unit", "is required");
    }
    if (range == null) {
      throw new InvalidMappingException("range", "is required");
    }
    if (range.min().isEmpty()) {
      throw new InvalidMappingException("range.min", "is required for a declared KPI");
    }
    if (range.max().isEmpty()) {
      throw new InvalidMappingException("range.max", "is required for a declared KPI");
    }
    spikeThreshold =
        Objects.requireNonNull(spikeThreshold, "spikeThreshold").map(DecimalText::normalised);
    if (spikeThreshold.isPresent() && spikeThreshold.get().signum() <= 0) {
      throw new InvalidMappingException(
          "spikeThreshold", "must be greater than zero, was " + spikeThreshold.get());
    }
  }
}
