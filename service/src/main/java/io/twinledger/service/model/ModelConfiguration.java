package io.twinledger.service.model;

import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.ledger.asset.projection.KpiPeriods;
import io.twinledger.ledger.model.KpiCatalogs;
import io.twinledger.ledger.model.ModelRegistry;
import io.twinledger.ledger.model.projection.ModelProjection;
import io.twinledger.ledger.model.projection.Models;
import io.twinledger.ledger.pnl.projection.PnlBook;
import io.twinledger.ledger.pnl.projection.PnlObservations;
import io.twinledger.ledger.pnl.projection.PnlProjection;
import io.twinledger.reporting.pnl.PnlStatements;
import io.twinledger.service.valuation.ValuationRuns;
import io.twinledger.twin.store.ReadingStore;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.async.SequentialPolicy;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Wires the model registry and the P&amp;L projection from the ledger module. */
@Configuration(proxyBeanMethods = false)
public class ModelConfiguration {

  @Bean
  ModelProjection modelProjection(JdbcClient jdbc) {
    return new ModelProjection(jdbc);
  }

  @Bean
  Models models(JdbcClient jdbc) {
    return new Models(jdbc);
  }

  @Bean
  KpiCatalogs kpiCatalogs(AssetCatalog assets) {
    return new KpiCatalogs(assets);
  }

  @Bean
  ModelRegistry modelRegistry(
      CommandGateway commands, EventStore events, AssetCatalog assets, Models models) {
    return new ModelRegistry(commands, events, assets, models);
  }

  @Bean
  PnlProjection pnlProjection(JdbcClient jdbc, JsonMapper json) {
    return new PnlProjection(jdbc, json);
  }

  @Bean
  PnlBook pnlBook(JdbcClient jdbc, JsonMapper json) {
    return new PnlBook(jdbc, json);
  }

  @Bean
  PnlStatements pnlStatements(
      PnlBook book, AssetCatalog assets, KpiPeriods periods, ReadingStore readings) {
    return new PnlStatements(book, assets, periods, readings);
  }

  @Bean
  ValuationRuns valuationRuns(Models models, KpiCatalogs catalogs, PnlObservations observations) {
    return new ValuationRuns(models, catalogs, observations);
  }

  @Bean
  PnlObservations pnlObservations(JdbcClient jdbc) {
    return new PnlObservations(jdbc);
  }

  /**
   * The P&amp;L projection reads asset and model events together; one sequence over all of them
   * makes its revisions depend only on the order of the event stream.
   */
  @Bean
  ConfigurerModule pnlInStreamOrder() {
    return configurer ->
        configurer
            .eventProcessing()
            .registerSequencingPolicy(PnlProjection.PROCESSING_GROUP, c -> new SequentialPolicy());
  }
}
