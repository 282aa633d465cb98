package io.twinledger.service.pnl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twinledger.finance.model.ModelDefinitions;
import io.twinledger.finance.model.Templates;
import io.twinledger.ledger.pnl.projection.PnlProjection;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.JsonNumbers;
import io.twinledger.service.support.MonthlyPeriods;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.support.WaterPnl;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Models and P&amp;L over real HTTP against a real PostgreSQL: KPI periods recorded on the asset
 * flow through the P&amp;L projection into statements whose lines drill down to the KPI periods and
 * evidence behind them.
 */
@OnEmbeddedDb
class ModelPnlApiTest {

  static final String OFFICER = "officer";

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired CommandGateway commands;
  @Autowired JdbcClient jdbc;
  @Autowired EventProcessingConfiguration processing;

  Api api;

  @BeforeEach
  void connect() {
    api = new Api(port, json);
  }

  @Test
  void aDefinedModelComputesStatementsThatDrillDownToKpiPeriodsAndEvidence() {
    String asset = waterDistrict();
    close(asset, "nrw-volume", 1, 1, "10000", 'a');
    close(asset, "real-losses", 1, 1, "6000", 'b');
    close(asset, "nrw-volume", 2, 1, "11000", 'c');
    close(asset, "real-losses", 2, 1, "6500", 'd');

    var defined = api.post("/api/v1/models", OFFICER, waterModel("water-" + asset, asset));
    assertThat(defined.status()).as(defined.body()).isEqualTo(201);
    assertThat(defined.json().get("version").asInt()).isEqualTo(1);

    JsonNode monthly = awaitStatements(asset, "MONTH", 2);
    JsonNode january = monthly.get("statements").get(0);
    assertThat(january.get("period").asString()).isEqualTo("2026-01");
    // (12000 - 10000) m³ × 2.35 EUR/m³; 6000 m³ × 0.40; 2000 m³ × 0.80
    assertThat(amount(january, "recovered-revenue")).isEqualByComparingTo("4700.00");
    assertThat(amount(january, "real-losses-cost")).isEqualByComparingTo("2400.00");
    assertThat(amount(january, "contractor-payment")).isEqualByComparingTo("1600.00");
    assertThat(january.get("totals").get("netResult").decimalValue())
        .isEqualByComparingTo("700.00");

    JsonNode year = awaitStatements(asset, "YEAR", 1).get("statements").get(0);
    assertThat(year.get("period").asString()).isEqualTo("2026");
    assertThat(year.get("complete").asBoolean()).isFalse();
    // February: 1000 × 2.35 − 6500 × 0.40 − 1000 × 0.80 = −1050
    assertThat(year.get("totals").get("netResult").decimalValue()).isEqualByComparingTo("-350.00");

    JsonNode portfolio =
        api.get("/api/v1/pnl/portfolio?assets=" + asset + "&period=YEAR", "investor").json();
    assertThat(portfolio.get("assets").get(0).asString()).isEqualTo(asset);
    JsonNode portfolioYear = portfolio.get("statements").get(0);
    assertThat(portfolioYear.get("period").asString()).isEqualTo("2026");
    assertThat(portfolioYear.get("totals").get("netResult").decimalValue())
        .isEqualByComparingTo("-350.00");
    assertThat(portfolioYear.get("assets").get(0).get("totals").get("income").decimalValue())
        .isEqualByComparingTo("7050.00");

    JsonNode drill =
        api.get(line(year, "recovered-revenue").get("drillDown").asString(), "auditor").json();
    assertThat(drill.get("amount").decimalValue()).isEqualByComparingTo("7050.00");
    assertThat(drill.get("formula").asString())
        .isEqualTo("line('recovered-volume') * param('tariff')");
    assertThat(drill.get("parameters").toString()).contains("\"tariff\"", "2.35");
    JsonNode kpis = drill.get("kpiPeriods");
    assertThat(kpis).hasSize(2);
    assertThat(kpis.get(0).get("kpiId").asString()).isEqualTo("nrw-volume");
    assertThat(kpis.get(0).get("month").asString()).isEqualTo("2026-01");
    assertThat(kpis.get(0).get("revision").asInt()).isEqualTo(1);
    assertThat(kpis.get(0).get("evidence").get(0).get("digest").asString())
        .isEqualTo("a".repeat(64));
    assertThat(kpis.get(0).get("evidenceBundle").asString())
        .contains("assetId=" + asset, "kpiId=nrw-volume", "kind=MONTH", "revision=1");
    var period = api.get(kpis.get(0).get("period").asString(), "auditor");
    assertThat(period.status()).isEqualTo(200);
    assertThat(period.json().get(0).get("value").decimalValue()).isEqualByComparingTo("10000");
    assertThat(drill.get("months")).hasSize(2);
  }

  /**
   * A month whose real losses never closed: the year and portfolio totals still sum what exists,
   * say they are not complete, and name the line month left out with the model's reason.
   */
  @Test
  void totalsSumWhatExistsAndNameEachMonthTheyLeaveOut() {
    String asset = waterDistrict();
    close(asset, "nrw-volume", 1, 1, "10000", 'a');
    close(asset, "real-losses", 1, 1, "6000", 'b');
    close(asset, "nrw-volume", 2, 1, "11000", 'c');
    api.post("/api/v1/models", OFFICER, waterModel("water-" + asset, asset));

    JsonNode year = awaitStatements(asset, "YEAR", 1).get("statements").get(0);

    JsonNode totals = year.get("totals");
    assertThat(totals.isObject()).as(year.toString()).isTrue();
    assertThat(totals.get("complete").asBoolean()).isFalse();
    // Income: (12000 − 10000) × 2.35 + (12000 − 11000) × 2.35 = 7050.00; costs: January's
    // 6000 × 0.40 and the contractor's 2000 × 0.80 + 1000 × 0.80; February's real-losses cost is
    // missing and left out.
    assertThat(totals.get("income").decimalValue()).isEqualByComparingTo("7050.00");
    assertThat(totals.get("costs").decimalValue()).isEqualByComparingTo("4800.00");
    JsonNode missing = totals.get("missing");
    assertThat(missing).hasSize(1);
    assertThat(missing.get(0).get("assetId").asString()).isEqualTo(asset);
    assertThat(missing.get(0).get("lineId").asString()).isEqualTo("real-losses-cost");
    assertThat(missing.get(0).get("month").asString()).isEqualTo("2026-02");
    assertThat(missing.get(0).get("reasons").get(0).asString()).contains("real-losses");
    JsonNode cost = line(year, "real-losses-cost");
    assertThat(cost.get("amount").decimalValue()).isEqualByComparingTo("2400.00");
    assertThat(cost.get("complete").asBoolean()).isFalse();
    assertThat(cost.get("missing")).isEqualTo(missing);

    JsonNode portfolio =
        api.get("/api/v1/pnl/portfolio?assets=" + asset + "&period=YEAR", "investor").json();
    JsonNode portfolioTotals = portfolio.get("statements").get(0).get("totals");
    assertThat(portfolioTotals.get("netResult").decimalValue()).isEqualByComparingTo("2250.00");
    assertThat(portfolioTotals.get("complete").asBoolean()).isFalse();
    assertThat(portfolioTotals.get("missing")).isEqualTo(missing);
  }

  @Test
  void aLateRevisionAndAModelRevisionChangeTheStatementsVisiblyWithTheirCause() {
    String asset = waterDistrict();
    String model = "water-" + asset;
    close(asset, "nrw-volume", 3, 1, "10000", 'a');
    close(asset, "real-losses", 3, 1, "6000", 'b');
    api.post("/api/v1/models", OFFICER, waterModel(model, asset));
    awaitStatements(asset, "MONTH", 1);

    close(asset, "nrw-volume", 3, 2, "9000", 'e');
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(amount(statements(asset, "MONTH").get(0), "recovered-revenue"))
                    .isEqualByComparingTo("7050.00"));

    String revised =
        waterModel(model, asset)
            .replace("\"value\" : 2.35", "\"value\" : 2.50")
            .replaceFirst("\\{", "{\"reason\": \"tariff rise\", \"expectedVersion\": 1,");
    var answer = api.put("/api/v1/models/" + model, OFFICER, revised);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().get("version").asInt()).isEqualTo(2);
    assertThat(api.put("/api/v1/models/" + model, OFFICER, revised).status())
        .as("a change against a stale version is refused")
        .isEqualTo(409);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(amount(statements(asset, "MONTH").get(0), "recovered-revenue"))
                    .isEqualByComparingTo("7500.00"));

    JsonNode revisions = api.get("/api/v1/pnl/assets/" + asset + "/revisions", "auditor").json();
    List<String> causes =
        revisions.get("revisions").valueStream().map(r -> r.get("cause").asString()).toList();
    assertThat(causes)
        .containsExactly(
            "model " + model + " version 1 defined",
            "KPI nrw-volume 2026-03 revision 2: late readings (revision 2)",
            "model " + model + " revised to version 2: tariff rise");
    JsonNode late = revisions.get("revisions").get(1);
    JsonNode revenue =
        late.get("changes")
            .valueStream()
            .filter(c -> c.get("lineId").asString().equals("recovered-revenue"))
            .findFirst()
            .orElseThrow();
    assertThat(revenue.get("before").decimalValue()).isEqualByComparingTo("4700");
    assertThat(revenue.get("after").decimalValue()).isEqualByComparingTo("7050");
    JsonNode drill =
        api.get("/api/v1/pnl/assets/" + asset + "/lines/recovered-revenue?period=2026-03", OFFICER)
            .json();
    assertThat(drill.get("modelVersion").asInt()).isEqualTo(2);
    assertThat(drill.get("kpiPeriods").get(0).get("revision").asInt()).isEqualTo(2);
    assertThat(drill.get("revisions")).hasSize(3);
    assertThat(
            api.get("/api/v1/models/" + model + "/versions", "auditor")
                .json()
                .get(1)
                .get("reason")
                .asString())
        .isEqualTo("tariff rise");
  }

  /**
   * A correction closes January again with its cause; February's readings cover half the month. The
   * model's revisions show the correction's cause and each line before and after; February is
   * partial on its lines and in the totals, with the 12,000 m³ baseline prorated to 14 of 28 days.
   */
  @Test
  void aCorrectionShowsItsCauseAndAPartialMonthSaysWhatIsPartial() {
    String asset = waterDistrict();
    String model = "water-" + asset;
    close(asset, "nrw-volume", 1, 1, "10000", 'a');
    close(asset, "real-losses", 1, 1, "6000", 'b');
    commands.sendAndWait(
        MonthlyPeriods.closed(
            asset,
            "nrw-volume",
            YearMonth.of(2026, 2),
            1,
            new BigDecimal("5000"),
            "MTQ",
            "c".repeat(64),
            new BigDecimal("50"),
            Optional.empty()));
    close(asset, "real-losses", 2, 1, "3000", 'd');
    api.post("/api/v1/models", OFFICER, waterModel(model, asset));
    awaitStatements(asset, "MONTH", 2);

    commands.sendAndWait(
        MonthlyPeriods.closed(
            asset,
            "nrw-volume",
            YearMonth.of(2026, 1),
            2,
            new BigDecimal("11000"),
            "MTQ",
            "e".repeat(64),
            new BigDecimal("100"),
            Optional.of("correction c-9 by officer: meter 4 read twice")));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(amount(statements(asset, "MONTH").get(0), "recovered-revenue"))
                    .isEqualByComparingTo("2350.00"));

    JsonNode revisions =
        api.get("/api/v1/pnl/models/" + model + "/revisions?from=2026-01&to=2026-01", "auditor")
            .json();
    assertThat(revisions.get("modelId").asString()).isEqualTo(model);
    JsonNode correction = revisions.get("revisions").get(1);
    assertThat(correction.get("assetId").asString()).isEqualTo(asset);
    assertThat(correction.get("cause").asString())
        .isEqualTo(
            "KPI nrw-volume 2026-01 revision 2: correction c-9 by officer: meter 4 read twice");
    assertThat(correction.get("kpiPeriod").get("kpiId").asString()).isEqualTo("nrw-volume");
    assertThat(correction.get("kpiPeriod").get("month").asString()).isEqualTo("2026-01");
    assertThat(correction.get("kpiPeriod").get("revision").asInt()).isEqualTo(2);
    JsonNode revenue =
        correction
            .get("changes")
            .valueStream()
            .filter(c -> c.get("lineId").asString().equals("recovered-revenue"))
            .findFirst()
            .orElseThrow();
    // (12000 − 10000) × 2.35 before, (12000 − 11000) × 2.35 after
    assertThat(revenue.get("before").decimalValue()).isEqualByComparingTo("4700");
    assertThat(revenue.get("after").decimalValue()).isEqualByComparingTo("2350");
    assertThat(revisions.get("revisions")).hasSize(2);

    JsonNode february = statements(asset, "MONTH").get(1);
    assertThat(february.get("complete").asBoolean()).as("February was evaluated").isTrue();
    assertThat(february.get("partialMonths").get(0).asString()).isEqualTo("2026-02");
    // 12000 m³ × 14/28 − 5000 m³ = 1000 m³, × 2.35
    assertThat(amount(february, "recovered-revenue")).isEqualByComparingTo("2350.00");
    JsonNode partial = line(february, "recovered-revenue").get("partial");
    assertThat(partial).hasSize(1);
    assertThat(partial.get(0).get("month").asString()).isEqualTo("2026-02");
    assertThat(partial.get(0).get("reasons").toString())
        .contains("monthly baseline baseline-nrw-volume prorated to 14 of 28 days (50 % coverage)");
    JsonNode totals = february.get("totals");
    assertThat(totals.get("complete").asBoolean()).isFalse();
    assertThat(totals.get("missing")).isEmpty();
    assertThat(totals.get("partial").valueStream().map(p -> p.get("lineId").asString()))
        .containsExactly("recovered-revenue", "contractor-payment");

    JsonNode drill =
        api.get("/api/v1/pnl/assets/" + asset + "/lines/recovered-revenue?period=2026-02", OFFICER)
            .json();
    assertThat(drill.get("months").get(0).get("exact").decimalValue()).isEqualByComparingTo("2350");
    assertThat(drill.get("months").get(0).get("partial").get(0).asString())
        .isEqualTo(
            "KPI nrw-volume for 2026-02 (revision 1) covers 50 % of the month, under the model's"
                + " complete coverage of 90 %");

    var unknown = api.get("/api/v1/pnl/models/no-such-model/revisions", "auditor");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("detail").asString()).contains("no-such-model");
    var badMonth = api.get("/api/v1/pnl/models/" + model + "/revisions?from=2026-13", "auditor");
    assertThat(badMonth.status()).isEqualTo(400);
    assertThat(badMonth.json().get("field").asString()).isEqualTo("from");
    assertThat(api.get("/api/v1/pnl/models/" + model + "/revisions", "resident").status())
        .isEqualTo(403);
  }

  @Test
  void resetAndReplayRebuildIdenticalStatementsAndRevisions() {
    String asset = waterDistrict();
    close(asset, "nrw-volume", 4, 1, "10000", 'a');
    close(asset, "real-losses", 4, 1, "6000", 'b');
    close(asset, "nrw-volume", 5, 1, "12500", 'c');
    api.post("/api/v1/models", OFFICER, waterModel("water-" + asset, asset));
    close(asset, "nrw-volume", 4, 2, "9500", 'd');
    close(asset, "real-losses", 5, 1, "6100", 'e');
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> table("pnl_revision").stream().filter(r -> r.contains(asset)).count() == 4);
    List<String> lines = table("pnl_line");
    List<String> revisions = table("pnl_revision");

    StreamingEventProcessor processor =
        processing
            .eventProcessor(PnlProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
            .orElseThrow();
    processor.shutDown();
    processor.resetTokens();
    assertThat(table("pnl_line")).as("reset empties the P&L").isEmpty();
    processor.start();

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(table("pnl_line")).isEqualTo(lines);
              assertThat(table("pnl_revision")).isEqualTo(revisions);
            });
  }

  @Test
  void aValuationRunValuesTheStatementsNetResultsWithSensitivities() {
    String asset = modelledFrom(1, "value-");

    var answer =
        api.post(
            "/api/v1/valuations",
            "investor",
            """
            {"assetId": "%s", "discountRate": 0.08, "annualDebtService": 6000,
             "outstandingDebt": 7000,
             "scenarios": [{"name": "tariff 2.50", "parameters": {"tariff": 2.50}}]}"""
                .formatted(asset));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonNode valuation = answer.json();
    assertThat(valuation.get("modelId").asString()).isEqualTo("value-" + asset);
    assertThat(valuation.get("valuationDate").asString()).isEqualTo("2026-01-01");
    assertThat(valuation.get("cashFlows")).hasSize(12);
    assertThat(valuation.get("cashFlows").get(0).get("amount").decimalValue())
        .isEqualByComparingTo("700.00");
    assertThat(valuation.get("irr").get("status").asString()).isEqualTo("NONE");
    assertThat(valuation.get("years").get(0).get("dscr").decimalValue())
        .isEqualByComparingTo("1.4");
    assertThat(valuation.get("tornado").get("bars").get(0).get("parameter").asString())
        .isEqualTo("baseline-nrw-volume");
    assertThat(valuation.get("scenarios").get(0).get("changeFromBase").decimalValue()).isPositive();

    // The same flows through the XNPV calculator, discounted to the valuation date.
    String flows =
        "[{\"date\":\"2026-01-01\",\"amount\":0},"
            + valuation
                .get("cashFlows")
                .valueStream()
                .map(
                    f ->
                        "{\"date\":\""
                            + f.get("date").asString()
                            + "\",\"amount\":"
                            + f.get("amount").decimalValue()
                            + "}")
                .reduce((a, b) -> a + "," + b)
                .orElseThrow()
            + "]";
    BigDecimal calculator =
        api.post("/api/v1/calc/xnpv", "investor", "{\"rate\":0.08,\"flows\":" + flows + "}")
            .json()
            .get("value")
            .decimalValue();
    assertThat(valuation.get("npv").decimalValue())
        .isEqualByComparingTo(calculator.setScale(2, java.math.RoundingMode.HALF_EVEN));

    var noRate = api.post("/api/v1/valuations", "investor", "{\"assetId\": \"" + asset + "\"}");
    assertThat(noRate.status()).isEqualTo(400);
    assertThat(noRate.json().get("field").asString()).isEqualTo("discountRate");
    String other = waterDistrict();
    var noModel =
        api.post(
            "/api/v1/valuations",
            "investor",
            "{\"assetId\": \"" + other + "\", \"discountRate\": 0.08}");
    assertThat(noModel.status()).isEqualTo(422);
    assertThat(noModel.json().get("detail").asString()).contains("no active model");
    var typo =
        api.post(
            "/api/v1/valuations",
            "investor",
            """
            {"assetId": "%s", "discountRate": 0.08,
             "scenarios": [{"name": "typo", "parameters": {"tarif": 2.50}}]}"""
                .formatted(asset));
    assertThat(typo.status()).isEqualTo(422);
    assertThat(typo.json().get("detail").asString())
        .contains("input 'tarif' is not one of the base inputs");
    assertThat(api.post("/api/v1/valuations", "resident", "{\"assetId\": \"x\"}").status())
        .isEqualTo(403);
  }

  /**
   * Seven months valued with 7,000 EUR of annual debt service: 4,083.33 EUR of it falls in 2026, so
   * the year's DSCR is not a round number, and the first month already pays back, so payback is
   * zero. Every figure of the valuation, the statements and the calculators is a plain decimal
   * (zero at ten decimals was {@code 0E-10}), and the minimum DSCR is the lowest yearly DSCR
   * exactly, not a figure computed a second way.
   */
  @Test
  void everyNumberIsAPlainDecimalAndTheMinimumDscrIsTheLowestYears() {
    String asset = modelledFrom(6, "plain-");

    var valuation =
        api.post(
            "/api/v1/valuations",
            "investor",
            """
            {"assetId": "%s", "discountRate": 0.08, "annualDebtService": 7000}"""
                .formatted(asset));
    assertThat(valuation.status()).as(valuation.body()).isEqualTo(200);
    assertThat(JsonNumbers.withExponent(valuation.body())).isEmpty();
    assertThat(valuation.json().get("paybackMonths").decimalValue()).isZero();
    BigDecimal lowestYear =
        valuation
            .json()
            .get("years")
            .valueStream()
            .map(year -> year.get("dscr").decimalValue())
            .min(BigDecimal::compareTo)
            .orElseThrow();
    assertThat(valuation.json().get("minimumDscr").decimalValue()).isEqualTo(lowestYear);

    for (String period : List.of("MONTH", "QUARTER", "YEAR")) {
      var statements = api.get("/api/v1/pnl/assets/" + asset + "?period=" + period, OFFICER);
      assertThat(statements.status()).isEqualTo(200);
      assertThat(JsonNumbers.withExponent(statements.body())).as(period).isEmpty();
    }
    for (String calculation :
        List.of(
            "xnpv | {\"rate\": 0.1, \"flows\": [{\"date\": \"2020-01-01\", \"amount\": 0}]}",
            "irr | {\"amounts\": [-100, 100]}",
            "year-fraction | {\"start\": \"2020-01-01\", \"end\": \"2020-01-01\","
                + " \"convention\": \"ACT/365F\"}")) {
      String[] parts = calculation.split(" \\| ");
      var answer = api.post("/api/v1/calc/" + parts[0], "investor", parts[1]);
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      assertThat(JsonNumbers.withExponent(answer.body())).as(parts[0]).isEmpty();
    }
  }

  /**
   * A new model logs no stack trace: not when it is defined, and not when it is sent to the
   * revision or retirement path before it exists, which answers 404 (Axon's repository logged the
   * {@code AggregateNotFoundException} of the missing stream with its stack trace).
   */
  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void aNewModelLogsNoStackTrace(CapturedOutput output) {
    String asset = waterDistrict();
    String model = "quiet-" + asset;
    String revision =
        waterModel(model, asset).replaceFirst("^\\{", "{\"reason\": \"first version\", ");
    var early = api.put("/api/v1/models/" + model, OFFICER, revision);
    assertThat(early.status()).as(early.body()).isEqualTo(404);
    assertThat(early.json().get("type").asString())
        .isEqualTo("urn:problem-type:twinledger:not-found");
    var retired = api.post("/api/v1/models/" + model + "/retire", OFFICER, "{\"reason\": \"no\"}");
    assertThat(retired.status()).as(retired.body()).isEqualTo(404);

    var defined = api.post("/api/v1/models", OFFICER, waterModel(model, asset));
    assertThat(defined.status()).as(defined.body()).isEqualTo(201);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.get("/api/v1/models/" + model, OFFICER).status() == 200);

    assertThat(output.getAll())
        .doesNotContain("AggregateNotFoundException", "\tat org.axonframework");
  }

  static Stream<Arguments> badDefinitions() {
    return Stream.of(
        Arguments.of(
            "unknown KPI",
            "max(0, param('baseline-nrw-volume') - kpi('nrw-volume'))",
            "max(0, param('baseline-nrw-volume') - kpi('nrw-volum'))",
            "definition.lines[0] (recovered-volume).formula",
            "unknown KPI 'nrw-volum'"),
        Arguments.of(
            "cyclic lines",
            "max(0, param('baseline-nrw-volume') - kpi('nrw-volume'))",
            "line('recovered-revenue') / param('tariff')",
            "definition.lines[0] (recovered-volume).formula",
            "cyclic line references: recovered-volume → recovered-revenue → recovered-volume"),
        Arguments.of(
            "unit mismatch",
            "kpi('real-losses') * param('production-cost')",
            "kpi('real-losses') + param('production-cost')",
            "definition.lines[2] (real-losses-cost).formula",
            "unit mismatch"),
        Arguments.of(
            "division by zero",
            "line('recovered-volume') * param('contractor-rate')",
            "param('baseline-nrw-volume') / kpi('nrw-volume') * line('recovered-volume')"
                + " * param('contractor-rate')",
            "definition.lines[3] (contractor-payment).formula",
            "division by kpi('nrw-volume'), which can be zero"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDefinitions")
  void aBadDefinitionIsRefusedWithItsPathBeforeAnythingIsRecorded(
      String name, String formula, String broken, String path, String message) {
    String asset = waterDistrict();
    String model = "bad-" + asset;
    String body = waterModel(model, asset);
    assertThat(body).contains(formula);
    for (String endpoint : List.of("/api/v1/models/validate", "/api/v1/models")) {
      var answer = api.post(endpoint, OFFICER, body.replace(formula, broken));
      assertThat(answer.status()).as(answer.body()).isEqualTo(422);
      assertThat(answer.contentType()).startsWith("application/problem+json");
      JsonNode error = answer.json().get("errors").get(0);
      assertThat(error.get("field").asString()).isEqualTo(path);
      assertThat(error.get("reason").asString()).contains(message);
    }
    assertThat(api.get("/api/v1/models/" + model, OFFICER).status()).isEqualTo(404);
    assertThat(api.post("/api/v1/models/validate", OFFICER, body).json().get("valid").asBoolean())
        .isTrue();
  }

  @Test
  void assetsMustExistFitTheModelsClassAndUseOneModelAtATime() {
    String asset = waterDistrict();
    api.post("/api/v1/models", OFFICER, waterModel("first-" + asset, asset));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.get("/api/v1/models/first-" + asset, OFFICER).status() == 200);
    var answer =
        api.post(
            "/api/v1/models",
            OFFICER,
            waterModel("second-" + asset, asset)
                .replace(
                    "\"assets\": [\"" + asset + "\"]",
                    "\"assets\": [\"" + asset + "\", \"no-such-asset\"]"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(422);
    assertThat(answer.json().get("errors").toString())
        .contains(
            "assets[0]",
            "already uses model first-" + asset,
            "assets[1]",
            "no asset with id 'no-such-asset'");
    var stormwater = Templates.load("stormwater");
    var wrongClass =
        api.post(
            "/api/v1/models",
            OFFICER,
            "{\"assets\": [\""
                + asset
                + "\"], \"definition\": "
                + ModelDefinitions.toJson(stormwater)
                + "}");
    assertThat(wrongClass.status()).isEqualTo(422);
    assertThat(wrongClass.json().get("errors").toString())
        .contains("is a WATER_DISTRICT; the model is for STORMWATER_SITE");
    var duplicate = api.post("/api/v1/models", OFFICER, waterModel("first-" + asset, asset));
    assertThat(duplicate.status()).isEqualTo(409);
  }

  @Test
  void aYamlDefinitionIsAcceptedAndMalformedOnesNameTheField() {
    String asset = waterDistrict();
    String yaml =
        "assets: ["
            + asset
            + "]\ndefinition:\n"
            + ModelDefinitions.toYaml(Templates.load("water-nrw"))
                .replaceFirst("^---\\n", "")
                .replace("id: \"water-nrw\"", "id: yaml-" + asset)
                .replaceAll("(?m)^", "  ");
    var answer = api.send("POST", "/api/v1/models", OFFICER, yaml, "application/yaml");
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    assertThat(answer.json().get("modelId").asString()).isEqualTo("yaml-" + asset);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.get("/api/v1/models/yaml-" + asset, "investor").status() == 200);
    var model = api.get("/api/v1/models/yaml-" + asset, "investor");
    assertThat(model.json().get("definition")).as(model.body()).isNotNull();
    assertThat(model.json().get("definition").get("lines")).hasSize(4);

    var noAssets = api.post("/api/v1/models", OFFICER, "{\"definition\": {\"id\": 3}}");
    assertThat(noAssets.status()).isEqualTo(422);
    assertThat(noAssets.json().get("errors").toString()).contains("\"assets\"", "definition.id");
    assertThat(api.post("/api/v1/models", OFFICER, "{not json").status()).isEqualTo(422);
  }

  @Test
  void rolesAndUnknownThings() {
    String asset = waterDistrict();
    assertThat(api.post("/api/v1/models", "investor", waterModel("x-" + asset, asset)).status())
        .isEqualTo(403);
    assertThat(api.get("/api/v1/pnl/assets/" + asset, "resident").status()).isEqualTo(403);
    assertThat(api.get("/api/v1/pnl/assets/" + asset, "investor").status()).isEqualTo(404);
    assertThat(api.get("/api/v1/pnl/assets/no-such-asset", "investor").status()).isEqualTo(404);
    var badPeriod = api.get("/api/v1/pnl/assets/" + asset + "?period=WEEK", "investor");
    assertThat(badPeriod.status()).isEqualTo(400);
    assertThat(badPeriod.json().get("field").asString()).isEqualTo("period");
    assertThat(api.get("/api/v1/models/templates", "auditor").json()).hasSize(3);
  }

  // --- helpers ---------------------------------------------------------------------------------

  private String waterDistrict() {
    return WaterPnl.waterDistrict(commands, api);
  }

  /**
   * A water district with NRW volume 10,000 m³ and real losses 6,000 m³ closed in every month of
   * 2026 from {@code firstMonth}, its model defined, once its statements show every month.
   */
  private String modelledFrom(int firstMonth, String modelPrefix) {
    String asset = waterDistrict();
    for (int month = firstMonth; month <= 12; month++) {
      close(asset, "nrw-volume", month, 1, "10000", 'a');
      close(asset, "real-losses", month, 1, "6000", 'b');
    }
    api.post("/api/v1/models", OFFICER, waterModel(modelPrefix + asset, asset));
    awaitStatements(asset, "MONTH", 13 - firstMonth);
    return asset;
  }

  private void close(String asset, String kpi, int month, int revision, String value, char digit) {
    WaterPnl.close(commands, asset, kpi, month, revision, value, "MTQ", digit);
  }

  private String waterModel(String modelId, String asset) {
    return WaterPnl.waterModel(modelId, asset);
  }

  private JsonNode awaitStatements(String asset, String period, int count) {
    return WaterPnl.awaitStatements(api, asset, period, count);
  }

  private JsonNode statements(String asset, String period) {
    return api.get("/api/v1/pnl/assets/" + asset + "?period=" + period, OFFICER)
        .json()
        .get("statements");
  }

  private static JsonNode line(JsonNode statement, String lineId) {
    return statement
        .get("lines")
        .valueStream()
        .filter(l -> l.get("lineId").asString().equals(lineId))
        .findFirst()
        .orElseThrow();
  }

  private static BigDecimal amount(JsonNode statement, String lineId) {
    return line(statement, lineId).get("amount").decimalValue();
  }

  /** The rows as JSON text: arrays and jsonb compare by value only that way. */
  private List<String> table(String name) {
    return jdbc.sql("SELECT to_jsonb(t)::text FROM " + name + " t ORDER BY 1")
        .query(String.class)
        .list();
  }
}
