package io.twinledger.service.twin;

import io.twinledger.ledger.asset.api.AssetParameters;
import io.twinledger.ledger.asset.api.KpiDerivation;
import io.twinledger.ledger.asset.api.StormwaterSiteParameters;
import io.twinledger.ledger.asset.api.WaterDistrictParameters;
import io.twinledger.twin.formula.FormulaCatalog;
import io.twinledger.twin.period.Formula;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Turns the asset register's description of a derived KPI into the twin adapter's formula ({@link
 * FormulaCatalog}), with the asset's parameters and the derivation's parameters filled in. The
 * register has already checked that the formula fits the asset's class.
 */
final class Formulas {

  private Formulas() {}

  static Formula of(KpiDerivation derivation, AssetParameters asset) {
    return FormulaCatalog.of(derivation.formula().name(), derivation.parameters(), values(asset));
  }

  /** The asset's parameters that formulas read, by the names {@link FormulaCatalog} takes. */
  static Map<String, BigDecimal> values(AssetParameters asset) {
    return switch (asset) {
      case WaterDistrictParameters d ->
          Map.of(
              "mainsLengthKm", d.mainsLengthKm(),
              "serviceConnections", BigDecimal.valueOf(d.serviceConnections()),
              "privatePipeLengthKm", d.privatePipeLengthKm(),
              "averagePressureM", d.averagePressureM());
      case StormwaterSiteParameters s -> Map.of("imperviousAreaM2", s.imperviousAreaM2());
      default -> Map.of();
    };
  }
}
