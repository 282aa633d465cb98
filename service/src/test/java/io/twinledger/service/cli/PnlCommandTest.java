package io.twinledger.service.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twinledger.finance.model.ModelDefinitions;
import io.twinledger.finance.model.Templates;
import io.twinledger.ledger.asset.api.RegisterAsset;
import io.twinledger.service.demo.SampleCity;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.MonthlyPeriods;
import io.twinledger.service.support.OnEmbeddedDb;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/** {@code ./twinledger pnl} against the running service, over real HTTP. */
@OnEmbeddedDb
class PnlCommandTest {

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired CommandGateway commands;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void printsAnAssetsStatementsWithTotalsAndADrillDownAddress() {
    RegisterAsset sample = SampleCity.assets().getFirst();
    String asset = "dma-" + UUID.randomUUID().toString().substring(0, 8);
    commands.sendAndWait(
        new RegisterAsset(
            asset, sample.name(), sample.timeZone(), sample.parameters(), sample.kpis()));
    for (int month = 1; month <= 3; month++) {
      record(asset, "nrw-volume", month, "10000");
      record(asset, "real-losses", month, "6000");
    }
    Api api = new Api(port, json);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.get("/api/v1/assets/" + asset, "officer").status() == 200);
    String definition =
        ModelDefinitions.toJson(Templates.load("water-nrw"))
            .replace("\"id\" : \"water-nrw\"", "\"id\" : \"cli-" + asset + "\"");
    assertThat(
            api.post(
                    "/api/v1/models",
                    "officer",
                    "{\"assets\": [\"" + asset + "\"], \"definition\": " + definition + "}")
                .status())
        .isEqualTo(201);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.get("/api/v1/pnl/assets/" + asset, "investor").status() == 200);

    int code = run("--asset", asset, "--period", "QUARTER");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(asset + " — model cli-" + asset + " v1, EUR")
        .contains("2026-Q1")
        .contains("Revenue from recovered water [REVENUE]")
        .contains("14,100.00")
        .contains("Net result")
        .contains("2,100.00")
        .contains("Drill down: http://localhost:" + port + "/api/v1/pnl/assets/" + asset);
  }

  @Test
  void printsAModelsRevisionsWithCauseAndEachLineBeforeAndAfterAndMarksAPartialMonth() {
    RegisterAsset sample = SampleCity.assets().getFirst();
    String asset = "dma-" + UUID.randomUUID().toString().substring(0, 8);
    String model = "cli-" + asset;
    commands.sendAndWait(
        new RegisterAsset(
            asset, sample.name(), sample.timeZone(), sample.parameters(), sample.kpis()));
    record(asset, "nrw-volume", 1, "10000");
    record(asset, "real-losses", 1, "6000");
    // February 2026: the readings cover half of it
    commands.sendAndWait(
        MonthlyPeriods.closed(
            asset,
            "real-losses",
            YearMonth.of(2026, 2),
            1,
            new BigDecimal("3000"),
            "MTQ",
            "d".repeat(64),
            new BigDecimal("50"),
            Optional.empty()));
    record(asset, "nrw-volume", 2, "5000");
    Api api = new Api(port, json);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.get("/api/v1/assets/" + asset, "officer").status() == 200);
    String definition =
        ModelDefinitions.toJson(Templates.load("water-nrw"))
            .replace("\"id\" : \"water-nrw\"", "\"id\" : \"" + model + "\"");
    assertThat(
            api.post(
                    "/api/v1/models",
                    "officer",
                    "{\"assets\": [\"" + asset + "\"], \"definition\": " + definition + "}")
                .status())
        .isEqualTo(201);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.get("/api/v1/pnl/assets/" + asset, "investor").status() == 200);
    commands.sendAndWait(
        MonthlyPeriods.closed(
            asset,
            "real-losses",
            YearMonth.of(2026, 1),
            2,
            new BigDecimal("5000"),
            "MTQ",
            "e".repeat(64),
            new BigDecimal("100"),
            Optional.of("correction c-3 by officer: duplicate readings removed")));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                api.get("/api/v1/pnl/models/" + model + "/revisions", "investor")
                        .json()
                        .get("revisions")
                        .size()
                    == 3);

    assertThat(run("--revisions", model, "--from", "2026-01", "--to", "2026-01"))
        .as(err.toString())
        .isZero();
    // 6000 m³ × 0.40 EUR before, 5000 m³ × 0.40 EUR after
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Revisions of model " + model)
        .contains(asset + " 2026-01 r2 (model v1, ")
        .contains(
            "): KPI real-losses 2026-01 revision 2: correction c-3 by officer: duplicate readings"
                + " removed")
        .containsPattern("real-losses-cost +2,400\\.00 -> +2,000\\.00");

    out.reset();
    assertThat(run("--asset", asset, "--period", "MONTH")).as(err.toString()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "partial 2026-02: KPI real-losses for 2026-02 (revision 1) covers 50 % of the month")
        .contains("(totals include 1 partial line month,");

    err.reset();
    assertThat(run("--revisions", "no-such-model")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("HTTP 404", "no P&L model");
  }

  @Test
  void anUnknownAssetOrABadPeriodIsOneReadableLine() {
    assertThat(run("--asset", "no-such-asset")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .singleElement()
        .asString()
        .contains("HTTP 404")
        .contains("no asset no-such-asset");

    err.reset();
    assertThat(run("--asset", "dma-north-hill", "--period", "WEEK")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("must be MONTH, QUARTER or YEAR");

    err.reset();
    assertThat(run("--colour", "red")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --colour");
  }

  private int run(String... options) {
    String[] args = new String[options.length + 4];
    System.arraycopy(options, 0, args, 0, options.length);
    args[options.length] = "--url";
    args[options.length + 1] = "http://localhost:" + port;
    args[options.length + 2] = "--user";
    args[options.length + 3] = "investor";
    return PnlCommand.run(
        args,
        Map.of("TWINLEDGER_PASSWORD", "investor"),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private void record(String asset, String kpi, int month, String value) {
    commands.sendAndWait(
        MonthlyPeriods.closed(
            asset,
            kpi,
            YearMonth.of(2026, month),
            1,
            new BigDecimal(value),
            "MTQ",
            "c".repeat(64)));
  }
}
