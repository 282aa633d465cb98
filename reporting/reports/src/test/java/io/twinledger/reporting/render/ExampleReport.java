package io.twinledger.reporting.render;

import io.twinledger.reporting.report.Figure;
import io.twinledger.reporting.report.Input;
import io.twinledger.reporting.report.InputKind;
import io.twinledger.reporting.report.Report;
import io.twinledger.reporting.report.ReportType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A sustainability-linked bond's KPI report for 2025 as the service would issue it: twelve monthly
 * non-revenue-water periods, two coupon step-up payments decided from them, and their sum. The
 * values are stated, not computed: a rendering must print them as they are.
 */
final class ExampleReport {

  static final String[] MONTHLY = {
    "31", "30.5", "29.75", "31.2", "28", "27.40", "26.9", "27", "25.5", "24.8", "24", "23.25"
  };

  private ExampleReport() {}

  static Report report() {
    return report(UnaryOperator.identity());
  }

  /** The report with each figure passed through {@code change}. */
  static Report report(UnaryOperator<Figure> change) {
    return withFigures(change, Optional.empty(), List.of());
  }

  /** The report with {@code extra} figures after the others. */
  static Report withExtra(List<Figure> extra) {
    return withFigures(UnaryOperator.identity(), Optional.empty(), extra);
  }

  static Report withFigures(
      UnaryOperator<Figure> change, Optional<Report.Replacement> replaces, List<Figure> extra) {
    List<Input> inputs = new ArrayList<>();
    List<Figure> figures = new ArrayList<>();
    inputs.add(
        new Input(
            "definition.nrw-percent",
            InputKind.KPI_DEFINITION,
            3,
            "a1".repeat(32),
            "/api/v1/evidence/leaves/3"));
    inputs.add(
        new Input(
            "terms.slb-north-hill-2030",
            InputKind.BOND_TERMS,
            5,
            "b2".repeat(32),
            "/api/v1/evidence/leaves/5"));
    for (int m = 1; m <= 12; m++) {
      String month = "2025-%02d".formatted(m);
      String period = "period.dma-north-hill.nrw-percent." + month;
      inputs.add(
          new Input(
              period,
              InputKind.KPI_PERIOD,
              100 + m,
              "%064x".formatted(m),
              "/api/v1/evidence/kpi-periods/dma-north-hill/nrw-percent/" + month));
      figures.add(
          new Figure(
              "kpi.nrw-percent." + month,
              "Non-revenue water, " + month,
              MONTHLY[m - 1],
              "P1",
              "kpi-period",
              Map.of("kpiId", "nrw-percent", "observationDate", month + "-01"),
              List.of(period, "definition.nrw-percent")));
    }
    figures.add(
        new Figure(
            "payment.2025-06-30",
            "Coupon step-up, first half",
            "4000.00",
            "USD",
            "bond-payment",
            Map.of("feature", "0", "date", "2025-06-30", "kind", "COUPON", "payer", "ISSUER"),
            List.of(
                "terms.slb-north-hill-2030",
                "kpi.nrw-percent.2025-01",
                "kpi.nrw-percent.2025-06")));
    figures.add(
        new Figure(
            "payment.2025-12-31",
            "Coupon step-up, second half",
            "3300.00",
            "USD",
            "bond-payment",
            Map.of("feature", "0", "date", "2025-12-31", "kind", "COUPON", "payer", "ISSUER"),
            List.of(
                "terms.slb-north-hill-2030",
                "kpi.nrw-percent.2025-07",
                "kpi.nrw-percent.2025-12")));
    figures.add(
        new Figure(
            "payments.2025",
            "Step-up payments in 2025",
            "7300.00",
            "USD",
            "sum",
            Map.of(),
            List.of("payment.2025-06-30", "payment.2025-12-31")));
    figures.addAll(extra);
    return new Report(
        "slb-north-hill-2030-kpi-2025",
        ReportType.SLB_KPI,
        "North Hill water bond: KPI report 2025",
        "slb-north-hill-2030",
        LocalDate.parse("2025-01-01"),
        LocalDate.parse("2026-01-01"),
        "CityFinanceMSP",
        Instant.parse("2026-01-15T09:30:00.250Z"),
        replaces,
        new Report.Provenance("twinledger-service 0.1.0", "c3".repeat(32)),
        figures.stream().map(change).toList(),
        inputs,
        List.of(
            "The KPI is the share of water put into the North Hill district that is not billed.",
            "Each month's value is closed from the district meters' readings; see the inputs."));
  }
}
