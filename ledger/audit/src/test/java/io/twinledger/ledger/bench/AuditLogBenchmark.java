package io.twinledger.ledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.twinledger.contracts.merkle.InclusionProof;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.contracts.merkle.TreeHash;
import io.twinledger.ledger.audit.AuditLeaf;
import io.twinledger.ledger.audit.AuditLog;
import io.twinledger.ledger.audit.ReadingBatchLeaf;
import io.twinledger.ledger.store.LocalPostgres;
import io.twinledger.ledger.store.TestDatabases;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The Merkle audit log on the embedded PostgreSQL, durable (fsync and synchronous commit on, as
 * {@code ./twinledger} runs it):
 *
 * <ul>
 *   <li>appends per second in batches of 1,000 reading-batch leaves, one transaction each, beside
 *       raw SHA-256 leaf hashing of the same leaf data and a raw {@code COPY} of the same leaf rows
 *       into a table of the same shape (no tree, no duplicate check), in the same run;
 *   <li>a 10-million-leaf log built in batches of 100,000 (timed), then inclusion-proof latency
 *       (p50, p99) over random leaves, from a fresh log instance whose subtree cache starts empty.
 * </ul>
 *
 * <p>Run with {@code ./mvnw -Pbench -pl ledger/audit -am verify -Dtest=AuditLogBenchmark}; the
 * table goes to standard output and to {@code ledger/target/benchmarks/audit-log.md}.
 */
@Tag("benchmark")
class AuditLogBenchmark {

  private static final int BATCH = 1_000;
  private static final int BATCHES = 200;
  private static final long BIG = Long.getLong("audit.bench.leaves", 10_000_000L);
  private static final int BIG_BATCH = 100_000;
  private static final int PROOFS = 5_000;

  private static List<AuditLeaf> leaves(long from, int count) {
    List<AuditLeaf> leaves = new ArrayList<>(count);
    for (long id = from; id < from + count; id++) {
      byte[] digest = ByteBuffer.allocate(32).putLong(id).putLong(~id).putLong(id * 31).array();
      leaves.add(new ReadingBatchLeaf(id, "mqtt:bench", 1 + id % 2_000, Sha256.of(digest)));
    }
    return leaves;
  }

  @Test
  void appendsAndProofs() throws Exception {
    Path dir = Files.createTempDirectory("twinledger-audit-bench");
    List<String> lines = new ArrayList<>();
    try (LocalPostgres postgres =
            LocalPostgres.start(dir.resolve("pg"), LocalPostgres.Durability.DURABLE);
        HikariDataSource dataSource = TestDatabases.migrated(postgres.ensureDatabase("bench"), 4)) {
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE raw_leaf (LIKE audit_leaf INCLUDING ALL)");
      }
      int total = BATCH * BATCHES;
      byte[] sample = leaves(1, 1).getFirst().data();
      lines.add("Leaf data: " + sample.length + " bytes (a reading-batch leaf)");

      // Warm-up: the JIT, the connection pool and the tables' first pages.
      AuditLog warm = AuditLog.open(dataSource, "warm");
      for (int b = 0; b < 20; b++) {
        warm.append(leaves(1 + (long) b * BATCH, BATCH));
        rawCopy(dataSource, leaves(1 + (long) b * BATCH, BATCH), "warm", b * BATCH);
      }

      AuditLog log = AuditLog.open(dataSource, "bench");
      long start = System.nanoTime();
      for (int b = 0; b < BATCHES; b++) {
        log.append(leaves(1 + (long) b * BATCH, BATCH));
      }
      double appends = total / seconds(start);

      List<byte[]> data = new ArrayList<>(total);
      for (AuditLeaf leaf : leaves(1, total)) {
        data.add(leaf.data());
      }
      start = System.nanoTime();
      long sink = 0;
      for (byte[] d : data) {
        sink += TreeHash.leaf(d).hashCode();
      }
      double hashing = total / seconds(start);

      start = System.nanoTime();
      for (int b = 0; b < BATCHES; b++) {
        rawCopy(dataSource, leaves(1 + (long) b * BATCH, BATCH), "raw", b * BATCH);
      }
      double copy = total / seconds(start);

      lines.add("");
      lines.add("| path | leaves/s |");
      lines.add("|---|---:|");
      lines.add(
          "| `AuditLog.append`, " + BATCH + " leaves per transaction | " + rate(appends) + " |");
      lines.add(
          "| raw `COPY` of the same leaf rows, "
              + BATCH
              + " per transaction | "
              + rate(copy)
              + " |");
      lines.add("| raw SHA-256 leaf hashes of the same data, 1 thread | " + rate(hashing) + " |");
      lines.add("");
      lines.add("(" + total + " leaves each; checksum " + (sink & 0xff) + ")");

      AuditLog big = AuditLog.open(dataSource, "bench-10m");
      start = System.nanoTime();
      for (long from = 1; from <= BIG; from += BIG_BATCH) {
        big.append(leaves(from, (int) Math.min(BIG_BATCH, BIG - from + 1)));
      }
      double buildSeconds = seconds(start);
      lines.add("");
      lines.add(
          String.format(
              Locale.ROOT,
              "Built a %,d-leaf log in %.0f s (%s leaves/s, batches of %,d).",
              BIG,
              buildSeconds,
              rate(BIG / buildSeconds),
              BIG_BATCH));

      AuditLog reader = AuditLog.open(dataSource, "bench-10m");
      Sha256 root = reader.root(BIG);
      SplittableRandom random = new SplittableRandom(42);
      long[] nanos = new long[PROOFS];
      int pathLength = 0;
      for (int i = 0; i < PROOFS; i++) {
        long index = random.nextLong(BIG);
        long t = System.nanoTime();
        InclusionProof proof = reader.inclusion(index, BIG);
        nanos[i] = System.nanoTime() - t;
        pathLength = proof.path().size();
        if (i % 500 == 0) {
          Sha256 leaf = reader.leaf(index).orElseThrow().hash();
          assertThat(proof.verify(leaf, root).isValid()).isTrue();
        }
      }
      Arrays.sort(nanos);
      lines.add(
          String.format(
              Locale.ROOT,
              "Inclusion proofs at %,d leaves (%d hashes each), %,d random leaves, one thread:"
                  + " p50 %.2f ms, p99 %.2f ms, max %.2f ms.",
              BIG,
              pathLength,
              PROOFS,
              nanos[PROOFS / 2] / 1e6,
              nanos[PROOFS * 99 / 100] / 1e6,
              nanos[PROOFS - 1] / 1e6));
      report(lines);
    }
  }

  private static void rawCopy(
      HikariDataSource dataSource, List<AuditLeaf> leaves, String logId, long firstIndex)
      throws Exception {
    StringBuilder rows = new StringBuilder(leaves.size() * 400);
    long index = firstIndex;
    HexFormat hex = HexFormat.of();
    for (AuditLeaf leaf : leaves) {
      byte[] data = leaf.data();
      rows.append(logId)
          .append('\t')
          .append(index++)
          .append("\t\\\\x")
          .append(TreeHash.leaf(data).hex())
          .append('\t')
          .append(leaf.kind().label())
          .append('\t')
          .append(leaf.reference())
          .append("\t\\\\x")
          .append(hex.formatHex(data))
          .append('\n');
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      c.unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn(
              "COPY raw_leaf (log_id, leaf_index, leaf_hash, kind, reference, data) FROM STDIN",
              new ByteArrayInputStream(rows.toString().getBytes(StandardCharsets.US_ASCII)));
      c.commit();
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f", perSecond);
  }

  private static void report(List<String> lines) throws Exception {
    String text = String.join("\n", lines) + "\n";
    System.out.println(text);
    Path out = Path.of("target", "benchmarks", "audit-log.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, text);
  }
}
