package io.twinledger.twin.formula;

import io.twinledger.twin.kpi.road.AxleLoadEquivalency;
import io.twinledger.twin.kpi.water.Uarl;
import io.twinledger.twin.period.Formula;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The derived KPIs' formulas by name, with their parameters filled in: the one place that turns a
 * recorded derivation into a {@link Formula}, for the period job that closes periods and for the
 * offline verifier that re-computes them.
 *
 * <p>Names are those of the asset register's {@code KpiFormula} ({@code NRW_PERCENT}, {@code
 * RUNOFF_REDUCTION}, …). {@code parameters} are the derivation's, complete with defaults as the
 * register records them; {@code asset} holds the asset's own parameters by their recorded names:
 * {@code mainsLengthKm}, {@code serviceConnections}, {@code privatePipeLengthKm}, {@code
 * averagePressureM} for a water district, {@code imperviousAreaM2} for a stormwater site.
 */
public final class FormulaCatalog {

  private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
  private static final BigDecimal SECONDS_PER_MINUTE = BigDecimal.valueOf(60);

  private FormulaCatalog() {}

  /**
   * The formula named {@code name}.
   *
   * @throws IllegalArgumentException naming what is missing or unknown
   */
  public static Formula of(
      String name, Map<String, BigDecimal> parameters, Map<String, BigDecimal> asset) {
    return switch (name) {
      case "NRW_VOLUME" -> new NrwVolume();
      case "NRW_PERCENT" -> new NrwPercent();
      case "REAL_LOSSES_WATER_BALANCE" -> new WaterBalanceRealLosses();
      case "REAL_LOSSES_NIGHT_FLOW" ->
          new NightFlowRealLosses(
              value(parameters, "legitimateNightUseM3PerH"), value(parameters, "nightDayFactorH"));
      case "UARL" -> new UarlOverPeriod(uarl(asset));
      case "ILI" -> new LeakageIndex(uarl(asset));
      case "RUNOFF_REDUCTION" -> storm(StormRunoff.Measure.REDUCTION_PERCENT, parameters, asset);
      case "VOLUME_CAPTURED" -> storm(StormRunoff.Measure.VOLUME_CAPTURED_M3, parameters, asset);
      case "CSO_EVENTS" -> overflows(Overflows.Measure.EVENT_COUNT, parameters);
      case "CSO_VOLUME" -> overflows(Overflows.Measure.VOLUME_M3, parameters);
      case "IRI_SHARE_ABOVE" -> new IriShareAbove(value(parameters, "thresholdMPerKm"));
      case "PCI_CONDITION" -> new PciCondition();
      case "ESAL" ->
          new Esal(
              new AxleLoadEquivalency(
                  value(parameters, "standardAxleKn"), value(parameters, "exponent")));
      default -> throw new IllegalArgumentException("unknown KPI formula " + name);
    };
  }

  private static Uarl uarl(Map<String, BigDecimal> asset) {
    return Uarl.of(
        value(asset, "mainsLengthKm"),
        value(asset, "serviceConnections").longValueExact(),
        value(asset, "privatePipeLengthKm"),
        value(asset, "averagePressureM"));
  }

  private static StormRunoff storm(
      StormRunoff.Measure measure,
      Map<String, BigDecimal> parameters,
      Map<String, BigDecimal> asset) {
    return new StormRunoff(
        measure,
        value(asset, "imperviousAreaM2"),
        value(parameters, "baselineRunoffCoefficient"),
        hours(value(parameters, "minimumInterEventHours")),
        value(parameters, "minimumEventDepthMm"),
        hours(value(parameters, "drainDownHours")));
  }

  private static Overflows overflows(
      Overflows.Measure measure, Map<String, BigDecimal> parameters) {
    return new Overflows(
        measure,
        value(parameters, "flowThresholdM3PerS"),
        hours(value(parameters, "minimumInterEventHours")),
        Duration.ofSeconds(
            value(parameters, "readingIntervalMinutes")
                .multiply(SECONDS_PER_MINUTE)
                .longValueExact()));
  }

  private static BigDecimal value(Map<String, BigDecimal> values, String name) {
    return Optional.ofNullable(values.get(name))
        .orElseThrow(() -> new IllegalArgumentException("no value given for " + name));
  }

  /** Whole seconds of a number of hours; a fraction of a second is refused rather than cut. */
  private static Duration hours(BigDecimal hours) {
    return Duration.ofSeconds(hours.multiply(SECONDS_PER_HOUR).longValueExact());
  }
}
