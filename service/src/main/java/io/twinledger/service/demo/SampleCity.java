package io.twinledger.service.demo;

import io.twinledger.finance.money.Money;
import io.twinledger.ledger.asset.api.Aggregation;
import io.twinledger.ledger.asset.api.BaselineRunoffMethod;
import io.twinledger.ledger.asset.api.BetterDirection;
import io.twinledger.ledger.asset.api.ContractualThreshold;
import io.twinledger.ledger.asset.api.KpiDefinition;
import io.twinledger.ledger.asset.api.KpiDerivation;
import io.twinledger.ledger.asset.api.KpiFormula;
import io.twinledger.ledger.asset.api.PavementType;
import io.twinledger.ledger.asset.api.RegisterAsset;
import io.twinledger.ledger.asset.api.RoadConditionThresholds;
import io.twinledger.ledger.asset.api.RoadSegmentParameters;
import io.twinledger.ledger.asset.api.StormwaterSiteParameters;
import io.twinledger.ledger.asset.api.WaterDistrictParameters;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Riverton, the sample city: one water district, one stormwater site modelled on DC Water's 2016
 * impact bond, and a road corridor of ten 0.1-mile segments as in Virginia's P3 performance
 * requirements. Every figure is a parameter taken from {@code shared/reference}.
 */
public final class SampleCity {

  /** Time zone of every sample asset. */
  public static final String TIME_ZONE = "Europe/Amsterdam";

  private static final int ROAD_SEGMENTS = 10;

  /** The corridor's weigh-in-motion station is on segment 01. */
  private static final int WEIGH_IN_MOTION_SEGMENT = 1;

  /** 140 in/mi, the Virginia P3 roughness limit, in m/km (140 / 63.36, rounded). */
  private static final String IRI_LIMIT_M_PER_KM = "2.2096";

  private SampleCity() {}

  /** The sample assets with their KPIs, in registration order. */
  public static List<RegisterAsset> assets() {
    List<RegisterAsset> assets = new ArrayList<>();
    assets.add(waterDistrict());
    assets.add(stormwaterSite());
    for (int segment = 1; segment <= ROAD_SEGMENTS; segment++) {
      assets.add(roadSegment(segment));
    }
    return List.copyOf(assets);
  }

  /** The ids of the road segments, in order. */
  public static List<String> roadSegmentIds() {
    List<String> ids = new ArrayList<>();
    for (int segment = 1; segment <= ROAD_SEGMENTS; segment++) {
      ids.add(roadSegmentId(segment));
    }
    return List.copyOf(ids);
  }

  /** The road segment with a weigh-in-motion station, the only one measuring axle loads. */
  public static String weighInMotionSegmentId() {
    return roadSegmentId(WEIGH_IN_MOTION_SEGMENT);
  }

  private static String roadSegmentId(int segment) {
    return String.format("road-a12-s%02d", segment);
  }

  private static RegisterAsset waterDistrict() {
    // 6,200 connections on 42.5 km of mains: above the 5,000 connections and 20 per km for which
    // the UARL coefficients were fitted, at a pressure inside their 25-100 m range.
    var parameters =
        new WaterDistrictParameters(
            new BigDecimal("42.5"),
            6200,
            new BigDecimal("9.3"),
            new BigDecimal("48"),
            Money.of("EUR", "2.35"));
    Map<String, String> balance =
        Map.of(
            "systemInput", "system-input-volume",
            "billed", "billed-consumption",
            "unbilled", "unbilled-authorised",
            "apparent", "apparent-losses");
    Map<String, String> nrw =
        Map.of("systemInput", "system-input-volume", "billed", "billed-consumption");
    return new RegisterAsset(
        "dma-north-hill",
        "North Hill DMA",
        TIME_ZONE,
        parameters,
        List.of(
            measured("system-input-volume", "MTQ", Aggregation.SUM, BetterDirection.LOWER),
            measured("billed-consumption", "MTQ", Aggregation.SUM, BetterDirection.HIGHER),
            measured("unbilled-authorised", "MTQ", Aggregation.SUM, BetterDirection.LOWER),
            measured("apparent-losses", "MTQ", Aggregation.SUM, BetterDirection.LOWER),
            measured("night-flow", "MQH", Aggregation.MEAN, BetterDirection.LOWER),
            derived("nrw-volume", KpiFormula.NRW_VOLUME, nrw, Map.of(), BetterDirection.LOWER),
            derived(
                "nrw-percent",
                KpiFormula.NRW_PERCENT,
                nrw,
                Map.of(),
                BetterDirection.LOWER,
                threshold("baseline", "31"),
                threshold("target", "20")),
            derived(
                "real-losses",
                KpiFormula.REAL_LOSSES_WATER_BALANCE,
                balance,
                Map.of(),
                BetterDirection.LOWER),
            // About 1.7 l/h per connection of legitimate night use; a gravity system whose night
            // pressure is the day's highest, hence a night-day factor below 24 h.
            derived(
                "real-losses-night-flow",
                KpiFormula.REAL_LOSSES_NIGHT_FLOW,
                Map.of("nightFlow", "night-flow"),
                Map.of(
                    "legitimateNightUseM3PerH", new BigDecimal("10.5"),
                    "nightDayFactorH", new BigDecimal("21")),
                BetterDirection.LOWER),
            derived("uarl", KpiFormula.UARL, Map.of(), Map.of(), BetterDirection.LOWER),
            derived(
                "ili",
                KpiFormula.ILI,
                balance,
                Map.of(),
                BetterDirection.LOWER,
                threshold("target", "2.0"))));
  }

  private static RegisterAsset stormwaterSite() {
    // DC Water's consent decree manages 1.2 inches (30.48 mm) of rain; 20 impervious acres.
    var parameters =
        new StormwaterSiteParameters(
            new BigDecimal("80937.128448"),
            new BigDecimal("30.48"),
            BaselineRunoffMethod.PRE_CONSTRUCTION_MONITORING);
    Map<String, String> storms = Map.of("rainfall", "rainfall-depth", "runoff", "runoff-volume");
    // Pre-construction monitoring found 90 % of the rain on impervious area ran off.
    Map<String, BigDecimal> baseline = Map.of("baselineRunoffCoefficient", new BigDecimal("0.9"));
    Map<String, String> overflow = Map.of("overflow", "overflow-volume");
    return new RegisterAsset(
        "gi-rock-creek-a",
        "Rock Creek green infrastructure, area A",
        TIME_ZONE,
        parameters,
        List.of(
            measured("rainfall-depth", "MMT", Aggregation.SUM, BetterDirection.HIGHER),
            measured("runoff-volume", "MTQ", Aggregation.SUM, BetterDirection.LOWER),
            measured("overflow-volume", "MTQ", Aggregation.SUM, BetterDirection.LOWER),
            derived(
                "runoff-reduction",
                KpiFormula.RUNOFF_REDUCTION,
                storms,
                baseline,
                BetterDirection.HIGHER,
                threshold("underperformance", "18.6"),
                threshold("outperformance", "41.3")),
            derived(
                "volume-captured",
                KpiFormula.VOLUME_CAPTURED,
                storms,
                baseline,
                BetterDirection.HIGHER),
            derived(
                "cso-events",
                KpiFormula.CSO_EVENTS,
                overflow,
                Map.of(),
                BetterDirection.LOWER,
                threshold("presumption", "4")),
            derived(
                "cso-volume", KpiFormula.CSO_VOLUME, overflow, Map.of(), BetterDirection.LOWER)));
  }

  private static RegisterAsset roadSegment(int segment) {
    // 23 CFR 490.313 bands: good below 1.50 m/km, poor above 2.68 m/km; rut limit 3/4 inch.
    var parameters =
        new RoadSegmentParameters(
            new BigDecimal("0.160934"),
            2,
            PavementType.ASPHALT,
            new RoadConditionThresholds(
                new BigDecimal("1.50"), new BigDecimal("2.68"), new BigDecimal("19.05")));
    String id = roadSegmentId(segment);
    List<KpiDefinition> kpis = new ArrayList<>();
    // IRI in m/km is a slope, i.e. parts per thousand (UN/CEFACT NX). The P3 limit is 140 in/mi.
    kpis.add(
        measured(
            "iri",
            "NX",
            Aggregation.MEAN,
            BetterDirection.LOWER,
            threshold("contract-limit", IRI_LIMIT_M_PER_KM)));
    kpis.add(
        derived(
            "iri-share-above-limit",
            KpiFormula.IRI_SHARE_ABOVE,
            Map.of("iri", "iri"),
            Map.of("thresholdMPerKm", new BigDecimal(IRI_LIMIT_M_PER_KM)),
            BetterDirection.LOWER));
    kpis.add(
        measured(
            "rut-depth",
            "MMT",
            Aggregation.MAX,
            BetterDirection.LOWER,
            threshold("contract-limit", "19.05")));
    kpis.add(measured("pci", "C62", Aggregation.MEAN, BetterDirection.HIGHER));
    kpis.add(
        derived(
            "pci-condition",
            KpiFormula.PCI_CONDITION,
            Map.of("pci", "pci"),
            Map.of(),
            BetterDirection.HIGHER));
    if (segment == WEIGH_IN_MOTION_SEGMENT) {
      kpis.add(measured("axle-load", "B47", Aggregation.MAX, BetterDirection.LOWER));
      kpis.add(
          derived(
              "esal",
              KpiFormula.ESAL,
              Map.of("axleLoads", "axle-load"),
              Map.of(),
              BetterDirection.LOWER));
    }
    return new RegisterAsset(
        id, String.format("A12 corridor, segment %02d", segment), TIME_ZONE, parameters, kpis);
  }

  private static KpiDefinition measured(
      String id,
      String unit,
      Aggregation aggregation,
      BetterDirection better,
      ContractualThreshold... thresholds) {
    return KpiDefinition.measured(id, unit, aggregation, better, List.of(thresholds));
  }

  private static KpiDefinition derived(
      String id,
      KpiFormula formula,
      Map<String, String> inputs,
      Map<String, BigDecimal> parameters,
      BetterDirection better,
      ContractualThreshold... thresholds) {
    return KpiDefinition.derived(
        id,
        formula.unit(),
        new KpiDerivation(formula, inputs, parameters),
        better,
        List.of(thresholds));
  }

  private static ContractualThreshold threshold(String name, String value) {
    return new ContractualThreshold(name, new BigDecimal(value));
  }
}
