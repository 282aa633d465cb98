package io.twinledger.ledger.asset.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The formulas a derived KPI can be computed with, from {@code shared/reference/kpi-formulas.md}.
 * Each formula names the inputs it reads, other KPIs of the same asset and in the units given, the
 * parameters it accepts with their defaults, the unit of its result and the asset class it applies
 * to. The twin adapter computes them; the register only checks that a definition is complete.
 */
public enum KpiFormula {
  /** NRW volume, m³: system input volume − billed authorised consumption. */
  NRW_VOLUME(
      AssetClass.WATER_DISTRICT,
      "MTQ",
      List.of(new Input("systemInput", "MTQ"), new Input("billed", "MTQ")),
      List.of()),
  /** NRW as a percentage of system input volume. */
  NRW_PERCENT(
      AssetClass.WATER_DISTRICT,
      "P1",
      List.of(new Input("systemInput", "MTQ"), new Input("billed", "MTQ")),
      List.of()),
  /**
   * Real losses by the IWA water balance, m³: system input − billed − unbilled authorised −
   * apparent losses.
   */
  REAL_LOSSES_WATER_BALANCE(
      AssetClass.WATER_DISTRICT,
      "MTQ",
      List.of(
          new Input("systemInput", "MTQ"),
          new Input("billed", "MTQ"),
          new Input("unbilled", "MTQ"),
          new Input("apparent", "MTQ")),
      List.of()),
  /**
   * Real losses by minimum night flow analysis, m³: (mean nightly minimum flow − legitimate night
   * use) × night-day factor × days in the period.
   */
  REAL_LOSSES_NIGHT_FLOW(
      AssetClass.WATER_DISTRICT,
      "MTQ",
      List.of(new Input("nightFlow", "MQH")),
      List.of(
          new Parameter("legitimateNightUseM3PerH", Optional.of(BigDecimal.ZERO), false),
          new Parameter("nightDayFactorH", Optional.of(BigDecimal.valueOf(24)), true))),
  /**
   * Unavoidable annual real losses over the period, m³, from the district's mains length,
   * connections, private pipe length and pressure; warns outside the fitted range.
   */
  UARL(AssetClass.WATER_DISTRICT, "MTQ", List.of(), List.of()),
  /**
   * Infrastructure Leakage Index: current annual real losses, by the water balance, / UARL over the
   * same period.
   */
  ILI(
      AssetClass.WATER_DISTRICT,
      "C62",
      List.of(
          new Input("systemInput", "MTQ"),
          new Input("billed", "MTQ"),
          new Input("unbilled", "MTQ"),
          new Input("apparent", "MTQ")),
      List.of()),
  /**
   * Volume-weighted runoff reduction over the period's storm events, percent: (Σ baseline − Σ
   * observed) / Σ baseline. Baseline runoff of an event = coefficient × event depth × impervious
   * area; observed runoff = the outfall volumes from the event's start to its end plus the
   * drain-down time.
   */
  RUNOFF_REDUCTION(
      AssetClass.STORMWATER_SITE,
      "P1",
      List.of(new Input("rainfall", "MMT"), new Input("runoff", "MTQ")),
      StormParameters.LIST),
  /** Volume captured over the period's storm events, m³: Σ baseline − Σ observed runoff. */
  VOLUME_CAPTURED(
      AssetClass.STORMWATER_SITE,
      "MTQ",
      List.of(new Input("rainfall", "MMT"), new Input("runoff", "MTQ")),
      StormParameters.LIST),
  /** Number of combined sewer overflow events that started in the period. */
  CSO_EVENTS(
      AssetClass.STORMWATER_SITE,
      "C62",
      List.of(new Input("overflow", "MTQ")),
      OverflowParameters.LIST),
  /** Combined sewer overflow volume of the period's events, m³. */
  CSO_VOLUME(
      AssetClass.STORMWATER_SITE,
      "MTQ",
      List.of(new Input("overflow", "MTQ")),
      OverflowParameters.LIST),
  /**
   * Share of the segment's length whose IRI is strictly above a threshold, percent. Each sensor is
   * one equal-length section; its latest reading in the period counts.
   */
  IRI_SHARE_ABOVE(
      AssetClass.ROAD_SEGMENT,
      "P1",
      List.of(new Input("iri", "NX")),
      List.of(new Parameter("thresholdMPerKm", Optional.empty(), true))),
  /** Mean PCI of the period, with its ASTM D6433 band as the classification. */
  PCI_CONDITION(AssetClass.ROAD_SEGMENT, "C62", List.of(new Input("pci", "C62")), List.of()),
  /** Equivalent single axle loads: Σ over axles (load / standard axle)^exponent. */
  ESAL(
      AssetClass.ROAD_SEGMENT,
      "C62",
      List.of(new Input("axleLoads", "B47")),
      List.of(
          new Parameter("standardAxleKn", Optional.of(BigDecimal.valueOf(80)), true),
          new Parameter("exponent", Optional.of(BigDecimal.valueOf(4)), true)));

  private final AssetClass assetClass;
  private final String unit;
  private final List<Input> inputs;
  private final List<Parameter> parameters;

  KpiFormula(AssetClass assetClass, String unit, List<Input> inputs, List<Parameter> parameters) {
    this.assetClass = assetClass;
    this.unit = unit;
    this.inputs = inputs;
    this.parameters = parameters;
  }

  /** The asset class whose parameters and readings the formula uses. */
  public AssetClass assetClass() {
    return assetClass;
  }

  /** UN/CEFACT code of the result's unit; the KPI must be defined in it. */
  public String unit() {
    return unit;
  }

  /** The inputs the formula reads, each bound by role to a KPI of the asset. */
  public List<Input> inputs() {
    return inputs;
  }

  /** The parameters the formula accepts. */
  public List<Parameter> parameters() {
    return parameters;
  }

  /**
   * An input of a formula.
   *
   * @param role the name a derivation binds a KPI id to
   * @param unit UN/CEFACT code the bound KPI must be defined in
   */
  public record Input(String role, String unit) {}

  /**
   * A parameter of a formula.
   *
   * @param name the name in a derivation's parameters
   * @param defaultValue used when the derivation does not set it; empty means it is required
   * @param positive whether the value must be greater than zero, rather than zero or more
   */
  public record Parameter(String name, Optional<BigDecimal> defaultValue, boolean positive) {}

  /** Shared by the storm-event formulas. */
  private static final class StormParameters {
    static final List<Parameter> LIST =
        List.of(
            // All rain on impervious area runs off: the design assumption, unless calibrated.
            new Parameter("baselineRunoffCoefficient", Optional.of(BigDecimal.ONE), true),
            new Parameter("minimumInterEventHours", Optional.of(BigDecimal.valueOf(6)), true),
            // 0.1 inch, the usual cut-off below which a storm produces no measurable runoff.
            new Parameter("minimumEventDepthMm", Optional.of(new BigDecimal("2.54")), false),
            new Parameter("drainDownHours", Optional.of(BigDecimal.valueOf(12)), false));
  }

  /** Shared by the overflow formulas. */
  private static final class OverflowParameters {
    static final List<Parameter> LIST =
        List.of(
            new Parameter("flowThresholdM3PerS", Optional.of(BigDecimal.ZERO), false),
            new Parameter("minimumInterEventHours", Optional.of(BigDecimal.valueOf(24)), true),
            new Parameter("readingIntervalMinutes", Optional.of(BigDecimal.valueOf(5)), true));
  }
}
