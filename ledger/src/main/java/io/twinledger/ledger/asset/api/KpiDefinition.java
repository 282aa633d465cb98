package io.twinledger.ledger.asset.api;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an asset measures and how a contract judges it.
 *
 * @param kpiId identifier unique within the asset, such as {@code nrw-percent}
 * @param unit UN/CEFACT common code of the KPI's canonical unit, such as {@code MTQ} or {@code P1}
 * @param aggregation how readings combine into a period value
 * @param betterDirection which way the KPI improves
 * @param thresholds contractual levels, names unique; may be empty
 */
public record KpiDefinition(
    String kpiId,
    String unit,
    Aggregation aggregation,
    BetterDirection betterDirection,
    List<ContractualThreshold> thresholds) {

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");
  private static final Pattern UNIT = Pattern.compile("[A-Z0-9]{2,3}");

  public KpiDefinition {
    Require.matching(kpiId, ID, "lower case letters, digits, '_', '.' or '-' (max 64)", "kpiId");
    Require.matching(unit, UNIT, "a UN/CEFACT common code such as MTQ or P1", "unit");
    Require.present(aggregation, "aggregation");
    Require.present(betterDirection, "betterDirection");
    thresholds = List.copyOf(Require.present(thresholds, "thresholds"));
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
}
