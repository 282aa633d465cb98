package io.twinledger.service.asset;

import io.twinledger.ledger.asset.AssetHistory;
import io.twinledger.ledger.asset.InfrastructureAsset;
import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.ledger.asset.projection.AssetProjection;
import io.twinledger.ledger.asset.projection.KpiPeriods;
import io.twinledger.reporting.evidence.export.EvidenceExport;
import io.twinledger.service.TwinLedgerProperties;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Wires the asset books from the ledger module into Axon and Spring. */
@Configuration(proxyBeanMethods = false)
public class AssetConfiguration {

  @Bean(InfrastructureAsset.SNAPSHOT_TRIGGER)
  SnapshotTriggerDefinition assetSnapshotTrigger(
      Snapshotter snapshotter, TwinLedgerProperties properties) {
    return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
  }

  @Bean
  AssetProjection assetProjection(JdbcClient jdbc, JsonMapper json) {
    return new AssetProjection(jdbc, json);
  }

  @Bean
  KpiStandings kpiStandings(AssetCatalog catalog, KpiPeriods periods, EvidenceExport evidence) {
    return new KpiStandings(catalog, periods, evidence);
  }

  @Bean
  AssetCatalog assetCatalog(JdbcClient jdbc, JsonMapper json) {
    return new AssetCatalog(jdbc, json);
  }

  @Bean
  KpiPeriods kpiPeriods(JdbcClient jdbc, JsonMapper json) {
    return new KpiPeriods(jdbc, json);
  }

  @Bean
  AssetHistory assetHistory(EventStore eventStore) {
    return new AssetHistory(eventStore);
  }
}
