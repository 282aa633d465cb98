package io.twinledger.ledger.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.twinledger.contracts.merkle.Checkpoint;
import io.twinledger.contracts.merkle.MultiInclusionProof;
import io.twinledger.contracts.merkle.ProofCheck;
import io.twinledger.contracts.merkle.Sha256;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Multi-leaf inclusion proofs read from the stored subtrees of a log on PostgreSQL. */
class AuditLogMultiInclusionTest {

  private static HikariDataSource dataSource;

  @BeforeAll
  static void database() {
    dataSource = AuditDatabase.fresh();
  }

  @AfterAll
  static void close() {
    dataSource.close();
  }

  @Test
  void proofsOfEverySizeVerifyAgainstTheLogsRoots() {
    AuditLog log = AuditLog.open(dataSource, "multi");
    List<AuditLeaf> leaves = AuditDatabase.batches(1, 70);
    int at = 0;
    for (int batch : new int[] {1, 2, 5, 9, 20, 33}) {
      log.append(leaves.subList(at, at + batch));
      at += batch;
    }
    List<Sha256> hashes = leaves.stream().map(AuditLeaf::hash).toList();
    Random random = new Random(70);

    for (int size = 1; size <= 70; size++) {
      Sha256 root = log.root(size);
      for (int set = 0; set < 4; set++) {
        TreeSet<Long> indices = new TreeSet<>();
        int count = 1 + random.nextInt(size);
        while (indices.size() < count) {
          indices.add((long) random.nextInt(size));
        }
        MultiInclusionProof proof = log.multiInclusion(new ArrayList<>(indices), size);

        assertThat(proof.leafIndices()).containsExactlyElementsOf(indices);
        assertThat(proof.verify(at(hashes, indices), size, root))
            .as("leaves %s of %d", indices, size)
            .isEqualTo(ProofCheck.VALID);
      }
      long one = random.nextInt(size);
      assertThat(log.multiInclusion(List.of(one), size).hashes())
          .containsExactlyInAnyOrderElementsOf(log.inclusion(one, size).path());
    }
  }

  /**
   * What a report does: find its records' leaves, take a checkpoint, and prove them all in it with
   * one proof, far smaller than an audit path per leaf.
   */
  @Test
  void aReportsLeavesAreProvenInACheckpointAtOnce() {
    AuditLog log = AuditLog.open(dataSource, "report");
    log.append(AuditDatabase.batches(1, 3000));
    Checkpoint checkpoint = log.checkpoint(Instant.EPOCH);
    List<Long> references = new ArrayList<>();
    for (long reference = 7; reference <= 3000; reference += 29) {
      references.add(reference);
    }

    Map<Long, Long> indices = log.leafIndices(LeafKind.READING_BATCH, references);
    MultiInclusionProof proof =
        log.multiInclusion(List.copyOf(indices.values()), checkpoint.treeSize());
    List<Sha256> leafHashes =
        proof.leafIndices().stream().map(i -> log.leaf(i).orElseThrow().hash()).toList();

    assertThat(proof.verify(leafHashes, checkpoint.treeSize(), checkpoint.root()))
        .isEqualTo(ProofCheck.VALID);
    int separate = 0;
    for (long index : proof.leafIndices()) {
      separate += log.inclusion(index, checkpoint.treeSize()).path().size();
    }
    assertThat(proof.hashes().size()).isLessThan(separate / 2);
  }

  @Test
  void indexSetsAndSizesTheLogCannotProveAreRefused() {
    AuditLog log = AuditLog.open(dataSource, "multi-beyond");
    log.append(AuditDatabase.batches(1, 3));

    assertThatThrownBy(() -> log.multiInclusion(List.of(0L), 4))
        .hasMessage("tree size 4 is beyond the 3 leaves of log multi-beyond");
    assertThatThrownBy(() -> log.multiInclusion(List.of(0L, 3L), 3))
        .hasMessage("leaf index 3 is outside a tree of 3 leaves");
    assertThatThrownBy(() -> log.multiInclusion(List.of(1L, 1L), 3))
        .hasMessage("leaf index 1 is repeated");
    assertThatThrownBy(() -> log.multiInclusion(List.of(), 3))
        .hasMessage("a multi-leaf proof is of at least one leaf");
  }

  private static List<Sha256> at(List<Sha256> hashes, TreeSet<Long> indices) {
    return indices.stream().map(i -> hashes.get(i.intValue())).toList();
  }
}
