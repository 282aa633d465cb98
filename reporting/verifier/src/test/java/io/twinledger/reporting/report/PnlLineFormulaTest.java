package io.twinledger.reporting.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.reporting.evidence.EvidenceBundle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code pnl-line} re-computes one month of a model line from the model as logged and the KPI
 * period figures, as the P&amp;L projection does: lagged months, partial months with a prorated
 * monthly baseline, rounding to the cent.
 */
class PnlLineFormulaTest {

  private static final String MODEL =
      """
      {"modelId":"m-1","assetIds":["dma-1"],"definition":{"id":"m-1","version":2,\
      "name":"District 1","assetClass":"WATER_DISTRICT","currency":"EUR","completeCoverage":90,\
      "parameters":{"tariff":{"value":1.255,"unit":"EUR/MTQ","description":null,\
      "monthlyBaseline":false},"fee":{"value":300,"unit":"EUR","description":"monthly fee",\
      "monthlyBaseline":true}},"lines":[\
      {"id":"sales","kind":"REVENUE","label":"Water sales","formula":"kpi('volume') * param('tariff')","unit":null},\
      {"id":"late-sales","kind":"REVENUE","label":"Billed a month late","formula":"kpi('volume', lag=1) * param('tariff')","unit":null},\
      {"id":"fee","kind":"OPERATING_COST","label":"Operator fee","formula":"param('fee') + 0 * kpi('volume') * param('tariff')","unit":null},\
      {"id":"volume","kind":"MEMO","label":"Volume","formula":"kpi('volume')","unit":"MTQ"}]},\
      "reason":"tariff"}""";

  private final List<Input> inputs = new ArrayList<>();
  private final Map<String, Object> data = new HashMap<>();
  private final Map<String, Figure> figures = new HashMap<>();

  PnlLineFormulaTest() {
    event("model.m-1.v2", InputKind.MODEL, MODEL);
    event(
        "kpi.dma-1.volume",
        InputKind.KPI_DEFINITION,
        "{\"assetId\":\"dma-1\",\"definition\":{\"kpiId\":\"volume\",\"unit\":\"MTQ\"}}");
    event(
        "asset.dma-1",
        InputKind.ASSET_PARAMETERS,
        "{\"assetId\":\"dma-1\",\"timeZone\":\"Europe/Berlin\"}");
    period("2025-02", "2025-01-31T23:00:00Z", "1000", 2, "100");
    period("2025-03", "2025-02-28T23:00:00Z", "150.5", 1, "50");
  }

  @Test
  void aLineIsItsMonthsAmountRoundedToTheCent() throws Exception {
    assertThat(compute("sales", "2025-03")).isEqualTo("188.88");
    assertThat(compute("late-sales", "2025-03")).isEqualTo("1255.00");
  }

  @Test
  void aPartialMonthProratesTheMonthlyBaseline() throws Exception {
    // March is covered at 50 %: half of the 300 EUR fee.
    assertThat(compute("fee", "2025-03")).isEqualTo("150.00");
    assertThat(compute("fee", "2025-02")).isEqualTo("300.00");
  }

  @Test
  void aMonthWithoutItsPeriodHasNoValue() throws Exception {
    assertThat(compute("sales", "2025-04")).isEqualTo("none");
  }

  @Test
  void aStatedValueMatchesOnlyWhenTheModelGivesIt() throws Exception {
    Figure stated = line("sales", "2025-03", "188.88");
    Figure wrong = line("sales", "2025-03", "190.00");
    PnlLineFormula formula = new PnlLineFormula();
    assertThat(formula.compute(stated, logged())).isEqualTo(stated.value());
    assertThat(formula.compute(wrong, logged())).isNotEqualTo(wrong.value());
    assertThat(wrong.id()).contains("sales");
  }

  @Test
  void aLineTheModelDoesNotHaveOrDoesNotBookIsRefusedByName() {
    assertThatThrownBy(() -> compute("rent", "2025-03"))
        .isInstanceOf(FigureException.class)
        .hasMessageContaining("no line rent");
    assertThatThrownBy(() -> compute("volume", "2025-03"))
        .isInstanceOf(FigureException.class)
        .hasMessageContaining("line volume is a memo line");
  }

  @Test
  void aModelOfAnotherAssetIsRefused() {
    Figure figure =
        new Figure(
            "line.sales.2025-03",
            "Water sales, 2025-03",
            "",
            "EUR",
            PnlLineFormula.NAME,
            Map.of("assetId", "dma-2", "modelId", "m-1", "lineId", "sales", "month", "2025-03"),
            List.of("model.m-1.v2"));
    assertThatThrownBy(() -> new PnlLineFormula().compute(figure, logged()))
        .hasMessageContaining("does not apply model m-1 to dma-2");
  }

  private String compute(String lineId, String month) throws FigureException {
    return new PnlLineFormula().compute(line(lineId, month, ""), logged());
  }

  private Figure line(String lineId, String month, String value) {
    List<String> reads = new ArrayList<>(List.of("model.m-1.v2", "kpi.dma-1.volume"));
    reads.addAll(figures.keySet().stream().sorted().toList());
    return new Figure(
        "line." + lineId + "." + month,
        lineId + ", " + month,
        value,
        "EUR",
        PnlLineFormula.NAME,
        Map.of("assetId", "dma-1", "modelId", "m-1", "lineId", lineId, "month", month),
        reads);
  }

  private LoggedData logged() {
    return new LoggedData(inputs, data, figures::get);
  }

  /** A KPI period figure of volume, as verified: its event, its asset, its re-computed value. */
  private void period(String month, String start, String value, int revision, String coverage) {
    String eventId = "period.dma-1.volume." + month;
    event(
        eventId,
        InputKind.KPI_PERIOD,
        """
        {"assetId":"dma-1","kpiId":"volume","periodKind":"MONTH","periodStart":"%s",\
        "revision":%d,"value":%s,"unit":"MTQ","coveragePercent":%s,"batchDigests":["ab"]}"""
            .formatted(start, revision, value, coverage));
    String id = "kpi.dma-1.volume." + month;
    figures.put(
        id,
        new Figure(
            id,
            "volume, " + month,
            value,
            "MTQ",
            KpiPeriodFormula.NAME,
            Map.of("kpiId", "volume", "observationDate", month + "-01"),
            List.of(eventId, "asset.dma-1")));
  }

  private void event(String id, InputKind kind, String payload) {
    EvidenceBundle.Leaf leaf = new EvidenceBundle.Leaf(inputs.size(), "00", List.of());
    inputs.add(new Input(id, kind, inputs.size(), "00".repeat(32), "/api/v1/audit/leaves"));
    data.put(
        id,
        new EvidenceBundle.Event(
            inputs.size(),
            "e-" + id,
            "Aggregate",
            "dma-1",
            0,
            "Payload",
            "2025-04-01T00:00:00Z",
            Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)),
            "{}",
            leaf));
  }
}
