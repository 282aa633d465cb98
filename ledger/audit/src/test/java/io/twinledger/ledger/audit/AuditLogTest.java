package io.twinledger.ledger.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.contracts.merkle.TreeHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuditLogTest {

  private static HikariDataSource dataSource;

  @BeforeAll
  static void database() {
    dataSource = AuditDatabase.fresh();
  }

  @AfterAll
  static void close() {
    dataSource.close();
  }

  /** MTH by the RFC's recursion over the leaf hashes: the oracle the stored tree must match. */
  private static Sha256 mth(List<Sha256> leaves) {
    if (leaves.size() == 1) {
      return leaves.getFirst();
    }
    int k = Integer.highestOneBit(leaves.size() - 1);
    return TreeHash.node(mth(leaves.subList(0, k)), mth(leaves.subList(k, leaves.size())));
  }

  @Test
  void rootsAndProofsOfEverySizeMatchTheRfcRecursionOverTheLeaves() {
    AuditLog log = AuditLog.open(dataSource, "roots");
    List<AuditLeaf> leaves = AuditDatabase.batches(1, 70);
    int at = 0;
    for (int batch : new int[] {1, 1, 3, 7, 20, 38}) {
      Appended appended = log.append(leaves.subList(at, at + batch));
      assertThat(appended).isEqualTo(new Appended(at, batch, at + batch));
      at += batch;
    }
    List<Sha256> hashes = leaves.stream().map(AuditLeaf::hash).toList();

    assertThat(log.size()).isEqualTo(70);
    assertThat(log.root(0)).isEqualTo(TreeHash.EMPTY);
    for (int size = 1; size <= 70; size++) {
      Sha256 root = mth(hashes.subList(0, size));
      assertThat(log.root(size)).as("root of %d", size).isEqualTo(root);
      for (int index = 0; index < size; index += 5) {
        assertThat(log.inclusion(index, size).verify(hashes.get(index), root).isValid())
            .as("leaf %d of %d", index, size)
            .isTrue();
      }
      for (int size1 = 1; size1 <= size; size1 += 6) {
        assertThat(
                log.consistency(size1, size).verify(mth(hashes.subList(0, size1)), root).isValid())
            .as("%d to %d", size1, size)
            .isTrue();
      }
    }
    assertThat(log.checkpoint(java.time.Instant.EPOCH).root()).isEqualTo(mth(hashes));
  }

  @Test
  void aTreeSizeBeyondTheLogIsRefused() {
    AuditLog log = AuditLog.open(dataSource, "beyond");
    log.append(AuditDatabase.batches(1, 3));

    assertThatThrownBy(() -> log.inclusion(0, 4))
        .hasMessage("tree size 4 is beyond the 3 leaves of log beyond");
    assertThatThrownBy(() -> log.inclusion(3, 3))
        .hasMessage("leaf index 3 is outside a tree of 3 leaves");
    assertThatThrownBy(() -> log.consistency(0, 3))
        .hasMessage("no consistency proof from 0 to 3 leaves");
    assertThatThrownBy(() -> AuditLog.open(dataSource, "Riverton Audit"))
        .hasMessageContaining("a log id is 1 to 64 characters");
  }

  @Test
  void leavesAreFoundByIndexAndByWhatTheyRecordAndARecordEntersOnce() {
    AuditLog log = AuditLog.open(dataSource, "lookup");
    List<AuditLeaf> leaves = AuditDatabase.batches(100, 4);
    log.append(leaves);

    Appended again = log.append(List.of(leaves.get(1), leaves.get(1)));
    assertThat(again.count()).isZero();
    assertThat(again.treeSize()).isEqualTo(4);

    StoredLeaf third = log.leaf(2).orElseThrow();
    assertThat(third.leaf()).isEqualTo(leaves.get(2));
    assertThat(third.hash()).isEqualTo(leaves.get(2).hash());
    assertThat(log.leaf(LeafKind.READING_BATCH, 103).orElseThrow().index()).isEqualTo(3);
    assertThat(log.leaf(LeafKind.DOMAIN_EVENT, 103)).isEmpty();
    assertThat(log.leafIndices(LeafKind.READING_BATCH, List.of(101L, 103L, 999L)))
        .as("in one read, what the log does not hold left out")
        .isEqualTo(Map.of(101L, 1L, 103L, 3L));
    assertThat(log.leafIndices(LeafKind.DOMAIN_EVENT, List.of(101L))).isEmpty();
    assertThat(log.leafIndices(LeafKind.READING_BATCH, List.of())).isEmpty();
    assertThat(log.leaf(4)).isEmpty();
    assertThat(AuditLog.open(dataSource, "other").leaf(0)).isEmpty();
  }

  @Test
  void concurrentAppendersFromSeparateInstancesBuildOneConsistentTree() throws Exception {
    // Two instances stand for two processes: each keeps its own frontier, and the row lock on the
    // log decides who extends which tree.
    AuditLog first = AuditLog.open(dataSource, "concurrent");
    AuditLog second = AuditLog.open(dataSource, "concurrent");
    int writers = 4;
    int batches = 15;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Callable<Void>> work = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        AuditLog log = w % 2 == 0 ? first : second;
        long base = 1_000_000L * (w + 1);
        work.add(
            () -> {
              for (int b = 0; b < batches; b++) {
                log.append(AuditDatabase.batches(base + b * 10L, 1 + b % 10));
              }
              return null;
            });
      }
      for (Future<Void> done : pool.invokeAll(work)) {
        done.get();
      }
    } finally {
      pool.shutdown();
    }

    long expected = 0;
    for (int b = 0; b < batches; b++) {
      expected += writers * (1 + b % 10);
    }
    assertThat(first.size()).isEqualTo(expected);
    List<Sha256> stored = new ArrayList<>();
    for (long i = 0; i < expected; i++) {
      stored.add(first.leaf(i).orElseThrow().hash());
    }
    assertThat(second.root(expected)).isEqualTo(mth(stored));
    IntegrityReport report = new IntegrityCheck(dataSource, "concurrent").run();
    assertThat(report.defects()).isEmpty();
    assertThat(report.nodesChecked()).isEqualTo(expected - Long.bitCount(expected));
  }
}
