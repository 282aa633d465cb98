package io.twinledger.twin.mapping;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The column names (CSV header cells, or JSONL field names) of a bulk import file.
 *
 * @param asset the asset id column
 * @param attribute the column naming what was measured; its values are looked up in the bulk
 *     section's {@code attributes}, so a file whose column holds KPI ids maps each id to its KPI
 * @param observedAt the observation time column, ISO 8601 with offset
 * @param value the value column
 * @param unitCode the UN/CEFACT unit code column, if the file has one
 * @param sensor the sensor id column, if the file has one
 */
public record BulkColumns(
    String asset,
    String attribute,
    String observedAt,
    String value,
    Optional<String> unitCode,
    Optional<String> sensor) {

  public BulkColumns {
    Objects.requireNonNull(unitCode, "unitCode");
    Objects.requireNonNull(sensor, "sensor");
    Map<String, String> roleByColumn = new HashMap<>();
    column("asset", asset, roleByColumn);
    column("attribute", attribute, roleByColumn);
    column("observedAt", observedAt, roleByColumn);
    column("value", value, roleByColumn);
    unitCode.ifPresent(name -> column("unitCode", name, roleByColumn));
    sensor.ifPresent(name -> column("sensor", name, roleByColumn));
  }

  /** One file column serves one role: the importer could not tell which was meant. */
  private static void column(String role, String name, Map<String, String> roleByColumn) {
    if (name == null) {
      throw new InvalidMappingException(role, "is required");
    }
    if (name.isBlank()) {
      throw new InvalidMappingException(role, "must not be blank");
    }
    String other = roleByColumn.putIfAbsent(name, role);
    if (other != null) {
      throw new InvalidMappingException(
          role, "uses column '" + name + "', which is already the " + other + " column");
    }
  }
}
