package io.twinledger.ledger.token.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.twinledger.contracts.chaincode.TwinLedgerChaincode;
import io.twinledger.finance.money.Money;
import io.twinledger.finance.payout.Holding;
import io.twinledger.finance.payout.PayoutAllocation;
import io.twinledger.ledger.peer.EmbeddedPeer;
import io.twinledger.ledger.peer.commit.BatchLimits;
import io.twinledger.ledger.peer.consortium.ConsortiumPeer;
import io.twinledger.ledger.store.TestDatabases;
import io.twinledger.ledger.token.PayoutOrder;
import io.twinledger.ledger.token.PayoutReceipt;
import io.twinledger.ledger.token.fabric.FabricTokenLedger;
import io.twinledger.network.Consortium;
import io.twinledger.network.msp.MspDirectory;
import io.twinledger.network.msp.MspIdentity;
import io.twinledger.network.msp.NodeOu;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Times a 1,000-holder payout end to end on the user's path: {@link FabricTokenLedger#pay} (the
 * record-date {@code Snapshot}, then {@code Pay} of all 1,000 holders in one transaction) through
 * the Fabric Gateway client over plaintext gRPC on loopback ({@link EmbeddedPeer#serveTcp}), to the
 * embedded peer configured from the consortium (the real {@code twinledger-bonds} chaincode, both
 * endorsing organisations, default block cutting, embedded PostgreSQL). Beside it, in the same run:
 * {@link PayoutAllocation} of the same holdings alone, a one-key transaction on the same chaincode
 * ({@code FundCash}: the commit latency every transaction pays, mostly the orderer's 200 ms batch
 * timeout) and the {@code Snapshot} alone.
 *
 * <p>Run with {@code ./mvnw -Pbench -pl ledger/tokens verify -Dtest=FabricPayoutBenchmark}; the
 * table goes to standard output and to {@code ledger/tokens/target/benchmarks/fabric-payout.md}.
 */
@Tag("benchmark")
class FabricPayoutBenchmark {

  private static final String CHANNEL = "infra-performance";
  private static final String GATEWAY_MSP = "CityFinanceMSP";
  private static final String TOKEN = "bench-gb";
  private static final int HOLDERS = 1_000;
  private static final int WARM_UP = 3;
  private static final int MEASURED = 10;

  @Test
  void thousandHolderPayout() throws Exception {
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Consortium consortium = Consortium.twinLedger();
    Path dir = Files.createTempDirectory("twinledger-payout-bench");
    MspDirectory msps = MspDirectory.openOrCreate(dir.resolve("fabric"), consortium);
    MspIdentity client = msps.organisation(GATEWAY_MSP).orElseThrow().identity(NodeOu.CLIENT);
    try (HikariDataSource dataSource = TestDatabases.migrated(6);
        EmbeddedPeer peer =
            EmbeddedPeer.start(
                ConsortiumPeer.settings(
                    consortium,
                    msps,
                    CHANNEL,
                    GATEWAY_MSP,
                    dataSource,
                    TwinLedgerChaincode.CONTRACTS,
                    TwinLedgerChaincode.DATA_TYPES,
                    BatchLimits.DEFAULT))) {
      int port = peer.serveTcp(0);
      ManagedChannel grpc =
          NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
      try (Gateway gateway =
          Gateway.newInstance()
              .identity(new X509Identity(client.mspId(), client.certificate()))
              .signer(Signers.newPrivateKeySigner(client.privateKey()))
              .hash(Hash.SHA256)
              .connection(grpc)
              .connect()) {
        report(measure(new FabricTokenLedger(gateway, CHANNEL)), loadBefore);
      } finally {
        grpc.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  private static List<String> measure(FabricTokenLedger ledger) {
    Random random = new Random(20_261_206L);
    List<Holding> holdings = new ArrayList<>(HOLDERS);
    for (int i = 0; i < HOLDERS; i++) {
      holdings.add(new Holding(String.format("investor-%04d", i), 1 + random.nextInt(10_000)));
    }
    List<Holding> byHolder =
        holdings.stream().sorted(Comparator.comparing(Holding::holder)).toList();
    ledger.openToken(TOKEN, "USD");
    ledger.registerBond(TOKEN, "ab".repeat(32), "USD");
    ledger.registerHolders(TOKEN, holdings.stream().map(Holding::holder).toList());
    ledger.issue(TOKEN, "issue-1", holdings);
    ledger.fundCash(Money.of("USD", "100000000.00"));
    Money amount = Money.of("USD", "123456.78");

    long[] allocation = new long[MEASURED];
    long[] oneKey = new long[MEASURED];
    long[] snapshot = new long[MEASURED];
    long[] payout = new long[MEASURED];
    for (int run = 0; run < WARM_UP + MEASURED; run++) {
      long start = System.nanoTime();
      PayoutAllocation.allocate(amount, byHolder);
      long allocated = System.nanoTime() - start;

      start = System.nanoTime();
      ledger.fundCash(Money.of("USD", "0.01"));
      long funded = System.nanoTime() - start;

      start = System.nanoTime();
      ledger.snapshot(TOKEN, "snapshot-only-" + run);
      long snapshotted = System.nanoTime() - start;

      start = System.nanoTime();
      PayoutReceipt receipt = ledger.pay(new PayoutOrder(TOKEN, "coupon-" + run, amount));
      long paid = System.nanoTime() - start;
      assertThat(receipt.payouts()).isEqualTo(PayoutAllocation.allocate(amount, byHolder));

      if (run >= WARM_UP) {
        allocation[run - WARM_UP] = allocated;
        oneKey[run - WARM_UP] = funded;
        snapshot[run - WARM_UP] = snapshotted;
        payout[run - WARM_UP] = paid;
      }
    }
    return List.of(
        row("`PayoutAllocation.allocate`, 1,000 holders, in memory (baseline)", allocation),
        row("one-key transaction `FundCash` over gRPC (baseline: commit latency)", oneKey),
        row("`Snapshot` of 1,000 balances over gRPC", snapshot),
        row("`FabricTokenLedger.pay`: `Snapshot` + `Pay` to 1,000 holders over gRPC", payout));
  }

  private static String row(String path, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format(
        Locale.ROOT,
        "| %s | %.1f | %.1f | %.1f |",
        path,
        sorted[sorted.length / 2] / 1e6,
        sorted[0] / 1e6,
        sorted[sorted.length - 1] / 1e6);
  }

  private static void report(List<String> rows, double loadBefore) throws IOException {
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    String report =
        String.format(
                Locale.ROOT,
                "Fabric payout to %,d holders, %d measured runs after %d warm-up; %d cores, load"
                    + " average %.1f before, %.1f after%n%n| Path | median ms | min ms | max ms |%n"
                    + "|---|---:|---:|---:|%n",
                HOLDERS,
                MEASURED,
                WARM_UP,
                Runtime.getRuntime().availableProcessors(),
                loadBefore,
                loadAfter)
            + String.join(System.lineSeparator(), rows)
            + System.lineSeparator();
    System.out.println(report);
    Path out = Path.of("target", "benchmarks");
    Files.createDirectories(out);
    Files.writeString(out.resolve("fabric-payout.md"), report);
  }
}
