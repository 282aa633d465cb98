package io.twinledger.finance.model;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/** Builds KPI observations for tests; evidence digests are short fake hex strings. */
final class Observations {

  private Observations() {}

  static KpiObservation observed(
      String kpi, String month, int revision, String value, String unit, String... evidence) {
    return new KpiObservation(
        kpi,
        YearMonth.parse(month),
        revision,
        Optional.of(new BigDecimal(value)),
        unit,
        List.of(evidence));
  }

  static KpiObservation withoutValue(String kpi, String month, int revision, String unit) {
    return new KpiObservation(
        kpi, YearMonth.parse(month), revision, Optional.empty(), unit, List.of());
  }
}
