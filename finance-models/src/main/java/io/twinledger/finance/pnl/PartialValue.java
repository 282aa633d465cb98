package io.twinledger.finance.pnl;

import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/**
 * A month in which a line of an asset's P&amp;L has an amount computed from a partial month: a KPI
 * period it read covers less of the month than the model's complete coverage. The amount is
 * included in the line and the totals, and listed here with the reasons, so that a partial figure
 * is never taken for a complete one.
 *
 * @param assetId the asset
 * @param lineId the model line
 * @param month the partial month
 * @param reasons which KPI periods are partial and by how much, and whether the line's monthly
 *     baselines were prorated to the covered days or the amount is not prorated
 */
public record PartialValue(String assetId, String lineId, YearMonth month, List<String> reasons) {

  public PartialValue {
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(lineId, "lineId");
    Objects.requireNonNull(month, "month");
    reasons = List.copyOf(reasons);
  }
}
