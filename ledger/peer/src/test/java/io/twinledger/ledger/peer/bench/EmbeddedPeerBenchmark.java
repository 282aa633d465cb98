package io.twinledger.ledger.peer.bench;

import com.sun.management.OperatingSystemMXBean;
import io.twinledger.ledger.peer.commit.BatchLimits;
import io.twinledger.ledger.peer.commit.CommitStatistics;
import io.twinledger.ledger.peer.fixture.PeerFixture;
import io.twinledger.ledger.peer.fixture.SubmitLoad;
import io.twinledger.ledger.peer.fixture.TestIdentity;
import io.twinledger.ledger.peer.fixture.TestOrganization;
import io.twinledger.ledger.peer.identity.EcdsaSignatures;
import io.twinledger.ledger.store.LocalPostgres;
import io.twinledger.network.msp.NodeOu;
import io.twinledger.network.policy.EndorsementPolicy;
import io.twinledger.network.policy.SignedBy;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.hyperledger.fabric.client.Contract;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Committed transactions per second through the real gateway client and in-process gRPC, on a
 * durable embedded PostgreSQL (fsync and synchronous commit on), with 100-byte values: blind writes
 * (one new key per transaction) and read-writes (read a committed key, write it back), with one and
 * with two endorsing organisations. Clients keep {@value #IN_FLIGHT} transactions in flight ({@code
 * newProposal().build().endorse().submitAsync().getStatus()} on virtual threads). Client and peer
 * share this JVM and its cores; PostgreSQL runs beside them.
 *
 * <p>Run with {@code ./mvnw -Pbench -pl ledger/peer -am verify -Dtest=EmbeddedPeerBenchmark}; the
 * table goes to standard output and to {@code ledger/target/benchmarks/embedded-peer.md}.
 */
@Tag("benchmark")
class EmbeddedPeerBenchmark {

  /** Three blocks' worth: with fewer, every block waits for the orderer's timeout to be cut. */
  private static final int IN_FLIGHT = 1_500;

  /**
   * Transactions before the first measurement: with client, peer and PostgreSQL busy on both cores,
   * the JIT compilers need about this many before the rate settles.
   */
  private static final int FIRST_WARMUP = 60_000;

  /** Transactions before the measurement on a second peer, in a JVM already warm. */
  private static final int WARMUP = 20_000;

  private static final int MEASURED = 30_000;
  private static final String VALUE = "v".repeat(100);

  @Test
  void committedTransactionsPerSecond() throws Exception {
    List<String> rows = new ArrayList<>();
    Path dir = Files.createTempDirectory("twinledger-peer-bench");
    try (LocalPostgres postgres =
        LocalPostgres.start(dir.resolve("pg"), LocalPostgres.Durability.DURABLE)) {
      EndorsementPolicy org1 = new SignedBy("Org1MSP");
      try (PeerFixture fixture =
          PeerFixture.start(
              postgres.ensureDatabase("peer_bench_one").urlWithCredentials(),
              BatchLimits.DEFAULT,
              org1)) {
        Contract contract = contract(fixture);
        run(contract, "put", i -> new String[] {"warm-" + i, VALUE}, FIRST_WARMUP);
        rows.add(
            measure(
                fixture,
                contract,
                "blind write",
                "Org1",
                "put",
                i -> new String[] {"bw-" + i, VALUE}));
        rows.add(
            measure(
                fixture,
                contract,
                "read-write",
                "Org1",
                "readWrite",
                i -> new String[] {"bw-" + i, VALUE}));
      }
      try (PeerFixture fixture =
          PeerFixture.start(
              postgres.ensureDatabase("peer_bench_two").urlWithCredentials(),
              BatchLimits.DEFAULT,
              PeerFixture.bothOrganizations())) {
        Contract contract = contract(fixture);
        run(contract, "put", i -> new String[] {"warm-" + i, VALUE}, WARMUP);
        rows.add(
            measure(
                fixture,
                contract,
                "blind write",
                "Org1 AND Org2",
                "put",
                i -> new String[] {"bw-" + i, VALUE}));
      }
    }
    rows.add(cryptoRow());
    report(rows);
  }

  private static String measure(
      PeerFixture fixture,
      Contract contract,
      String workload,
      String policy,
      String function,
      IntFunction<String[]> arguments)
      throws Exception {
    CommitStatistics before = fixture.channel().commitStatistics();
    long cpuBefore = processCpuNanos();
    long started = System.nanoTime();
    long[] outcome = run(contract, function, arguments, MEASURED);
    double seconds = (System.nanoTime() - started) / 1e9;
    double cpuMillisPerTx = (processCpuNanos() - cpuBefore) / 1e6 / MEASURED;
    CommitStatistics after = fixture.channel().commitStatistics();
    long blocks = after.blocks() - before.blocks();
    long transactions = after.transactions() - before.transactions();
    return String.format(
        Locale.ROOT,
        "| %s | %s | %,d | %,.0f | %d | %.0f | %.2f | %.0f / %.0f / %.0f / %.0f |",
        workload,
        policy,
        outcome[0],
        outcome[0] / seconds,
        outcome[1],
        (double) transactions / Math.max(1, blocks),
        cpuMillisPerTx,
        perTxMicros(after.checking().minus(before.checking()).toNanos(), transactions),
        perTxMicros(after.deciding().minus(before.deciding()).toNanos(), transactions),
        perTxMicros(after.storing().minus(before.storing()).toNanos(), transactions),
        perTxMicros(after.applying().minus(before.applying()).toNanos(), transactions));
  }

  /**
   * Runs {@code count} transactions with {@link #IN_FLIGHT} in flight; returns {valid, invalid}.
   */
  private static long[] run(
      Contract contract, String function, IntFunction<String[]> arguments, int count)
      throws InterruptedException {
    return SubmitLoad.run(contract, function, arguments, count, IN_FLIGHT);
  }

  private static String cryptoRow() {
    TestIdentity identity = TestOrganization.create("CryptoMSP").issue("bench", NodeOu.CLIENT);
    byte[] message = VALUE.repeat(10).getBytes();
    int n = 3_000;
    byte[] signature = new byte[0];
    long started = System.nanoTime();
    for (int i = 0; i < n; i++) {
      signature = EcdsaSignatures.sign(identity.keys().getPrivate(), message);
    }
    double sign = (System.nanoTime() - started) / 1e3 / n;
    started = System.nanoTime();
    for (int i = 0; i < n; i++) {
      EcdsaSignatures.verify(identity.keys().getPublic(), message, signature);
    }
    double verify = (System.nanoTime() - started) / 1e3 / n;
    return String.format(
        Locale.ROOT,
        "\nECDSA P-256 on this machine, as the peer and its clients do it ("
            + EcdsaSignatures.provider()
            + "): sign %.0f µs, verify %.0f µs. Per transaction the"
            + " client signs 3 times (proposal, envelope, commit-status request) and the peer signs"
            + " once per endorsing organisation and verifies 3 times (proposal, commit-status"
            + " request, envelope at commit); its own endorsements are recognised, not verified"
            + " again.",
        sign,
        verify);
  }

  private static Contract contract(PeerFixture fixture) {
    // The client signs as the service's LedgerConnection does, with the peer's ECDSA.
    PrivateKey key = fixture.org1Client.keys().getPrivate();
    return fixture
        .connect(fixture.org1Client, digest -> EcdsaSignatures.signDigest(key, digest))
        .getNetwork(PeerFixture.CHANNEL)
        .getContract(PeerFixture.CHAINCODE, PeerFixture.CONTRACT);
  }

  private static double perTxMicros(long nanos, long transactions) {
    return nanos / 1e3 / Math.max(1, transactions);
  }

  private static long processCpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void report(List<String> rows) throws IOException {
    StringBuilder table = new StringBuilder();
    table.append(
        "| Workload | Endorsement policy | Committed (valid) | Committed tx/s | Invalid |"
            + " Tx per block | JVM CPU ms/tx | Commit thread µs/tx: check / decide / store /"
            + " apply |\n");
    table.append("|---|---|---|---|---|---|---|---|\n");
    rows.forEach(row -> table.append(row).append('\n'));
    System.out.println(table);
    Path out = Path.of("target", "benchmarks", "embedded-peer.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table);
  }
}
