package io.twinledger.twin.bulk;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which column (CSV) or key (JSON lines) holds each field of a reading. The asset, attribute,
 * observation time and value are required; without a unit column the mapping's source unit applies,
 * and without a sensor column all rows of an asset and attribute share one sensor.
 */
public record BulkLayout(
    String asset,
    String attribute,
    String observedAt,
    String value,
    Optional<String> unitCode,
    Optional<String> sensor) {

  /** {@code asset_id, kpi_id, sensor_id, observed_at, value, unit_code}. */
  public static final BulkLayout DEFAULT =
      new BulkLayout(
          "asset_id",
          "kpi_id",
          "observed_at",
          "value",
          Optional.of("unit_code"),
          Optional.of("sensor_id"));

  public BulkLayout {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(observedAt, "observedAt");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(unitCode, "unitCode");
    Objects.requireNonNull(sensor, "sensor");
  }

  /** The columns every file must have, in the order errors name them. */
  List<String> required() {
    return List.of(asset, attribute, observedAt, value);
  }

  /**
   * Every column the layout reads: the required ones in their order, then sensor, then unit code.
   */
  List<String> all() {
    List<String> all = new ArrayList<>(required());
    sensor.ifPresent(all::add);
    unitCode.ifPresent(all::add);
    return all;
  }
}
