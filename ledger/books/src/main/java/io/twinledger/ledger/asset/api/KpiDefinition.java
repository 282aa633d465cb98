package io.twinledger.ledger.asset.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an asset measures and how a contract judges it. A KPI is either <em>measured</em>, its
 * period value aggregated from the readings mapped to it, or <em>derived</em>, computed by a
 * formula from measured KPIs of the same asset; exactly one of {@code aggregation} and {@code
 * derivation} is present.
 *
 * @param kpiId identifier unique within the asset, such as {@code nrw-percent}
 * @param unit UN/CEFACT common code of the KPI's canonical unit, such as {@code MTQ} or {@code P1}
 * @param aggregation for a measured KPI, how readings combine into a period value
 * @param betterDirection which way the KPI improves
 * @param thresholds contractual levels, names unique; may be empty or left out
 * @param derivation for a derived KPI, its formula, inputs and parameters
 */
public record KpiDefinition(
    String kpiId,
    String unit,
    Optional<Aggregation> aggregation,
    BetterDirection betterDirection,
    List<ContractualThreshold> thresholds,
    Optional<KpiDerivation> derivation) {

  /** A KPI id: lower-case, without a slash, so that it can end a period series id. */
  static final Pattern ID = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

  private static final Pattern UNIT = Pattern.compile("[A-Z0-9]{2,3}");

  public KpiDefinition {
    Require.matching(kpiId, ID, "lower case letters, digits, '_', '.' or '-' (max 64)", "kpiId");
    Require.matching(unit, UNIT, "a UN/CEFACT common code such as MTQ or P1", "unit");
    // Events recorded before derived KPIs existed carry no derivation.
    aggregation = aggregation == null ? Optional.empty() : aggregation;
    derivation = derivation == null ? Optional.empty() : derivation;
    if (aggregation.isPresent() == derivation.isPresent()) {
      throw new InvalidFieldException(
          aggregation.isPresent() ? "derivation" : "aggregation",
          "exactly one of aggregation (a measured KPI) and derivation (a derived KPI) is required");
    }
    derivation.ifPresent(
        d -> {
          if (!d.formula().unit().equals(unit)) {
            throw new InvalidFieldException(
                "unit", d.formula() + " gives a result in " + d.formula().unit() + ", not " + unit);
          }
          if (d.inputs().containsValue(kpiId)) {
            throw new InvalidFieldException("derivation.inputs", "must not include the KPI itself");
          }
        });
    Require.present(betterDirection, "betterDirection");
    thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < thresholds.size(); i++) {
      ContractualThreshold threshold = thresholds.get(i);
      if (threshold == null) {
        throw new InvalidFieldException("thresholds[" + i + "]", "must not be null");
      }
      if (!names.add(threshold.name())) {
        throw new InvalidFieldException(
            "thresholds[" + i + "].name", "duplicates threshold '" + threshold.name() + "'");
      }
    }
  }

  /** A KPI aggregated from its own readings. */
  public static KpiDefinition measured(
      String kpiId,
      String unit,
      Aggregation aggregation,
      BetterDirection betterDirection,
      List<ContractualThreshold> thresholds) {
    return new KpiDefinition(
        kpiId,
        unit,
        Optional.of(Require.present(aggregation, "aggregation")),
        betterDirection,
        thresholds,
        Optional.empty());
  }

  /** A KPI computed by a formula from other KPIs of the asset. */
  public static KpiDefinition derived(
      String kpiId,
      String unit,
      KpiDerivation derivation,
      BetterDirection betterDirection,
      List<ContractualThreshold> thresholds) {
    return new KpiDefinition(
        kpiId,
        unit,
        Optional.empty(),
        betterDirection,
        thresholds,
        Optional.of(Require.present(derivation, "derivation")));
  }

  /** Whether the KPI is computed by a formula rather than aggregated from its readings. */
  @JsonIgnore
  public boolean isDerived() {
    return derivation.isPresent();
  }
}
