package io.twinledger.finance.pnl;

import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/**
 * A month for which a line of an asset's P&amp;L has no amount, and why: the model could not
 * evaluate the line because an input was missing (a KPI without a closed period, a parameter
 * without a value). Statements and totals sum what exists and list these beside the sum, so that a
 * total is never silently absent and never silently final.
 *
 * @param assetId the asset
 * @param lineId the model line
 * @param month the month without a value
 * @param reasons the model's remarks for that month, naming the missing inputs
 */
public record MissingValue(String assetId, String lineId, YearMonth month, List<String> reasons) {

  public MissingValue {
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(lineId, "lineId");
    Objects.requireNonNull(month, "month");
    reasons = List.copyOf(reasons);
  }
}
