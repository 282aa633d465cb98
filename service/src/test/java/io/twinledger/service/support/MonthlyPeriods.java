package io.twinledger.service.support;

import io.twinledger.ledger.asset.api.RecordKpiPeriod;
import io.twinledger.service.demo.SampleCity;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Closed MONTH KPI periods for tests, cut in the sample city's time zone. */
public final class MonthlyPeriods {

  private static final ZoneId ZONE = ZoneId.of(SampleCity.TIME_ZONE);

  private MonthlyPeriods() {}

  /**
   * The command recording one monthly period, fully covered by good readings.
   *
   * @param evidence the batch digest behind the value
   */
  public static RecordKpiPeriod closed(
      String assetId,
      String kpi,
      YearMonth month,
      int revision,
      BigDecimal value,
      String unit,
      String evidence) {
    return closed(
        assetId,
        kpi,
        month,
        revision,
        value,
        unit,
        evidence,
        new BigDecimal("100"),
        Optional.empty());
  }

  /**
   * The command recording one monthly period covering {@code coveragePercent} of the month, closed
   * again for {@code cause} when it is a revision.
   */
  public static RecordKpiPeriod closed(
      String assetId,
      String kpi,
      YearMonth month,
      int revision,
      BigDecimal value,
      String unit,
      String evidence,
      BigDecimal coveragePercent,
      Optional<String> cause) {
    return new RecordKpiPeriod(
        assetId,
        kpi,
        "MONTH",
        month.atDay(1).atStartOfDay(ZONE).toInstant(),
        month.plusMonths(1).atDay(1).atStartOfDay(ZONE).toInstant(),
        revision,
        Optional.of(value),
        unit,
        coveragePercent,
        720,
        Map.of("GOOD", 720),
        List.of(evidence),
        Map.of(),
        List.of(),
        Optional.empty(),
        cause);
  }
}
