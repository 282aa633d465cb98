package io.twinledger.service.report;

import io.twinledger.reporting.report.Figure;
import io.twinledger.reporting.report.Input;
import io.twinledger.reporting.report.KpiPeriodFormula;
import io.twinledger.reporting.report.Report;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A report's figures as its page shows them: each with what it reads (an input with its audit-log
 * leaf and address, or an earlier figure), and the numeric {@code kpi-period} figures as a table
 * over their months for the chart. It reads the canonical document only; nothing is computed.
 *
 * @param chart the {@code kpi-period} figures by month, one column per series
 */
public record ReportView(Report report, List<FigureRow> figures, KpiChart chart) {

  private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");

  /**
   * A figure with what it reads.
   *
   * @param currency the figure's unit when it is an ISO 4217 currency: the value is money
   * @param numeric whether the value is a plain decimal, shown as a number with its unit
   */
  public record FigureRow(
      Figure figure, boolean numeric, Optional<String> currency, List<Use> uses) {

    /** The fragment id of the figure's row, for links from the figures that read it. */
    public String anchor() {
      return anchor(figure.id());
    }

    static String anchor(String figureId) {
      return "figure-" + figureId;
    }
  }

  /**
   * One thing a figure reads: an input of the report, or an earlier figure (no input).
   *
   * @param id the input's or figure's id
   */
  public record Use(String id, Optional<Input> input) {

    /** The fragment id of the figure read, when it is a figure. */
    public String anchor() {
      return FigureRow.anchor(id);
    }
  }

  /**
   * The chart's table: one row per month, one column per series of {@code kpi-period} figures.
   *
   * @param series the series' names, such as {@code system-input-volume of dma-1 (MTQ)}
   * @param rows each month's values, empty where a series has none
   */
  public record KpiChart(List<String> series, List<ChartRow> rows) {

    public boolean isEmpty() {
      return rows.isEmpty();
    }
  }

  /** A month of the chart, with each series' exact value as plain text. */
  public record ChartRow(YearMonth month, List<Optional<String>> values) {}

  static ReportView of(Report report) {
    List<FigureRow> rows =
        report.figures().stream()
            .map(
                f ->
                    new FigureRow(
                        f,
                        PLAIN_DECIMAL.matcher(f.value()).matches(),
                        currency(f.unit()),
                        f.inputs().stream().map(id -> new Use(id, report.input(id))).toList()))
            .toList();
    return new ReportView(report, rows, chart(report.figures()));
  }

  private static Optional<String> currency(String unit) {
    return Currency.getAvailableCurrencies().stream()
        .map(Currency::getCurrencyCode)
        .filter(unit::equals)
        .findFirst();
  }

  /**
   * The numeric {@code kpi-period} figures by month. A series is a figure's label without its month
   * (BondReports labels them {@code KPI of ASSET, MONTH}) and its unit, so the same KPI of two
   * assets are two series.
   */
  private static KpiChart chart(List<Figure> figures) {
    Map<String, Map<YearMonth, String>> series = new LinkedHashMap<>();
    for (Figure f : figures) {
      String date = f.parameters().get("observationDate");
      if (!f.formula().equals(KpiPeriodFormula.NAME)
          || date == null
          || !PLAIN_DECIMAL.matcher(f.value()).matches()) {
        continue;
      }
      YearMonth month = YearMonth.from(LocalDate.parse(date));
      String label =
          f.label().endsWith(", " + month)
              ? f.label().substring(0, f.label().length() - month.toString().length() - 2)
              : f.label();
      String name = f.unit().isEmpty() ? label : label + " (" + f.unit() + ")";
      series.computeIfAbsent(name, n -> new TreeMap<>()).put(month, f.value());
    }
    TreeSet<YearMonth> months = new TreeSet<>();
    series.values().forEach(values -> months.addAll(values.keySet()));
    List<ChartRow> rows =
        months.stream()
            .map(
                m ->
                    new ChartRow(
                        m,
                        series.values().stream()
                            .map(values -> Optional.ofNullable(values.get(m)))
                            .toList()))
            .toList();
    return new KpiChart(List.copyOf(series.keySet()), rows);
  }
}
