package io.twinledger.service.period;

import io.twinledger.ledger.period.KpiPeriodSeries;
import io.twinledger.ledger.period.PeriodCarryOver;
import io.twinledger.service.TwinLedgerProperties;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the KPI period series from the ledger module into Axon and Spring, and carries periods
 * recorded on asset streams into their series ({@link PeriodCarryOver}) once every bean exists:
 * before the event processors and the scheduled period job start, so no period is recorded on a
 * series while its history is being carried into it.
 */
@Configuration(proxyBeanMethods = false)
public class PeriodConfiguration {

  private static final Logger log = LoggerFactory.getLogger(PeriodConfiguration.class);

  @Bean(KpiPeriodSeries.SNAPSHOT_TRIGGER)
  SnapshotTriggerDefinition kpiPeriodSeriesSnapshotTrigger(
      Snapshotter snapshotter, TwinLedgerProperties properties) {
    return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
  }

  @Bean
  PeriodCarryOver periodCarryOver(
      DataSource dataSource, EventStorageEngine engine, TransactionManager transactions) {
    return new PeriodCarryOver(dataSource, engine, transactions);
  }

  @Bean
  SmartInitializingSingleton carryPeriodsOver(PeriodCarryOver carryOver) {
    return () -> {
      int carried = carryOver.run();
      if (carried > 0) {
        log.info("Carried {} KPI periods from asset streams into their series", carried);
      }
    };
  }
}
