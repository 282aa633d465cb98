package io.twinledger.finance.model;

import java.math.BigDecimal;
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
 * @param completeCoverage the share of a month, in percent (more than 0, at most 100), a KPI period
 *     must cover for the month to count as complete; a month read from a period covering less is
 *     <em>partial</em>: its lines say so, monthly baselines are prorated to the covered days and
 *     risk fits leave it out. {@link #DEFAULT_COMPLETE_COVERAGE} when the document gives none
 */
public record ModelDefinition(
    String id,
    int version,
    String name,
    String assetClass,
    String currency,
    Map<String, ParameterDefinition> parameters,
    List<LineDefinition> lines,
    BigDecimal completeCoverage) {

  /** The coverage a month needs to be complete when the model does not say: 90 %. */
  public static final BigDecimal DEFAULT_COMPLETE_COVERAGE = BigDecimal.valueOf(90);

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

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
    // Model events recorded before partial months existed carry no coverage.
    completeCoverage = completeCoverage == null ? DEFAULT_COMPLETE_COVERAGE : completeCoverage;
    if (completeCoverage.signum() <= 0 || completeCoverage.compareTo(HUNDRED) > 0) {
      throw new IllegalArgumentException(
          "completeCoverage must be more than 0 and at most 100 percent, was "
              + completeCoverage.toPlainString());
    }
  }

  /** A definition with the {@link #DEFAULT_COMPLETE_COVERAGE default complete coverage}. */
  public ModelDefinition(
      String id,
      int version,
      String name,
      String assetClass,
      String currency,
      Map<String, ParameterDefinition> parameters,
      List<LineDefinition> lines) {
    this(id, version, name, assetClass, currency, parameters, lines, DEFAULT_COMPLETE_COVERAGE);
  }

  /**
   * Whether a KPI period covering {@code coveragePercent} of its month leaves the month partial.
   */
  public boolean partial(BigDecimal coveragePercent) {
    return coveragePercent.compareTo(completeCoverage) < 0;
  }

  /** This definition under another id. */
  public ModelDefinition withId(String newId) {
    return new ModelDefinition(
        newId, version, name, assetClass, currency, parameters, lines, completeCoverage);
  }

  /** This definition with another version number. */
  public ModelDefinition withVersion(int newVersion) {
    return new ModelDefinition(
        id, newVersion, name, assetClass, currency, parameters, lines, completeCoverage);
  }

  /** This definition with other parameters. */
  public ModelDefinition withParameters(Map<String, ParameterDefinition> newParameters) {
    return new ModelDefinition(
        id, version, name, assetClass, currency, newParameters, lines, completeCoverage);
  }

  /** This definition with other lines. */
  public ModelDefinition withLines(List<LineDefinition> newLines) {
    return new ModelDefinition(
        id, version, name, assetClass, currency, parameters, newLines, completeCoverage);
  }
}
