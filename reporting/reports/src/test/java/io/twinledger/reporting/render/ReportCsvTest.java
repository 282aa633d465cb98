package io.twinledger.reporting.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.reporting.report.Figure;
import io.twinledger.reporting.report.Report;
import io.twinledger.reporting.report.ReportJson;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class ReportCsvTest {

  @Test
  void oneRowPerFigureWithTheValuesAsStated() throws IOException {
    Report report = ExampleReport.report();

    List<CSVRecord> rows = parse(ReportCsv.write(report));

    assertThat(rows.getFirst().values()).containsExactly(ReportCsv.HEADER.split(","));
    List<CSVRecord> figures = rows.subList(1, rows.size());
    assertThat(figures).hasSize(report.figures().size());
    for (int i = 0; i < figures.size(); i++) {
      Figure figure = report.figures().get(i);
      assertThat(figures.get(i).values())
          .containsExactly(
              figure.id(),
              figure.label(),
              figure.value(),
              figure.unit(),
              figure.formula(),
              figure.parameters().entrySet().stream()
                  .map(e -> e.getKey() + "=" + e.getValue())
                  .collect(Collectors.joining(";")),
              String.join(";", figure.inputs()));
    }
    CSVRecord payment = figures.get(12);
    assertThat(payment.get(2)).isEqualTo("4000.00");
    assertThat(payment.get(5)).isEqualTo("date=2025-06-30;feature=0;kind=COUPON;payer=ISSUER");
    assertThat(figures.getFirst().get(2)).isEqualTo("31");
    assertThat(figures.get(5).get(2)).isEqualTo("27.40");
    assertThat(figures.getLast().get(2)).isEqualTo("7300.00");
  }

  @Test
  void isUtf8WithCrlfLineEnds() {
    String csv = text(ReportCsv.write(ExampleReport.report()));

    assertThat(csv).startsWith(ReportCsv.HEADER + "\r\n").endsWith("\r\n");
    assertThat(csv.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
  }

  @Test
  void quotesCommasQuotesAndLineBreaks() throws IOException {
    Report report =
        ExampleReport.withExtra(
            List.of(figure("tier", "Tier, as \"agreed\"\r\nin the terms ≤ 中", "met", "")));

    byte[] bytes = ReportCsv.write(report);

    assertThat(text(bytes))
        .contains("tier,\"Tier, as \"\"agreed\"\"\r\nin the terms ≤ 中\",met,,kpi-period,");
    assertThat(parse(bytes).getLast().get(1)).isEqualTo("Tier, as \"agreed\"\r\nin the terms ≤ 中");
  }

  @Test
  void aCellASpreadsheetWouldRunIsWrittenInert() throws IOException {
    Report report =
        ExampleReport.withExtra(
            List.of(
                figure("=cmd", "=HYPERLINK(\"http://evil.example\")", "+1+2", "@SUM(A1)"),
                figure("minus", "-2+3", "-12.5", "\tP1"),
                figure("cr", "\rlabel", "-", "-1e5")));

    List<CSVRecord> rows = parse(ReportCsv.write(report));

    CSVRecord formula = rows.get(rows.size() - 3);
    assertThat(formula.get(0)).isEqualTo("'=cmd");
    assertThat(formula.get(1)).isEqualTo("'=HYPERLINK(\"http://evil.example\")");
    assertThat(formula.get(2)).isEqualTo("'+1+2");
    assertThat(formula.get(3)).isEqualTo("'@SUM(A1)");
    CSVRecord minus = rows.get(rows.size() - 2);
    assertThat(minus.get(1)).isEqualTo("'-2+3");
    assertThat(minus.get(2)).as("a plain decimal is a number").isEqualTo("-12.5");
    assertThat(minus.get(3)).isEqualTo("'\tP1");
    CSVRecord cr = rows.getLast();
    assertThat(cr.get(1)).isEqualTo("'\rlabel");
    assertThat(cr.get(2)).isEqualTo("'-");
    assertThat(cr.get(3)).as("an exponent is no plain decimal").isEqualTo("'-1e5");
  }

  @Test
  void aChangedValueChangesTheCsv() {
    Report changed =
        ExampleReport.report(
            f ->
                f.id().equals("payment.2025-06-30")
                    ? new Figure(
                        f.id(),
                        f.label(),
                        "4000.01",
                        f.unit(),
                        f.formula(),
                        f.parameters(),
                        f.inputs())
                    : f);

    assertThat(text(ReportCsv.write(changed))).contains(",4000.01,").doesNotContain(",4000.00,");
    assertThat(ReportCsv.write(changed)).isNotEqualTo(ReportCsv.write(ExampleReport.report()));
  }

  @Test
  void theFileNameCarriesTheReportsIdentity() {
    Report report = ExampleReport.report();

    assertThat(ReportCsv.fileName(report))
        .isEqualTo(
            "slb-north-hill-2030-kpi-2025_slb-kpi_2025-01-01_2026-01-01_CityFinanceMSP_sha256-"
                + ReportJson.sha256(report)
                + ".csv");
  }

  private static Figure figure(String id, String label, String value, String unit) {
    return new Figure(id, label, value, unit, "kpi-period", Map.of(), List.of());
  }

  private static List<CSVRecord> parse(byte[] csv) throws IOException {
    return CSVFormat.RFC4180.parse(new StringReader(text(csv))).getRecords();
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
