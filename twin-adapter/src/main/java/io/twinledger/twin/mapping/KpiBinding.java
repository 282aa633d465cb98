package io.twinledger.twin.mapping;

import io.twinledger.twin.reading.DecimalText;
import io.twinledger.twin.unit.IncompatibleUnitsException;
import io.twinledger.twin.unit.UnitCode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a mapped attribute feeds: a KPI, the unit its readings are kept in, and the limits its
 * quality checks use. Limits are in {@code unit}, after conversion.
 *
 * @param kpi the KPI id, as in the asset register's {@code KpiDefinition.kpiId}
 * @param unit the KPI's unit ({@code KpiDefinition.unit}); readings are converted to it. Usually
 *     the canonical SI unit, but not always: rut depth is kept in millimetres ({@code MMT}), IRI in
 *     parts per thousand ({@code NX}, i.e. m/km)
 * @param sourceUnit the unit readings are assumed to arrive in when they carry no unit code
 *     (keyValues notifications, bare MQTT values); of the same dimension as {@code unit}. Without
 *     it, a reading without a unit code is rejected
 * @param range physically possible values, if checked
 * @param spikeThreshold largest plausible absolute change between consecutive readings of one
 *     sensor, greater than zero, if checked
 * @param expectedInterval how often each sensor reports, such as {@code PT15M} for a meter or
 *     {@code P1D} for a daily billing export: a longer silence is a gap, and a KPI period's
 *     coverage counts slots of this length; without it, the service-wide default applies
 */
public record KpiBinding(
    String kpi,
    UnitCode unit,
    Optional<UnitCode> sourceUnit,
    Optional<PhysicalRange> range,
    Optional<BigDecimal> spikeThreshold,
    Optional<Duration> expectedInterval) {

  /** The asset register's rule for KPI ids. */
  static final Pattern KPI_ID = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

  public KpiBinding {
    if (kpi == null) {
      throw new InvalidMappingException("kpi", "is required");
    }
    if (!KPI_ID.matcher(kpi).matches()) {
      throw new InvalidMappingException(
          "kpi",
          "must be lower case letters, digits, '_', '.' or '-' (max 64), starting with a letter,"
              + " was '"
              + kpi
              + "'");
    }
    if (unit == null) {
      throw new InvalidMappingException("unit", "is required");
    }
    Objects.requireNonNull(sourceUnit, "sourceUnit");
    Objects.requireNonNull(range, "range");
    spikeThreshold =
        Objects.requireNonNull(spikeThreshold, "spikeThreshold").map(DecimalText::normalised);
    if (sourceUnit.isPresent() && sourceUnit.get().dimension() != unit.dimension()) {
      throw new InvalidMappingException(
          "sourceUnit", new IncompatibleUnitsException(sourceUnit.get(), unit).reason());
    }
    Objects.requireNonNull(expectedInterval, "expectedInterval");
    if (expectedInterval.isPresent()
        && (expectedInterval.get().isNegative() || expectedInterval.get().isZero())) {
      throw new InvalidMappingException(
          "expectedInterval", "must be a positive duration, was " + expectedInterval.get());
    }
    if (spikeThreshold.isPresent() && spikeThreshold.get().signum() <= 0) {
      throw new InvalidMappingException(
          "spikeThreshold", "must be greater than zero, was " + spikeThreshold.get());
    }
  }
}
