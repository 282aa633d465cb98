package io.twinledger.service.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.ledger.asset.api.AssetRuleViolation;
import io.twinledger.ledger.asset.api.KpiPeriodClosed;
import io.twinledger.ledger.asset.api.RecordKpiPeriod;
import io.twinledger.ledger.audit.LeafScan;
import io.twinledger.ledger.period.PeriodCarryOver;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Periods recorded on an asset's stream before periods had streams of their own, carried into their
 * series on the whole service: in order and once, readable through the series' history, known to
 * the series' rules, leaving the asset's stream and version as they were and the audit log intact.
 */
@OnEmbeddedDb
class CarriedOverPeriodsTest {

  private static final Instant DAY = Instant.parse("2025-06-01T22:00:00Z");

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired EventStorageEngine engine;
  @Autowired TransactionManager transactions;
  @Autowired PeriodCarryOver carryOver;
  @Autowired CommandGateway commands;
  @Autowired AuditJobs jobs;
  @Autowired LeafScan scan;
  Api api;

  @BeforeEach
  void connect() {
    api = new Api(port, json);
  }

  @Test
  void periodsOnAnAssetsStreamAreCarriedIntoTheirSeriesOnceAndTheLogStaysIntact() {
    String id = "dma-" + UUID.randomUUID().toString().substring(0, 8);
    var registered =
        api.post(
            "/api/v1/assets",
            "officer",
            """
            {"assetId": "%s", "assetClass": "WATER_DISTRICT", "name": "Old district",
             "timeZone": "Europe/Amsterdam", "parameters": %s}"""
                .formatted(id, WATER));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    // As the asset recorded periods before they had streams of their own.
    List<DomainEventMessage<?>> old =
        List.of(
            onAsset(id, 1, closed(id, "ili", 1, "1.7")),
            onAsset(id, 2, closed(id, "nrw", 1, "12")),
            onAsset(id, 3, closed(id, "ili", 2, "1.8")));
    transactions.executeInTransaction(() -> engine.appendEvents(old));
    feedAll();

    assertThat(carryOver.run()).isEqualTo(3);
    assertThat(carryOver.run()).as("a second run carries nothing").isZero();

    JsonNode ili = api.get("/api/v1/assets/" + id + "/kpis/ili/events", "auditor").json();
    assertThat(ili).hasSize(2);
    assertThat(ili.valueStream().map(e -> e.get("type").asString()))
        .containsOnly("KpiPeriodCarriedOver");
    assertThat(ili.valueStream().map(e -> e.at("/payload/period/revision").asInt()))
        .containsExactly(1, 2);
    assertThat(ili.valueStream().map(e -> e.at("/payload/assetSequenceNumber").asLong()))
        .containsExactly(1L, 3L);
    assertThat(ili.get(0).at("/payload/originalEventId").asString())
        .isEqualTo(old.get(0).getIdentifier());
    assertThat(api.get("/api/v1/assets/" + id + "/kpis/nrw/events", "auditor").json()).hasSize(1);
    JsonNode asset = api.get("/api/v1/assets/" + id + "/events", "auditor").json();
    assertThat(asset.valueStream().map(e -> e.get("eventId").asString()))
        .as("the asset's stream is as it was")
        .containsExactly(
            asset.get(0).get("eventId").asString(),
            old.get(0).getIdentifier(),
            old.get(1).getIdentifier(),
            old.get(2).getIdentifier());

    // The series knows the carried revisions; the asset still counts its old periods.
    commands.sendAndWait(record(closed(id, "ili", 2, "1.8")));
    assertThatThrownBy(() -> commands.sendAndWait(record(closed(id, "ili", 2, "1.9"))))
        .isInstanceOf(AssetRuleViolation.class);
    commands.sendAndWait(record(closed(id, "ili", 3, "1.9")));
    var updated =
        api.put(
            "/api/v1/assets/" + id + "/parameters",
            "officer",
            """
            {"expectedVersion": 3, "assetClass": "WATER_DISTRICT", "parameters": %s}"""
                .formatted(WATER.replace("\"averagePressureM\": 50", "\"averagePressureM\": 51")));
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    assertThat(updated.json().get("version").asLong()).isEqualTo(4);

    feedAll();
    scanTwice();
    JsonNode integrity = api.get("/api/v1/audit/integrity", "auditor").json();
    assertThat(integrity.get("intact").asBoolean()).as(integrity.toString()).isTrue();
    assertThat(integrity.get("records").valueStream().map(r -> r.get("kind").asString()))
        .contains("domain-event");
  }

  private void feedAll() {
    for (int i = 0; i < 1_000 && jobs.feedEvents() > 0; i++) {
      // each call appends the next run of events to the log
    }
  }

  /** Steps the scan until each kind has completed two passes: a whole one after any change. */
  private void scanTwice() {
    long target = scan.progress().stream().mapToLong(LeafScan.Progress::passes).min().orElse(0) + 2;
    for (int i = 0; i < 10_000; i++) {
      if (scan.progress().stream().allMatch(p -> p.passes() >= target)) {
        return;
      }
      scan.step(AuditJobs.SCAN_STEP);
    }
    throw new AssertionError("the scan did not complete two passes");
  }

  private static DomainEventMessage<?> onAsset(String id, long sequence, KpiPeriodClosed period) {
    return new GenericDomainEventMessage<>("InfrastructureAsset", id, sequence, period);
  }

  private static KpiPeriodClosed closed(String id, String kpiId, int revision, String value) {
    return new KpiPeriodClosed(
        id,
        kpiId,
        "DAY",
        DAY,
        DAY.plusSeconds(86_400),
        revision,
        Optional.of(new BigDecimal(value)),
        "C62",
        new BigDecimal("100"),
        24,
        Map.of(),
        List.of("cd".repeat(32)),
        Map.of(),
        List.of(),
        Optional.empty(),
        Optional.empty());
  }

  private static RecordKpiPeriod record(KpiPeriodClosed period) {
    return new RecordKpiPeriod(
        period.assetId(),
        period.kpiId(),
        period.periodKind(),
        period.periodStart(),
        period.periodEnd(),
        period.revision(),
        period.value(),
        period.unit(),
        period.coveragePercent(),
        period.readingCount(),
        period.qualitySummary(),
        period.batchDigests(),
        period.components(),
        period.remarks(),
        period.classification(),
        period.cause());
  }

  private static final String WATER =
      """
      {"mainsLengthKm": 100, "serviceConnections": 5000, "privatePipeLengthKm": 50,
       "averagePressureM": 50, "tariff": {"amount": 2.35, "currency": "EUR"}}""";
}
