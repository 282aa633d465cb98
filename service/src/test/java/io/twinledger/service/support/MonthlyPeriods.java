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
    return new RecordKpiPeriod(
        assetId,
        kpi,
        "MONTH",
        month.atDay(1).atStartOfDay(ZONE).toInstant(),
        month.plusMonths(1).atDay(1).atStartOfDay(ZONE).toInstant(),
        revision,
        Optional.of(value),
        unit,
        new BigDecimal("100"),
        720,
        Map.of("GOOD", 720),
        List.of(evidence),
        Map.of(),
        List.of(),
        Optional.empty(),
        Optional.empty());
  }
}
