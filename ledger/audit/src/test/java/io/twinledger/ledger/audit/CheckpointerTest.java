package io.twinledger.ledger.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.twinledger.contracts.merkle.ConsistencyProof;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CheckpointerTest {

  private static HikariDataSource dataSource;

  @BeforeAll
  static void database() {
    dataSource = AuditDatabase.fresh();
  }

  @AfterAll
  static void close() {
    dataSource.close();
  }

  /**
   * The ledger, seen from the log: verifies each consistency proof as the chaincode will, and
   * refuses while {@code down}.
   */
  static final class Ledger implements CheckpointAnchor {
    final List<SignedCheckpoint> anchored = new ArrayList<>();
    boolean down;

    @Override
    public AnchorReceipt anchor(
        SignedCheckpoint checkpoint, Optional<ConsistencyProof> sincePrevious) {
      if (down) {
        throw new IllegalStateException("peer unavailable");
      }
      assertThat(checkpoint.signatureValid()).isTrue();
      if (anchored.isEmpty()) {
        assertThat(sincePrevious).isEmpty();
      } else {
        SignedCheckpoint previous = anchored.getLast();
        assertThat(
                sincePrevious
                    .orElseThrow()
                    .verify(previous.checkpoint().root(), checkpoint.checkpoint().root())
                    .isValid())
            .isTrue();
      }
      anchored.add(checkpoint);
      return new AnchorReceipt("tx" + anchored.size(), 10L + anchored.size());
    }
  }

  @Test
  void checkpointsAreSignedStoredOnlyWhenTheLogGrewAndAnchoredInOrderWithProofs() {
    AuditLog log = AuditLog.open(dataSource, "anchored");
    CheckpointBook book = new CheckpointBook(dataSource, "anchored");
    Ledger ledger = new Ledger();
    Instant at = Instant.parse("2026-05-01T10:00:00.123456Z");
    Checkpointer checkpointer =
        new Checkpointer(
            log,
            book,
            AuditDatabase.operator("riverton-operator").signer(),
            Optional.of(ledger),
            new LogWatch(new IntegrityCheck(dataSource, "anchored"), Clock.systemUTC()),
            Clock.fixed(at, ZoneOffset.UTC));

    assertThat(checkpointer.run()).as("nothing to sign in an empty log").isEmpty();
    log.append(AuditDatabase.batches(1, 5));
    SignedCheckpoint first = checkpointer.run().orElseThrow();
    assertThat(checkpointer.run()).as("the log did not grow").isEmpty();

    assertThat(first.checkpoint().treeSize()).isEqualTo(5);
    assertThat(first.checkpoint().root()).isEqualTo(log.root(5));
    assertThat(first.checkpoint().timestamp()).isEqualTo(Instant.parse("2026-05-01T10:00:00.123Z"));
    assertThat(first.signer()).isEqualTo("O=Riverton,CN=riverton-operator");
    assertThat(book.latest().orElseThrow().anchor()).contains(new AnchorReceipt("tx1", 11));

    ledger.down = true;
    log.append(AuditDatabase.batches(6, 6));
    checkpointer.run();
    log.append(AuditDatabase.batches(12, 9));
    checkpointer.run();
    assertThat(book.unanchored())
        .extracting(c -> c.checkpoint().treeSize())
        .containsExactly(11L, 20L);
    assertThat(book.latest().orElseThrow().anchor()).isEmpty();

    ledger.down = false;
    assertThat(checkpointer.anchorPending()).isEqualTo(2);
    assertThat(book.all())
        .extracting(c -> c.anchor().orElseThrow())
        .containsExactly(
            new AnchorReceipt("tx1", 11),
            new AnchorReceipt("tx2", 12),
            new AnchorReceipt("tx3", 13));
    SignedCheckpoint stored = book.at(11).orElseThrow();
    assertThat(stored.signatureValid()).isTrue();
    assertThat(stored.checkpoint()).isEqualTo(ledger.anchored.get(1).checkpoint());
  }

  /**
   * The probe's case: a stored node changed while the service runs. Nothing is signed or anchored
   * over the changed tree, the alarm stays raised until acknowledged, and signing resumes once the
   * log is intact again.
   */
  @Test
  void aChangedNodeStopsSigningAndAnchoringAndRaisesAnAlarmUntilAcknowledged() {
    AuditLog log = AuditLog.open(dataSource, "watched");
    CheckpointBook book = new CheckpointBook(dataSource, "watched");
    Ledger ledger = new Ledger();
    LogWatch watch = new LogWatch(new IntegrityCheck(dataSource, "watched"), Clock.systemUTC());
    Checkpointer checkpointer =
        new Checkpointer(
            log,
            book,
            AuditDatabase.operator("op").signer(),
            Optional.of(ledger),
            watch,
            Clock.systemUTC());
    assertThat(watch.lastCheck()).as("before the first check").isEmpty();
    log.append(AuditDatabase.batches(1, 8));
    checkpointer.run();
    assertThat(watch.alarm()).isEmpty();
    assertThat(watch.lastCheck().orElseThrow().intact()).isTrue();

    String flip =
        "UPDATE audit_node SET hash = set_byte(hash, 0, get_byte(hash, 0) # 128)"
            + " WHERE log_id = 'watched' AND level = 2 AND node_index = 1";
    AuditDatabase.execute(dataSource, flip);
    log.append(AuditDatabase.batches(9, 4));

    assertThat(checkpointer.run()).as("nothing signed over the changed tree").isEmpty();
    assertThat(book.latest().orElseThrow().checkpoint().treeSize()).isEqualTo(8);
    assertThat(ledger.anchored).hasSize(1);
    LogWatch.Alarm alarm = watch.alarm().orElseThrow();
    assertThat(alarm.open()).isTrue();
    assertThat(alarm.defect()).startsWith("node (level 2, index 1): stored ");

    assertThat(watch.acknowledge("operator").orElseThrow().acknowledged())
        .hasValueSatisfying(a -> assertThat(a.by()).isEqualTo("operator"));
    assertThat(checkpointer.take()).as("still not intact: still not signed").isEmpty();
    assertThat(watch.alarm().orElseThrow().open()).as("the same defect, acknowledged").isFalse();
    assertThat(watch.lastCheck().orElseThrow().intact()).as("acknowledged is not intact").isFalse();

    AuditDatabase.execute(dataSource, flip);
    assertThat(checkpointer.run()).as("intact again").isPresent();
    assertThat(watch.lastCheck().orElseThrow().intact()).isTrue();
    assertThat(book.latest().orElseThrow().checkpoint().treeSize()).isEqualTo(12);
    assertThat(ledger.anchored).hasSize(2);
  }

  @Test
  void withoutAnAnchorCheckpointsStayUnanchored() {
    AuditLog log = AuditLog.open(dataSource, "unanchored");
    CheckpointBook book = new CheckpointBook(dataSource, "unanchored");
    Checkpointer checkpointer =
        new Checkpointer(
            log,
            book,
            AuditDatabase.operator("op").signer(),
            Optional.empty(),
            new LogWatch(new IntegrityCheck(dataSource, "unanchored"), Clock.systemUTC()),
            Clock.systemUTC());
    log.append(AuditDatabase.batches(1, 2));

    checkpointer.run();

    assertThat(book.latest().orElseThrow().anchor()).isEmpty();
    assertThat(book.latestAnchored()).isEmpty();
  }

  @Test
  void aKeyThatIsNotTheCertificatesIsRefused() {
    AuditDatabase.Operator one = AuditDatabase.operator("one");
    AuditDatabase.Operator two = AuditDatabase.operator("two");

    assertThatThrownBy(() -> new CheckpointSigner(one.keys().getPrivate(), two.certificate()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the private key does not belong to the certificate of O=Riverton,CN=two");
  }
}
