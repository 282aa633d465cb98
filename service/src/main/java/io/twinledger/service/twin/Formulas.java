package io.twinledger.service.twin;

import io.twinledger.ledger.asset.api.AssetParameters;
import io.twinledger.ledger.asset.api.KpiDerivation;
import io.twinledger.ledger.asset.api.StormwaterSiteParameters;
import io.twinledger.ledger.asset.api.WaterDistrictParameters;
import io.twinledger.twin.formula.Esal;
import io.twinledger.twin.formula.IriShareAbove;
import io.twinledger.twin.formula.LeakageIndex;
import io.twinledger.twin.formula.NightFlowRealLosses;
import io.twinledger.twin.formula.NrwPercent;
import io.twinledger.twin.formula.NrwVolume;
import io.twinledger.twin.formula.Overflows;
import io.twinledger.twin.formula.PciCondition;
import io.twinledger.twin.formula.StormRunoff;
import io.twinledger.twin.formula.UarlOverPeriod;
import io.twinledger.twin.formula.WaterBalanceRealLosses;
import io.twinledger.twin.kpi.road.AxleLoadEquivalency;
import io.twinledger.twin.kpi.water.Uarl;
import io.twinledger.twin.period.Formula;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * Turns the asset register's description of a derived KPI into the twin adapter's formula, with the
 * asset's parameters and the derivation's parameters filled in. The register has already checked
 * that the formula fits the asset's class.
 */
final class Formulas {

  private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
  private static final BigDecimal SECONDS_PER_MINUTE = BigDecimal.valueOf(60);

  private Formulas() {}

  static Formula of(KpiDerivation derivation, AssetParameters asset) {
    return switch (derivation.formula()) {
      case NRW_VOLUME -> new NrwVolume();
      case NRW_PERCENT -> new NrwPercent();
      case REAL_LOSSES_WATER_BALANCE -> new WaterBalanceRealLosses();
      case REAL_LOSSES_NIGHT_FLOW ->
          new NightFlowRealLosses(
              derivation.parameter("legitimateNightUseM3PerH"),
              derivation.parameter("nightDayFactorH"));
      case UARL -> new UarlOverPeriod(uarl(asset));
      case ILI -> new LeakageIndex(uarl(asset));
      case RUNOFF_REDUCTION -> storm(StormRunoff.Measure.REDUCTION_PERCENT, derivation, asset);
      case VOLUME_CAPTURED -> storm(StormRunoff.Measure.VOLUME_CAPTURED_M3, derivation, asset);
      case CSO_EVENTS -> overflows(Overflows.Measure.EVENT_COUNT, derivation);
      case CSO_VOLUME -> overflows(Overflows.Measure.VOLUME_M3, derivation);
      case IRI_SHARE_ABOVE -> new IriShareAbove(derivation.parameter("thresholdMPerKm"));
      case PCI_CONDITION -> new PciCondition();
      case ESAL ->
          new Esal(
              new AxleLoadEquivalency(
                  derivation.parameter("standardAxleKn"), derivation.parameter("exponent")));
    };
  }

  private static Uarl uarl(AssetParameters asset) {
    WaterDistrictParameters district = (WaterDistrictParameters) asset;
    return Uarl.of(
        district.mainsLengthKm(),
        district.serviceConnections(),
        district.privatePipeLengthKm(),
        district.averagePressureM());
  }

  private static StormRunoff storm(
      StormRunoff.Measure measure, KpiDerivation derivation, AssetParameters asset) {
    StormwaterSiteParameters site = (StormwaterSiteParameters) asset;
    return new StormRunoff(
        measure,
        site.imperviousAreaM2(),
        derivation.parameter("baselineRunoffCoefficient"),
        hours(derivation.parameter("minimumInterEventHours")),
        derivation.parameter("minimumEventDepthMm"),
        hours(derivation.parameter("drainDownHours")));
  }

  private static Overflows overflows(Overflows.Measure measure, KpiDerivation derivation) {
    return new Overflows(
        measure,
        derivation.parameter("flowThresholdM3PerS"),
        hours(derivation.parameter("minimumInterEventHours")),
        Duration.ofSeconds(
            derivation
                .parameter("readingIntervalMinutes")
                .multiply(SECONDS_PER_MINUTE)
                .longValueExact()));
  }

  /** Whole seconds of a number of hours; a fraction of a second is refused rather than cut. */
  private static Duration hours(BigDecimal hours) {
    return Duration.ofSeconds(hours.multiply(SECONDS_PER_HOUR).longValueExact());
  }
}
