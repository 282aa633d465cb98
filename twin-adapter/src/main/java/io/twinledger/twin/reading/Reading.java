package io.twinledger.twin.reading;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One validated, unit-normalised measurement from a digital twin.
 *
 * <p>{@code value} is in the canonical SI unit {@code unit}; {@code originalValue} and {@code
 * originalUnit} are what the source sent, kept as evidence. Decimals carry no trailing zeros, so
 * equal quantities are equal values and encode to the same bytes (see {@link ReadingBatch}).
 * Observation times are kept to the microsecond, the resolution PostgreSQL stores, so that a
 * reading read back from the store encodes exactly as it did when it was accepted.
 *
 * @param source the channel and origin, such as {@code ngsi-ld:orion-city} or {@code mqtt:riverton}
 * @param sensorId the sensor within the source, such as an NGSI-LD entity id and attribute
 * @param assetId the asset the reading belongs to
 * @param kpiId the KPI the reading feeds
 * @param observedAt when the quantity was measured, not when it arrived
 */
public record Reading(
    String source,
    String sensorId,
    String assetId,
    String kpiId,
    Instant observedAt,
    BigDecimal value,
    String unit,
    BigDecimal originalValue,
    String originalUnit) {

  public Reading {
    requireText(source, "source", 200);
    requireText(sensorId, "sensorId", 300);
    requireText(assetId, "assetId", 128);
    requireText(kpiId, "kpiId", 64);
    observedAt = Objects.requireNonNull(observedAt, "observedAt").truncatedTo(ChronoUnit.MICROS);
    value = DecimalText.normalised(Objects.requireNonNull(value, "value"));
    requireText(unit, "unit", 16);
    originalValue = DecimalText.normalised(Objects.requireNonNull(originalValue, "originalValue"));
    requireText(originalUnit, "originalUnit", 16);
  }

  /** The sensor that took the reading. */
  public Sensor sensor() {
    return new Sensor(source, sensorId);
  }

  /** The identity under which a reading is stored once: a resent reading is a duplicate. */
  public ReadingKey key() {
    return new ReadingKey(source, sensorId, observedAt);
  }

  /** Text fields are stored in bounded columns and must print: no control characters. */
  private static void requireText(String value, String name, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(name + " must be at most " + maxLength + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(name + " must not contain control characters");
      }
    }
  }
}
