package io.twinledger.ledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.contracts.merkle.TreeHash;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tampering with the tables directly, one byte at a time, and the check naming exactly that. */
class IntegrityCheckTest {

  private static final String LOG = "riverton-audit";

  private HikariDataSource dataSource;
  private AuditLog log;
  private IntegrityCheck check;

  @BeforeEach
  void logWithCheckpoints() {
    dataSource = AuditDatabase.fresh();
    log = AuditLog.open(dataSource, LOG);
    Checkpointer checkpointer =
        new Checkpointer(
            log,
            new CheckpointBook(dataSource, LOG),
            AuditDatabase.operator("operator").signer(),
            Optional.empty(),
            new LogWatch(new IntegrityCheck(dataSource, LOG), Clock.systemUTC()),
            Clock.systemUTC());
    log.append(AuditDatabase.batches(1, 13));
    checkpointer.take();
    log.append(AuditDatabase.batches(14, 24));
    checkpointer.take();
    check = new IntegrityCheck(dataSource, LOG);
  }

  @AfterEach
  void close() {
    dataSource.close();
  }

  @Test
  void anUntouchedLogIsIntact() {
    IntegrityReport report = check.run();

    assertThat(report.intact()).isTrue();
    assertThat(report.treeSize()).isEqualTo(37);
    assertThat(report.leavesChecked()).isEqualTo(37);
    assertThat(report.nodesChecked()).isEqualTo(37 - Long.bitCount(37));
    assertThat(report.checkpointsChecked()).isEqualTo(2);
  }

  @Test
  void oneByteOfALeafsDataChangedIsNamed() {
    Sha256 stored = log.leaf(9).orElseThrow().hash();
    AuditDatabase.execute(
        dataSource,
        "UPDATE audit_leaf SET data = set_byte(data, 50, get_byte(data, 50) # 1)"
            + " WHERE log_id = '"
            + LOG
            + "' AND leaf_index = 9");

    IntegrityReport report = check.run();

    assertThat(report.defects()).hasSize(1);
    Defect.LeafDataMismatch defect = (Defect.LeafDataMismatch) report.defects().getFirst();
    assertThat(defect.index()).isEqualTo(9);
    assertThat(defect.stored()).isEqualTo(stored);
    assertThat(defect.description()).startsWith("leaf 9: its data hashes to ");
  }

  @Test
  void oneByteOfANodeChangedIsNamed() {
    Sha256[] h = new Sha256[4];
    for (int i = 0; i < 4; i++) {
      h[i] = log.leaf(20 + i).orElseThrow().hash();
    }
    Sha256 original = TreeHash.node(TreeHash.node(h[0], h[1]), TreeHash.node(h[2], h[3]));
    AuditDatabase.execute(
        dataSource,
        "UPDATE audit_node SET hash = set_byte(hash, 0, get_byte(hash, 0) # 128)"
            + " WHERE log_id = '"
            + LOG
            + "' AND level = 2 AND node_index = 5");

    IntegrityReport report = check.run();

    assertThat(report.defects()).hasSize(1);
    Defect.NodeMismatch defect = (Defect.NodeMismatch) report.defects().getFirst();
    assertThat(defect.level()).isEqualTo(2);
    assertThat(defect.index()).isEqualTo(5);
    assertThat(defect.computed()).isEqualTo(original);
    assertThat(defect.stored()).isNotEqualTo(original);
    assertThat(defect.description()).startsWith("node (level 2, index 5): stored ");
  }

  @Test
  void oneByteOfACheckpointRootChangedIsNamedAndItsSignatureNoLongerHolds() {
    Sha256 root = log.root(13);
    AuditDatabase.execute(
        dataSource,
        "UPDATE audit_checkpoint SET root = set_byte(root, 31, get_byte(root, 31) # 1)"
            + " WHERE log_id = '"
            + LOG
            + "' AND tree_size = 13");

    IntegrityReport report = check.run();

    assertThat(report.defects()).hasSize(2);
    Defect.CheckpointRootMismatch mismatch =
        (Defect.CheckpointRootMismatch) report.defects().get(0);
    assertThat(mismatch.treeSize()).isEqualTo(13);
    assertThat(mismatch.computed()).isEqualTo(root);
    assertThat(mismatch.stored()).isNotEqualTo(root);
    assertThat(report.defects().get(1))
        .isEqualTo(new Defect.CheckpointSignatureInvalid(13, "O=Riverton,CN=operator"));
  }

  @Test
  void aDeletedNodeAndARowBeyondTheSizeAreNamed() {
    AuditDatabase.execute(
        dataSource,
        "DELETE FROM audit_node WHERE log_id = '" + LOG + "' AND level = 3 AND node_index = 1");
    AuditDatabase.execute(
        dataSource, "UPDATE audit_log SET tree_size = 36 WHERE log_id = '" + LOG + "'");

    IntegrityReport report = check.run();

    assertThat(report.defects())
        .containsExactly(
            new Defect.UnexpectedLeaf(36),
            new Defect.NodeMissing(3, 1),
            new Defect.CheckpointBeyondLog(37, 36));
  }
}
