package io.twinledger.ledger.bond.api;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/**
 * One KPI period a determination used, exactly as it was then: the revision, the value and the
 * audit-log leaves (reading batches) that prove it.
 *
 * @param assetId the asset of the register
 * @param kpiId the KPI
 * @param month the monthly period
 * @param revision the period revision used; a later revision disputes the determination
 * @param value the period's value
 * @param leafIndexes the audit-log leaf indexes of the reading batches behind the value
 */
public record PeriodUse(
    String assetId,
    String kpiId,
    YearMonth month,
    int revision,
    BigDecimal value,
    List<Long> leafIndexes) {

  public PeriodUse {
    leafIndexes = List.copyOf(leafIndexes);
  }

  /** The period's address in the evidence API. */
  public String evidenceAddress() {
    return "/api/v1/evidence/kpi-periods?assetId="
        + assetId
        + "&kpiId="
        + kpiId
        + "&kind=MONTH&start="
        + month.atDay(1)
        + "&revision="
        + revision;
  }
}
