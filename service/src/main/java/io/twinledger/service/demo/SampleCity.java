package io.twinledger.service.demo;

import io.twinledger.finance.money.Money;
import io.twinledger.ledger.asset.api.Aggregation;
import io.twinledger.ledger.asset.api.BaselineRunoffMethod;
import io.twinledger.ledger.asset.api.BetterDirection;
import io.twinledger.ledger.asset.api.ContractualThreshold;
import io.twinledger.ledger.asset.api.KpiDefinition;
import io.twinledger.ledger.asset.api.PavementType;
import io.twinledger.ledger.asset.api.RegisterAsset;
import io.twinledger.ledger.asset.api.RoadConditionThresholds;
import io.twinledger.ledger.asset.api.RoadSegmentParameters;
import io.twinledger.ledger.asset.api.StormwaterSiteParameters;
import io.twinledger.ledger.asset.api.WaterDistrictParameters;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Riverton, the sample city: one water district, one stormwater site modelled on DC Water's 2016
 * impact bond, and a road corridor of ten 0.1-mile segments as in Virginia's P3 performance
 * requirements. Every figure is a parameter taken from {@code shared/reference}.
 */
public final class SampleCity {

  /** Time zone of every sample asset. */
  public static final String TIME_ZONE = "Europe/Amsterdam";

  private static final int ROAD_SEGMENTS = 10;

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
    return new RegisterAsset(
        "dma-north-hill",
        "North Hill DMA",
        TIME_ZONE,
        parameters,
        List.of(
            kpi("system-input-volume", "MTQ", Aggregation.SUM, BetterDirection.LOWER),
            kpi("real-losses", "MTQ", Aggregation.SUM, BetterDirection.LOWER),
            kpi(
                "nrw-percent",
                "P1",
                Aggregation.LAST,
                BetterDirection.LOWER,
                threshold("baseline", "31"),
                threshold("target", "20")),
            kpi(
                "ili",
                "C62",
                Aggregation.LAST,
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
    return new RegisterAsset(
        "gi-rock-creek-a",
        "Rock Creek green infrastructure, area A",
        TIME_ZONE,
        parameters,
        List.of(
            kpi("rainfall-depth", "MMT", Aggregation.SUM, BetterDirection.HIGHER),
            kpi(
                "runoff-reduction",
                "P1",
                Aggregation.MEAN,
                BetterDirection.HIGHER,
                threshold("underperformance", "18.6"),
                threshold("outperformance", "41.3")),
            kpi(
                "cso-events",
                "C62",
                Aggregation.SUM,
                BetterDirection.LOWER,
                threshold("presumption", "4"))));
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
    String id = String.format("road-a12-s%02d", segment);
    return new RegisterAsset(
        id,
        String.format("A12 corridor, segment %02d", segment),
        TIME_ZONE,
        parameters,
        List.of(
            // IRI in m/km is a slope, i.e. parts per thousand (UN/CEFACT NX).
            kpi(
                "iri",
                "NX",
                Aggregation.MEAN,
                BetterDirection.LOWER,
                threshold("contract-limit", "2.2096")),
            kpi(
                "rut-depth",
                "MMT",
                Aggregation.MAX,
                BetterDirection.LOWER,
                threshold("contract-limit", "19.05")),
            kpi("esal", "C62", Aggregation.SUM, BetterDirection.LOWER)));
  }

  private static KpiDefinition kpi(
      String id,
      String unit,
      Aggregation aggregation,
      BetterDirection better,
      ContractualThreshold... thresholds) {
    return new KpiDefinition(id, unit, aggregation, better, List.of(thresholds));
  }

  private static ContractualThreshold threshold(String name, String value) {
    return new ContractualThreshold(name, new BigDecimal(value));
  }
}
