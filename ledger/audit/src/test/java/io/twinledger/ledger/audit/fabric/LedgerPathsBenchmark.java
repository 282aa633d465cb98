package io.twinledger.ledger.audit.fabric;

import com.sun.management.OperatingSystemMXBean;
import com.zaxxer.hikari.HikariDataSource;
import io.grpc.ManagedChannel;
import io.twinledger.contracts.chaincode.TwinLedgerChaincode;
import io.twinledger.contracts.merkle.Checkpoint;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.ledger.audit.CheckpointSigner;
import io.twinledger.ledger.peer.EmbeddedPeer;
import io.twinledger.ledger.peer.commit.BatchLimits;
import io.twinledger.ledger.peer.commit.CommitStatistics;
import io.twinledger.ledger.peer.consortium.ConsortiumPeer;
import io.twinledger.ledger.peer.fixture.SubmitLoad;
import io.twinledger.ledger.peer.fixture.TlsAuthority;
import io.twinledger.ledger.peer.identity.EcdsaSignatures;
import io.twinledger.ledger.store.LocalPostgres;
import io.twinledger.ledger.store.TestDatabases;
import io.twinledger.network.Consortium;
import io.twinledger.network.msp.MspDirectory;
import io.twinledger.network.msp.MspIdentity;
import io.twinledger.network.msp.NodeOu;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.json.JSONObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The embedded peer's committed transactions per second on the two paths a transaction can take, in
 * one run on one peer, with the real audit-anchor chaincode ({@code RecordCheckpoint}: the
 * checkpoint's signature verified, two writes and an event; endorsed by the log operator and the
 * auditor as the consortium's policy requires):
 *
 * <ul>
 *   <li><b>in-process</b>: the Java {@code fabric-gateway} client inside the peer's JVM over
 *       in-process gRPC, as the service in embedded mode anchors;
 *   <li><b>external</b>: Hyperledger's Node.js {@code fabric-gateway} client in its own process,
 *       over TLS on the peer's TCP port, as an application of another organisation would.
 * </ul>
 *
 * <p>Each transaction records the first checkpoint of a log of its own, so none conflicts. Peer CPU
 * is this JVM's CPU time over the measured window, per committed transaction; on the in-process
 * path it includes the client's own work, on the external path the Node client reports its CPU
 * apart. PostgreSQL (durable: fsync and synchronous commit on) runs beside them on the same cores.
 * With {@code -Dbench.profile=true} the external run is recorded by Java Flight Recorder and the
 * hottest methods are listed.
 *
 * <p>Run with {@code ./mvnw -Pbench -pl ledger/audit -am verify -Dtest=LedgerPathsBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; the table goes to standard output and to {@code
 * ledger/audit/target/benchmarks/ledger-paths.md}. The external row needs {@code npm ci} in {@code
 * ledger/audit/node-client}.
 */
@Tag("benchmark")
class LedgerPathsBenchmark {

  private static final String CHANNEL = "infra-performance";
  private static final String CHAINCODE = "twinledger-anchor";
  private static final int IN_PROCESS_IN_FLIGHT = 1_500;
  private static final int EXTERNAL_IN_FLIGHT = Integer.getInteger("bench.external.inFlight", 500);
  private static final int WARMUP = Integer.getInteger("bench.warmup", 5_000);
  private static final int MEASURED = Integer.getInteger("bench.measured", 15_000);

  private final AtomicInteger logs = new AtomicInteger();

  @Test
  void committedTransactionsPerSecondOnBothPaths() throws Exception {
    Path dir = Files.createTempDirectory("twinledger-ledger-paths");
    Consortium consortium = Consortium.twinLedger();
    MspDirectory msps = MspDirectory.openOrCreate(dir.resolve("fabric"), consortium);
    MspIdentity city = msps.organisation("CityFinanceMSP").orElseThrow().identity(NodeOu.CLIENT);
    List<String> rows = new ArrayList<>();
    String profile = "";
    try (LocalPostgres postgres =
            LocalPostgres.start(dir.resolve("pg"), LocalPostgres.Durability.DURABLE);
        HikariDataSource dataSource =
            TestDatabases.migrated(postgres.ensureDatabase("ledger_paths"), 8);
        EmbeddedPeer peer =
            EmbeddedPeer.start(
                ConsortiumPeer.allChannels(
                    consortium,
                    msps,
                    "CityFinanceMSP",
                    dataSource,
                    TwinLedgerChaincode.CONTRACTS,
                    TwinLedgerChaincode.DATA_TYPES,
                    BatchLimits.DEFAULT))) {
      ManagedChannel grpc = peer.newChannel();
      try (Gateway gateway = inProcessGateway(city, grpc)) {
        Contract contract = gateway.getNetwork(CHANNEL).getContract(CHAINCODE);
        runInProcess(contract, prepare(city, WARMUP));
        List<List<String>> measured = prepare(city, MEASURED);
        Recording recording = profiled() ? startRecording() : null;
        rows.add(measureInProcess(peer, contract, measured));
        if (recording != null) {
          profile += hotMethods("the in-process run", recording, dir.resolve("in-process.jfr"));
        }
      } finally {
        grpc.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      if (NodeGatewayClient.installed()) {
        TlsAuthority tlsCa = TlsAuthority.create("CityFinanceMSP", "cityfinance");
        int port =
            peer.serveTls(0, tlsCa.issueLoopbackServer("peer0.cityfinance").serverSettings());
        for (String signer : List.of("package", "native")) {
          JSONObject config = externalConfig(city, signer, port, tlsCa, dir);
          runExternal(config, prepare(city, WARMUP), dir);
          List<List<String>> measured = prepare(city, MEASURED);
          Recording recording = profiled() ? startRecording() : null;
          rows.add(measureExternal(peer, config, signer, measured, dir));
          if (recording != null) {
            profile +=
                hotMethods(
                    "the external run (" + signer + " signer)",
                    recording,
                    dir.resolve("external-" + signer + ".jfr"));
          }
        }
      } else {
        rows.add("| external | (skipped: npm ci in ledger/audit/node-client) | | | | | |");
      }
    }
    report(rows, profile);
  }

  private List<List<String>> prepare(MspIdentity city, int count) {
    CheckpointSigner signer = new CheckpointSigner(city.privateKey(), city.certificate());
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Sha256 empty = Sha256.digest(new byte[0]);
    List<List<String>> transactions = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Checkpoint checkpoint = new Checkpoint("bench-" + logs.incrementAndGet(), 0, empty, now);
      transactions.add(FabricCheckpointAnchor.arguments(signer.sign(checkpoint), Optional.empty()));
    }
    return transactions;
  }

  private static Gateway inProcessGateway(MspIdentity city, ManagedChannel grpc) {
    return Gateway.newInstance()
        .identity(new X509Identity(city.mspId(), city.certificate()))
        .signer(digest -> EcdsaSignatures.signDigest(city.privateKey(), digest))
        .hash(Hash.SHA256)
        .connection(grpc)
        .connect();
  }

  private static long[] runInProcess(Contract contract, List<List<String>> transactions)
      throws InterruptedException {
    return SubmitLoad.run(
        contract,
        FabricCheckpointAnchor.RECORD,
        i -> transactions.get(i).toArray(String[]::new),
        transactions.size(),
        IN_PROCESS_IN_FLIGHT);
  }

  private static String measureInProcess(
      EmbeddedPeer peer, Contract contract, List<List<String>> transactions) throws Exception {
    CommitStatistics before = peer.channel(CHANNEL).commitStatistics();
    long cpuBefore = processCpuNanos();
    long started = System.nanoTime();
    long[] outcome = runInProcess(contract, transactions);
    double seconds = (System.nanoTime() - started) / 1e9;
    long cpu = processCpuNanos() - cpuBefore;
    return row(
        "in-process: Java fabric-gateway client in the peer's JVM, "
            + IN_PROCESS_IN_FLIGHT
            + " in flight",
        outcome[0],
        outcome[1],
        seconds,
        cpu,
        "included",
        blocksPer(before, peer.channel(CHANNEL).commitStatistics()));
  }

  private static JSONObject externalConfig(
      MspIdentity city, String signer, int port, TlsAuthority tlsCa, Path dir) {
    return new JSONObject()
        .put(
            "peer",
            new JSONObject()
                .put("url", "localhost:" + port)
                .put("tlsCaCert", NodeGatewayClient.pem(tlsCa.certificate())))
        .put("identity", NodeGatewayClient.identity(city).put("signer", signer))
        .put("channel", CHANNEL)
        .put("chaincode", CHAINCODE)
        .put("fn", FabricCheckpointAnchor.RECORD)
        .put("concurrency", EXTERNAL_IN_FLIGHT)
        .put("argsFile", dir.resolve("args.jsonl").toString());
  }

  private static JSONObject runExternal(
      JSONObject config, List<List<String>> transactions, Path dir) throws IOException {
    Files.write(
        dir.resolve("args.jsonl"),
        transactions.stream().map(t -> new org.json.JSONArray(t).toString()).toList());
    List<JSONObject> printed = NodeGatewayClient.run("bench.mjs", config, Duration.ofMinutes(15));
    return printed.getLast();
  }

  private static String measureExternal(
      EmbeddedPeer peer,
      JSONObject config,
      String signer,
      List<List<String>> transactions,
      Path dir)
      throws IOException {
    CommitStatistics before = peer.channel(CHANNEL).commitStatistics();
    long cpuBefore = processCpuNanos();
    JSONObject result = runExternal(config, transactions, dir);
    long cpu = processCpuNanos() - cpuBefore;
    long committed = result.getLong("committed");
    long failed =
        result.getJSONObject("failed").toMap().values().stream()
            .mapToLong(v -> ((Number) v).longValue())
            .sum();
    return row(
        "external: Node.js fabric-gateway client ("
            + signer
            + " signer), own process, TCP with TLS, "
            + EXTERNAL_IN_FLIGHT
            + " in flight",
        committed,
        failed,
        result.getDouble("seconds"),
        cpu,
        String.format(
            Locale.ROOT, "%.2f ms", result.getDouble("clientCpuSeconds") * 1e3 / committed),
        blocksPer(before, peer.channel(CHANNEL).commitStatistics()));
  }

  private static String row(
      String path,
      long committed,
      long failed,
      double seconds,
      long peerCpuNanos,
      String clientCpu,
      double txPerBlock) {
    return String.format(
        Locale.ROOT,
        "| %s | %,d | %d | %,.0f | %.2f ms | %s | %.0f |",
        path,
        committed,
        failed,
        committed / seconds,
        peerCpuNanos / 1e6 / Math.max(1, committed),
        clientCpu,
        txPerBlock);
  }

  private static double blocksPer(CommitStatistics before, CommitStatistics after) {
    return (double) (after.transactions() - before.transactions())
        / Math.max(1, after.blocks() - before.blocks());
  }

  private static boolean profiled() {
    return Boolean.getBoolean("bench.profile");
  }

  private static Recording startRecording() {
    Recording recording = new Recording();
    recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
    recording.start();
    return recording;
  }

  /** The methods most often on top of the sampled stacks, and the packages they belong to. */
  private static String hotMethods(String run, Recording recording, Path file) throws IOException {
    recording.stop();
    recording.dump(file);
    recording.close();
    Map<String, Integer> methods = new TreeMap<>();
    Map<String, Integer> packages = new TreeMap<>();
    int samples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")
          || event.getStackTrace() == null
          || event.getStackTrace().getFrames().isEmpty()) {
        continue;
      }
      samples++;
      RecordedFrame top = event.getStackTrace().getFrames().getFirst();
      String type = top.getMethod().getType().getName();
      methods.merge(type + "." + top.getMethod().getName(), 1, Integer::sum);
      packages.merge(area(event.getStackTrace().getFrames()), 1, Integer::sum);
    }
    int total = Math.max(1, samples);
    return "\nSelf time of the peer's JVM during "
        + run
        + " ("
        + samples
        + " samples, every millisecond per running thread):\n\n| method | share |\n|---|---:|\n"
        + top(methods, total, 15)
        + "\n\nBy what the sampled thread was doing (its first TwinLedger, gRPC, Netty or"
        + " JDBC frame):\n\n| work | share |\n|---|---:|\n"
        + top(packages, total, 12)
        + "\n";
  }

  /** What a stack is doing: the nearest frame in a package that names the work. */
  private static String area(List<RecordedFrame> frames) {
    for (RecordedFrame frame : frames) {
      String type = frame.getMethod().getType().getName();
      for (String prefix :
          List.of(
              "io.twinledger.ledger.peer.",
              "io.twinledger.contracts.",
              "org.hyperledger.fabric.shim.",
              "org.postgresql.",
              "io.grpc.netty.",
              "io.grpc.",
              "org.conscrypt.",
              "sun.security.ec.",
              "com.google.protobuf.")) {
        if (type.startsWith(prefix)) {
          return type.startsWith("io.twinledger.ledger.peer.")
              ? "peer: " + type.substring(prefix.length()).replaceFirst("\\..*", "")
              : prefix.substring(0, prefix.length() - 1);
        }
      }
    }
    return "other";
  }

  private static String top(Map<String, Integer> counts, int total, int n) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(n)
        .map(
            e ->
                String.format(
                    Locale.ROOT, "| %s | %.1f %% |", e.getKey(), 100.0 * e.getValue() / total))
        .collect(Collectors.joining("\n"));
  }

  private static long processCpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void report(List<String> rows, String profile) throws IOException {
    String table =
        "| path | committed | not committed | committed tx/s | peer JVM CPU per tx | client CPU per tx"
            + " | tx per block |\n|---|---:|---:|---:|---:|---:|---:|\n"
            + String.join("\n", rows)
            + "\n"
            + profile;
    System.out.println(table);
    Path out = Path.of("target/benchmarks/ledger-paths.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table);
  }
}
