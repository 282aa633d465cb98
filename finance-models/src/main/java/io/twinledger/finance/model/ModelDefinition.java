package io.twinledger.finance.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A cash-flow model as data: parameters and formula lines that turn an asset's KPI values into
 * monthly amounts. Read and written by {@link ModelDefinitions}, checked by {@link ModelValidator},
 * evaluated by {@link ModelEvaluator}.
 *
 * @param id stable identifier of the model
 * @param version incremented on every change, so that a statement names the exact model behind it
 * @param name human readable name
 * @param assetClass {@code WATER_DISTRICT}, {@code STORMWATER_SITE}, {@code ROAD_SEGMENT} or any
 *     other class name
 * @param currency ISO 4217 code of every booked line
 * @param parameters by name, in document order
 * @param lines in document order; evaluation follows the line references, not this order
 */
public record ModelDefinition(
    String id,
    int version,
    String name,
    String assetClass,
    String currency,
    Map<String, ParameterDefinition> parameters,
    List<LineDefinition> lines) {

  public static final String WATER_DISTRICT = "WATER_DISTRICT";
  public static final String STORMWATER_SITE = "STORMWATER_SITE";
  public static final String ROAD_SEGMENT = "ROAD_SEGMENT";

  public ModelDefinition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(assetClass, "assetClass");
    Objects.requireNonNull(currency, "currency");
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    lines = List.copyOf(lines);
  }

  /** This definition under another id. */
  public ModelDefinition withId(String newId) {
    return new ModelDefinition(newId, version, name, assetClass, currency, parameters, lines);
  }

  /** This definition with another version number. */
  public ModelDefinition withVersion(int newVersion) {
    return new ModelDefinition(id, newVersion, name, assetClass, currency, parameters, lines);
  }

  /** This definition with other parameters. */
  public ModelDefinition withParameters(Map<String, ParameterDefinition> newParameters) {
    return new ModelDefinition(id, version, name, assetClass, currency, newParameters, lines);
  }

  /** This definition with other lines. */
  public ModelDefinition withLines(List<LineDefinition> newLines) {
    return new ModelDefinition(id, version, name, assetClass, currency, parameters, newLines);
  }
}
