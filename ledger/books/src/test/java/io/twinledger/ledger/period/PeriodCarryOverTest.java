package io.twinledger.ledger.period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.twinledger.finance.money.Money;
import io.twinledger.ledger.asset.InfrastructureAsset;
import io.twinledger.ledger.asset.api.AssetParametersUpdated;
import io.twinledger.ledger.asset.api.AssetRegistered;
import io.twinledger.ledger.asset.api.AssetRuleViolation;
import io.twinledger.ledger.asset.api.KpiPeriodClosed;
import io.twinledger.ledger.asset.api.RecordKpiPeriod;
import io.twinledger.ledger.asset.api.WaterDistrictParameters;
import io.twinledger.ledger.period.api.KpiPeriodCarriedOver;
import io.twinledger.ledger.store.StoredEvent;
import io.twinledger.ledger.store.StoredEvents;
import io.twinledger.ledger.store.TestDatabases;
import io.twinledger.ledger.store.TestEventStorage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The carry-over on PostgreSQL: periods recorded on an asset's stream before periods had streams of
 * their own reach their series, in order, once, and the asset's stream stays as it was.
 */
class PeriodCarryOverTest {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private HikariDataSource dataSource;
  private TransactionManager transactions;
  private JdbcEventStorageEngine engine;
  private PeriodCarryOver carryOver;

  @BeforeEach
  void store() {
    dataSource = TestDatabases.migrated(4);
    transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
    engine = TestEventStorage.engine(dataSource, transactions);
    carryOver = new PeriodCarryOver(dataSource, engine, transactions);
  }

  @AfterEach
  void close() {
    dataSource.close();
  }

  @Test
  void periodsOnAnAssetsStreamAreCarriedIntoTheirSeriesInOrderOnce() {
    oldAssetStream(
        "dma-1",
        new AssetRegistered("dma-1", "District 1", "UTC", water()),
        closed("dma-1", "ili", 0, 1, "1.7"),
        closed("dma-1", "nrw", 0, 1, "12"),
        closed("dma-1", "ili", 0, 2, "1.8"),
        closed("dma-1", "ili", 1, 1, "1.6"),
        new AssetParametersUpdated("dma-1", water()));
    oldAssetStream(
        "dma-2",
        new AssetRegistered("dma-2", "District 2", "UTC", water()),
        closed("dma-2", "ili", 0, 1, "2.1"));
    List<String> assetStreamBefore = identifiers("dma-1");
    List<StoredEvent> originals = new StoredEvents(dataSource).of("dma-1", closedType());

    assertThat(carryOver.run()).isEqualTo(5);

    List<KpiPeriodCarriedOver> ili = carried("dma-1/ili");
    assertThat(ili)
        .extracting(c -> c.period().revision() + "@" + c.period().periodStart())
        .containsExactly("1@" + START, "2@" + START, "1@" + START.plusSeconds(86_400));
    assertThat(ili)
        .extracting(KpiPeriodCarriedOver::assetSequenceNumber)
        .containsExactly(1L, 3L, 4L);
    assertThat(ili.getFirst().originalEventId()).isEqualTo(originals.getFirst().eventIdentifier());
    assertThat(ili.getFirst().originalGlobalIndex()).isEqualTo(originals.getFirst().globalIndex());
    assertThat(ili.getFirst().period()).isEqualTo(closed("dma-1", "ili", 0, 1, "1.7"));
    assertThat(carried("dma-1/nrw")).hasSize(1);
    assertThat(carried("dma-2/ili")).hasSize(1);
    assertThat(new StoredEvents(dataSource).of("dma-1/ili", KpiPeriodCarriedOver.class.getName()))
        .allSatisfy(e -> assertThat(e.aggregateType()).contains("KpiPeriodSeries"));
    assertThat(identifiers("dma-1")).isEqualTo(assetStreamBefore);

    assertThat(carryOver.run()).isZero();
    assertThat(carried("dma-1/ili")).hasSize(3);
  }

  @Test
  void theSeriesSourcesItsCarriedOverPeriods() {
    oldAssetStream(
        "dma-1",
        new AssetRegistered("dma-1", "District 1", "UTC", water()),
        closed("dma-1", "ili", 0, 1, "1.7"));
    carryOver.run();
    Configuration axon =
        DefaultConfigurer.defaultConfiguration()
            .configureTransactionManager(c -> transactions)
            .configureSerializer(c -> TestEventStorage.serializer())
            .configureEmbeddedEventStore(c -> engine)
            .configureAggregate(KpiPeriodSeries.class)
            .configureAggregate(InfrastructureAsset.class)
            .buildConfiguration();
    axon.start();
    try {
      axon.commandGateway().sendAndWait(record(1, "1.7"));
      assertThatThrownBy(() -> axon.commandGateway().sendAndWait(record(1, "1.9")))
          .isInstanceOf(AssetRuleViolation.class);
      axon.commandGateway().sendAndWait(record(2, "1.9"));
    } finally {
      axon.shutdown();
    }
    List<DomainEventMessage<?>> series = new ArrayList<>();
    engine.readEvents("dma-1/ili", 0L).asStream().forEach(series::add);
    assertThat(series)
        .extracting(m -> m.getPayload().getClass().getSimpleName() + " " + m.getSequenceNumber())
        .containsExactly("KpiPeriodCarriedOver 0", "KpiPeriodClosed 1");
    assertThat(engine.lastSequenceNumberFor("dma-1")).contains(1L);
  }

  @Test
  void aSnapshotOfTheSeriesKeepsTheRevisionsItsRulesNeed() {
    Configuration axon =
        DefaultConfigurer.defaultConfiguration()
            .configureTransactionManager(c -> transactions)
            .configureSerializer(c -> TestEventStorage.serializer())
            .configureEmbeddedEventStore(c -> engine)
            .configureAggregate(
                AggregateConfigurer.defaultConfiguration(KpiPeriodSeries.class)
                    .configureSnapshotTrigger(
                        c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), 2)))
            .buildConfiguration();
    axon.start();
    try {
      for (int revision = 1; revision <= 4; revision++) {
        axon.commandGateway().sendAndWait(record(revision, "1." + revision));
      }
      // The configuration's snapshotter runs in the committing thread.
      assertThat(engine.readSnapshot("dma-1/ili").orElseThrow().getPayload())
          .isInstanceOf(KpiPeriodSeries.class);

      axon.commandGateway().sendAndWait(record(4, "1.4"));
      assertThatThrownBy(() -> axon.commandGateway().sendAndWait(record(4, "1.9")))
          .isInstanceOf(AssetRuleViolation.class)
          .hasMessageContaining("a changed figure is revision 5");
      axon.commandGateway().sendAndWait(record(5, "1.9"));
    } finally {
      axon.shutdown();
    }
    assertThat(engine.lastSequenceNumberFor("dma-1/ili")).contains(4L);
  }

  private void oldAssetStream(String assetId, Object... events) {
    List<DomainEventMessage<?>> messages = new ArrayList<>();
    for (int i = 0; i < events.length; i++) {
      messages.add(new GenericDomainEventMessage<>("InfrastructureAsset", assetId, i, events[i]));
    }
    transactions.executeInTransaction(() -> engine.appendEvents(messages));
  }

  private List<String> identifiers(String streamId) {
    return engine.readEvents(streamId, 0L).asStream().map(m -> m.getIdentifier()).toList();
  }

  private List<KpiPeriodCarriedOver> carried(String seriesId) {
    return engine
        .readEvents(seriesId, 0L)
        .asStream()
        .map(m -> (KpiPeriodCarriedOver) m.getPayload())
        .toList();
  }

  private static String closedType() {
    return KpiPeriodClosed.class.getName();
  }

  private static RecordKpiPeriod record(int revision, String value) {
    KpiPeriodClosed period = closed("dma-1", "ili", 0, revision, value);
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

  private static KpiPeriodClosed closed(
      String assetId, String kpiId, int day, int revision, String value) {
    Instant start = START.plusSeconds(86_400L * day);
    return new KpiPeriodClosed(
        assetId,
        kpiId,
        "DAY",
        start,
        start.plusSeconds(86_400),
        revision,
        Optional.of(new BigDecimal(value)),
        "C62",
        new BigDecimal("100"),
        96,
        Map.of(),
        List.of("ab".repeat(32)),
        Map.of(),
        List.of(),
        Optional.empty(),
        Optional.empty());
  }

  private static WaterDistrictParameters water() {
    return new WaterDistrictParameters(
        new BigDecimal("100"),
        5000,
        new BigDecimal("50"),
        new BigDecimal("48"),
        Money.of("EUR", "2.35"));
  }
}
