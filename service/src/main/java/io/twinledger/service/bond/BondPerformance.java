package io.twinledger.service.bond;

import io.twinledger.finance.bond.terms.AvailabilityPayment;
import io.twinledger.finance.bond.terms.BondTerms;
import io.twinledger.finance.bond.terms.CouponStepUp;
import io.twinledger.finance.bond.terms.OutcomeTiers;
import io.twinledger.finance.bond.terms.Party;
import io.twinledger.finance.bond.terms.PerUnitPayment;
import io.twinledger.finance.bond.terms.PerformanceFeature;
import io.twinledger.finance.bond.terms.Tier;
import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.ledger.asset.projection.AssetView;
import io.twinledger.ledger.asset.projection.KpiPeriodView;
import io.twinledger.ledger.asset.projection.KpiPeriods;
import io.twinledger.ledger.bond.api.PeriodUse;
import io.twinledger.ledger.bond.projection.BondView;
import io.twinledger.reporting.evidence.export.EvidenceExport;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The performance behind a bond: for each feature, its KPI's monthly periods so far (latest
 * revision) against the feature's thresholds, each with whether it is proven and its evidence
 * address. What investors and auditors read before and after a payment.
 */
public class BondPerformance {

  private final AssetCatalog assets;
  private final KpiPeriods periods;
  private final EvidenceExport evidence;

  public BondPerformance(AssetCatalog assets, KpiPeriods periods, EvidenceExport evidence) {
    this.assets = assets;
    this.periods = periods;
    this.evidence = evidence;
  }

  /** One feature and its KPI's periods. */
  public record Feature(
      int feature,
      String type,
      String assetId,
      List<String> kpis,
      List<Threshold> thresholds,
      List<Point> periods) {}

  /**
   * A line the KPI is judged against.
   *
   * @param meaning what crossing it does, in words
   */
  public record Threshold(String name, BigDecimal value, String meaning) {}

  /** One monthly period of a feature's KPI. */
  public record Point(
      String kpiId,
      YearMonth month,
      int revision,
      Optional<BigDecimal> value,
      String unit,
      boolean proven,
      String evidence) {}

  /** Every feature of the bond, with its KPI periods from the issue date up to now. */
  public List<Feature> of(BondView bond) {
    BondTerms terms = BondPayouts.terms(bond);
    List<Feature> features = new ArrayList<>();
    for (int i = 0; i < terms.features().size(); i++) {
      PerformanceFeature feature = terms.features().get(i);
      Optional<AssetView> asset = feature.asset().flatMap(assets::find);
      List<Point> points = asset.map(a -> points(terms, feature, a)).orElse(List.of());
      features.add(
          new Feature(
              i,
              feature.type(),
              feature.asset().orElse(""),
              feature.kpis(),
              thresholds(feature),
              points));
    }
    return features;
  }

  private List<Point> points(BondTerms terms, PerformanceFeature feature, AssetView asset) {
    ZoneId zone = ZoneId.of(asset.timeZone());
    Instant from = terms.issueDate().minusYears(2).atStartOfDay(zone).toInstant();
    Instant to = terms.maturity().plusMonths(1).atStartOfDay(zone).toInstant();
    List<KpiPeriodView> closed = new ArrayList<>();
    for (String kpi : feature.kpis()) {
      closed.addAll(periods.of(asset.assetId(), kpi, Optional.of("MONTH"), from, to, false));
    }
    Set<KpiPeriodView> proven = evidence.proven(closed);
    return closed.stream()
        .map(
            p -> {
              YearMonth month = YearMonth.from(p.periodStart().atZone(zone));
              return new Point(
                  p.kpiId(),
                  month,
                  p.revision(),
                  p.value(),
                  p.unit(),
                  proven.contains(p),
                  new PeriodUse(
                          asset.assetId(),
                          p.kpiId(),
                          month,
                          p.revision(),
                          p.value().orElse(BigDecimal.ZERO),
                          List.of())
                      .evidenceAddress());
            })
        .toList();
  }

  private static List<Threshold> thresholds(PerformanceFeature feature) {
    return switch (feature) {
      case OutcomeTiers tiers -> {
        List<Threshold> lines = new ArrayList<>();
        for (int t = 0; t < tiers.tiers().size(); t++) {
          Tier tier = tiers.tiers().get(t);
          String pays =
              (tier.payer() == Party.ISSUER ? "the issuer pays " : "the investors pay ")
                  + tier.amount().toPlainString();
          int n = t + 1;
          tier.lower()
              .ifPresent(
                  v ->
                      lines.add(
                          new Threshold(
                              "tier " + n + " lower",
                              v,
                              (tier.lowerInclusive() ? "at or above" : "above") + ": " + pays)));
          tier.upper()
              .ifPresent(
                  v ->
                      lines.add(
                          new Threshold(
                              "tier " + n + " upper",
                              v,
                              (tier.upperInclusive() ? "at or below" : "below") + ": " + pays)));
        }
        yield lines;
      }
      case CouponStepUp stepUp ->
          List.of(
              new Threshold(
                  "target",
                  stepUp.target(),
                  "missed ("
                      + stepUp.better().name().toLowerCase()
                      + " is better): coupon +"
                      + stepUp.stepBp()
                      + " bp"));
      case PerUnitPayment perUnit ->
          List.of(
              new Threshold(
                  "baseline",
                  perUnit.baseline(),
                  "each unit of improvement pays " + perUnit.amountPerUnit().toPlainString()));
      case AvailabilityPayment availability -> List.of();
    };
  }
}
