package io.twinledger.service.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twinledger.contracts.evm.CashTokenContract;
import io.twinledger.contracts.evm.EvmClient;
import io.twinledger.finance.money.Money;
import io.twinledger.finance.payout.Holding;
import io.twinledger.finance.payout.Payout;
import io.twinledger.finance.payout.PayoutAllocation;
import io.twinledger.finance.payout.PayoutDigest;
import io.twinledger.ledger.store.TestDatabases;
import io.twinledger.ledger.token.evm.EvmSettings;
import io.twinledger.ledger.token.evm.EvmSettings.EvmContracts;
import io.twinledger.ledger.token.evm.EvmTokenLedger;
import io.twinledger.ledger.token.evm.LocalEvmNode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service is killed with SIGKILL while it pays the demo's 1,000-holder retail green bond on
 * Fabric and on a local EVM node. After a restart the payouts complete, and every holder was paid
 * each payment exactly once on each chain: the books record one payout per payment and chain, each
 * with the books' own allocation, and every holder's cash on the EVM chain is exactly the sum of
 * their allocations.
 */
class BondPayoutCrashTest {

  private static final String BOND = "riverton-green-retail";

  private Path dir;
  private Process service;
  private LocalEvmNode node;

  @AfterEach
  void stop() {
    if (service != null) {
      service.destroyForcibly();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void aKilledPayoutCompletesExactlyOnceOnBothChainsAfterARestart() throws Exception {
    node = LocalEvmNode.start();
    // Under target/, not a temporary directory: the two services' logs stay for a failure's reader.
    dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "bond-crash-");
    String db = TestDatabases.freshDatabase(TestDatabases.Target.EMBEDDED);
    int port = DemoProcess.freePort();

    service = start(db, port);
    // Fabric pays a payment in one transaction; the EVM leg in batches of 200 holders, seconds
    // apart: a payment paid on Fabric and not yet recorded for the EVM chain is mid-payout there.
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> paidOn(db, "fabric") > 0 && paidOn(db, "evm") < paidOn(db, "fabric"));
    Thread.sleep(1_500);
    service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    long declared = declared(db);
    assertThat(paidOn(db, "evm")).as("killed before every EVM payout").isLessThan(declared);

    service = start(db, port);
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> paidOn(db, "fabric") == declared(db) && paidOn(db, "evm") == declared(db));

    List<Holding> register = register(db);
    assertThat(register).hasSize(1_000);
    Map<String, BigInteger> owed = new HashMap<>();
    for (String[] payout : payouts(db)) {
      Money amount = Money.of(payout[2], payout[1]);
      List<Payout> allocation = PayoutAllocation.allocate(amount, register);
      assertThat(payout[3]).as(payout[0]).isEqualTo(PayoutDigest.of(allocation));
      if (payout[4].equals("evm")) {
        allocation.forEach(
            p ->
                owed.merge(
                    p.holder(),
                    p.amount().amount().movePointRight(2).toBigIntegerExact(),
                    BigInteger::add));
      }
    }
    assertThat(single(db, "SELECT count(*) FROM bond_payout_view WHERE bond_id = '" + BOND + "'"))
        .as("one payout per payment and chain")
        .isEqualTo(2 * declared(db));

    try (EvmTokenLedger evm = attach();
        EvmClient client = client()) {
      evm.openToken(BOND, "USD");
      CashTokenContract cash = new CashTokenContract(client, evm.contracts(BOND).cash());
      for (Holding holder : register) {
        String address = evm.addressOf(BOND, holder.holder()).orElseThrow();
        assertThat(cash.balanceOf(address))
            .as("cash of %s on the EVM chain", holder.holder())
            .isEqualTo(owed.getOrDefault(holder.holder(), BigInteger.ZERO));
      }
    }
  }

  private Process start(String db, int port) throws Exception {
    return DemoProcess.start(
        dir,
        db,
        port,
        "--twinledger.twin.mqtt.embedded=false",
        "--twinledger.demo.bonds.enabled=true",
        // The bonds' payout is under test; the village's market would only slow each start down.
        "--twinledger.demo.village.enabled=false",
        "--twinledger.bonds.run-every=PT1S",
        "--twinledger.evm.rpc-url=" + node.rpcUrl(),
        "--twinledger.evm.chain-id=" + LocalEvmNode.CHAIN_ID,
        "--twinledger.evm.agent-key=" + LocalEvmNode.AGENT_KEY);
  }

  private EvmTokenLedger attach() throws Exception {
    Map<String, EvmContracts> contracts =
        JsonMapper.shared()
            .readValue(
                Files.readString(dir.resolve("data/evm/contracts.json")),
                new TypeReference<Map<String, EvmContracts>>() {});
    return new EvmTokenLedger(
        new EvmSettings(node.rpcUrl(), LocalEvmNode.CHAIN_ID, LocalEvmNode.AGENT_KEY, contracts));
  }

  private EvmClient client() {
    return new EvmClient(
        node.rpcUrl(), LocalEvmNode.CHAIN_ID, Credentials.create(LocalEvmNode.AGENT_KEY));
  }

  private static long paidOn(String db, String chain) throws Exception {
    return single(
        db,
        "SELECT count(*) FROM bond_payout_view WHERE bond_id = '"
            + BOND
            + "' AND chain = '"
            + chain
            + "'");
  }

  private static long declared(String db) throws Exception {
    return single(db, "SELECT count(*) FROM bond_payment_view WHERE bond_id = '" + BOND + "'");
  }

  private static List<Holding> register(String db) throws Exception {
    List<Holding> holdings = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(db);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT holder, units FROM bond_holding_view WHERE bond_id = '" + BOND + "'")) {
      while (rs.next()) {
        holdings.add(new Holding(rs.getString(1), rs.getLong(2)));
      }
    }
    return holdings;
  }

  /** Payment id, amount, currency, digest, chain of each payout. */
  private static List<String[]> payouts(String db) throws Exception {
    List<String[]> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(db);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT payment_id, total, currency, allocation_digest, chain"
                    + " FROM bond_payout_view WHERE bond_id = '"
                    + BOND
                    + "'")) {
      while (rs.next()) {
        rows.add(
            new String[] {
              rs.getString(1),
              rs.getBigDecimal(2).toPlainString(),
              rs.getString(3),
              rs.getString(4),
              rs.getString(5)
            });
      }
    }
    return rows;
  }

  private static long single(String db, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
