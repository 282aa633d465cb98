package io.twinledger.service.market;

import io.twinledger.network.Consortium;
import io.twinledger.network.msp.MspDirectory;
import io.twinledger.network.msp.MspIdentity;
import io.twinledger.network.msp.NodeOu;
import io.twinledger.network.org.OrgRole;
import io.twinledger.service.ledger.LedgerConnection;
import io.twinledger.service.ledger.LedgerConnections;
import io.twinledger.service.ledger.LedgerProperties;
import io.twinledger.twin.store.ReadingStore;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the village energy market: the village and its read model always (the pages and API say
 * when there is no market), the ledger side and its schedule when the embedded ledger runs and the
 * village has households.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MarketProperties.class)
public class MarketConfiguration {

  /** The contract's name on the energy channel. */
  static final String CONTRACT = "EnergyMarketContract";

  @Bean
  Village village(MarketProperties properties) {
    return Village.of(properties.households());
  }

  @Bean
  MarketBook marketBook(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json) {
    return new MarketBook(jdbc, transactions, json);
  }

  @Bean
  MeterPositions meterPositions(ReadingStore readings, Village village) {
    return new MeterPositions(readings, village);
  }

  /** The village's market on the ledger, if the service runs one and the village has households. */
  @Bean
  VillageMarket villageMarket(
      ObjectProvider<LedgerConnections> connections,
      ObjectProvider<MspDirectory> msps,
      ObjectProvider<Consortium> consortium,
      ObjectProvider<LedgerProperties> ledgerProperties,
      Village village,
      JsonMapper json) {
    LedgerConnections ledgerConnections = connections.getIfAvailable();
    if (ledgerConnections == null || village.isEmpty()) {
      return VillageMarket.none();
    }
    // Only the embedded ledger defines its properties; without a ledger there is none to ask.
    LedgerProperties ledger = ledgerProperties.getObject();
    MspDirectory directory = msps.getObject();
    String community =
        consortium.getObject().organisationsWith(OrgRole.COMMUNITY_OPERATOR).getFirst().mspId();
    MspIdentity operator = directory.organisation(community).orElseThrow().identity(NodeOu.CLIENT);
    LedgerConnection operatorConnection =
        ledgerConnections.connect(ledger.energyChannel(), operator);
    EnergyMarketLedger market =
        new EnergyMarketLedger(
            operatorConnection.gateway().getNetwork(ledger.energyChannel()),
            operatorConnection.contract(CONTRACT),
            household ->
                ledgerConnections.contract(
                    ledger.energyChannel(), directory.namedClient(community, household), CONTRACT),
            json);
    return VillageMarket.of(market, household -> directory.namedClient(community, household));
  }

  @Bean
  MarketReads marketReads(
      Village village,
      VillageMarket market,
      MarketBook book,
      MeterPositions meters,
      MarketProperties properties) {
    return new MarketReads(village, market, book, meters, properties);
  }

  /** One simulation at a time, with at most four waiting. */
  @Bean
  Simulations simulations() {
    return new Simulations(
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(4),
            Thread.ofPlatform().name("village-simulation-", 0).daemon().factory()));
  }

  @Bean(destroyMethod = "shutdown")
  ExecutorService marketSigners() {
    return Executors.newFixedThreadPool(
        8, Thread.ofPlatform().name("market-signer-", 0).daemon().factory());
  }

  @Bean
  MarketJobs marketJobs(
      VillageMarket market,
      MarketBook book,
      MeterPositions meters,
      Village village,
      MarketProperties properties,
      ExecutorService marketSigners) {
    return new MarketJobs(
        market
            .ledger()
            .map(
                ledger ->
                    new MarketSettlement(
                        ledger,
                        book,
                        meters,
                        village,
                        market.identities(),
                        properties,
                        marketSigners,
                        Clock.systemUTC())),
        properties.slotsPerRun(),
        properties.runEvery());
  }
}
