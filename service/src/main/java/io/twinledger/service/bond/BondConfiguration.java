package io.twinledger.service.bond;

import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.ledger.asset.projection.KpiPeriods;
import io.twinledger.ledger.bond.BondRegistry;
import io.twinledger.ledger.bond.projection.BondProjection;
import io.twinledger.ledger.bond.projection.Bonds;
import io.twinledger.ledger.token.TokenLedger;
import io.twinledger.ledger.token.evm.EvmTokenLedger;
import io.twinledger.ledger.token.fabric.FabricTokenLedger;
import io.twinledger.reporting.evidence.export.EvidenceExport;
import io.twinledger.service.ledger.LedgerConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Wires bonds: the register, its projection, determinations, payouts and the token ledgers. */
@Configuration(proxyBeanMethods = false)
public class BondConfiguration {

  @Bean
  BondProjection bondProjection(JdbcClient jdbc, JsonMapper json) {
    return new BondProjection(jdbc, json);
  }

  @Bean
  Bonds bonds(JdbcClient jdbc, JsonMapper json) {
    return new Bonds(jdbc, json);
  }

  @Bean
  BondRegistry bondRegistry(CommandGateway commands, AssetCatalog assets, Bonds bonds) {
    return new BondRegistry(commands, assets, bonds);
  }

  /** The Fabric token whenever the service has a ledger; the EVM leg when it is configured. */
  @Bean
  TokenLedgers tokenLedgers(
      ObjectProvider<LedgerConnection> fabric, ObjectProvider<EvmTokenLedger> evm) {
    List<TokenLedger> ledgers = new ArrayList<>();
    LedgerConnection connection = fabric.getIfAvailable();
    if (connection != null) {
      ledgers.add(new FabricTokenLedger(connection.gateway(), connection.channelName()));
    }
    evm.ifAvailable(ledgers::add);
    return new TokenLedgers(ledgers);
  }

  @Bean
  BondTokens bondTokens(CommandGateway commands, Bonds bonds, TokenLedgers ledgers) {
    return new BondTokens(commands, bonds, ledgers);
  }

  @Bean
  BondPayouts bondPayouts(CommandGateway commands, Bonds bonds, TokenLedgers ledgers) {
    return new BondPayouts(commands, bonds, ledgers, Clock.systemDefaultZone());
  }

  @Bean
  BondDeterminations bondDeterminations(
      CommandGateway commands,
      Bonds bonds,
      AssetCatalog assets,
      KpiPeriods periods,
      EvidenceExport evidence) {
    return new BondDeterminations(commands, bonds, assets, periods, evidence);
  }

  @Bean
  BondDisputes bondDisputes(BondDeterminations determinations, AssetCatalog assets) {
    return new BondDisputes(determinations, assets);
  }

  @Bean
  BondPerformance bondPerformance(
      AssetCatalog assets, KpiPeriods periods, EvidenceExport evidence) {
    return new BondPerformance(assets, periods, evidence);
  }

  @Bean
  BondReconciliation bondReconciliation(Bonds bonds, TokenLedgers ledgers) {
    return new BondReconciliation(bonds, ledgers);
  }

  @Bean
  BondJobs bondJobs(BondDeterminations determinations, BondPayouts payouts) {
    return new BondJobs(determinations, payouts);
  }
}
