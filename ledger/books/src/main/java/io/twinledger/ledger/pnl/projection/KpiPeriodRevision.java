package io.twinledger.ledger.pnl.projection;

import java.time.YearMonth;
import java.util.Objects;

/**
 * A revision of a monthly KPI period, as the cause of a P&amp;L revision.
 *
 * @param kpiId the KPI
 * @param month the period's month, cut in the asset's time zone
 * @param revision the period's revision: 1 for its first close, higher when it was closed again
 */
public record KpiPeriodRevision(String kpiId, YearMonth month, int revision) {

  public KpiPeriodRevision {
    Objects.requireNonNull(kpiId, "kpiId");
    Objects.requireNonNull(month, "month");
  }
}
