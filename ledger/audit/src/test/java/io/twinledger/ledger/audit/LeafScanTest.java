package io.twinledger.ledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.twinledger.contracts.merkle.Sha256;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scan against a real stored log. The records side is the store as it is now: a list the test
 * changes as an attacker would change rows.
 */
class LeafScanTest {

  private HikariDataSource dataSource;
  private AuditLog log;
  private final List<AuditLeaf> stored = new ArrayList<>();
  private LeafScan scan;

  /** The reading batches "in the store", in id order. */
  private final LeafScan.Records batches =
      readingBatches(
          (after, limit) ->
              stored.stream()
                  .filter(l -> l.reference() > after)
                  .limit(limit)
                  .map(l -> new LeafScan.Rebuilt(l.reference(), Optional.of(l)))
                  .toList());

  private static LeafScan.Records readingBatches(
      BiFunction<Long, Integer, List<LeafScan.Rebuilt>> after) {
    return new LeafScan.Records() {
      @Override
      public LeafKind kind() {
        return LeafKind.READING_BATCH;
      }

      @Override
      public List<LeafScan.Rebuilt> after(long from, int limit) {
        return after.apply(from, limit);
      }
    };
  }

  @BeforeEach
  void log() {
    dataSource = AuditDatabase.fresh();
    log = AuditLog.open(dataSource, "scanned");
    stored.addAll(AuditDatabase.batches(1, 10));
    log.append(stored);
    scan = new LeafScan(log, List.of(batches), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    dataSource.close();
  }

  private LeafScan.Progress progress() {
    return scan.progress().getFirst();
  }

  @Test
  void aRecordChangedAfterItWasLoggedIsNamedUntilAPassFindsItIntact() {
    scan.step(4);
    scan.step(4);
    scan.step(4);
    scan.step(4);
    assertThat(progress().passes()).isOne();
    assertThat(progress().checked()).isEqualTo(10);
    assertThat(progress().firstMismatch()).isEmpty();

    ReadingBatchLeaf original = (ReadingBatchLeaf) stored.get(6);
    stored.set(
        6,
        new ReadingBatchLeaf(
            original.batchId(),
            original.source(),
            original.readingCount(),
            Sha256.digest("a value changed in the store".getBytes())));
    scan.step(4);
    scan.step(4);
    assertThat(progress().firstMismatch())
        .as("reported as soon as the scan reaches it, before the pass ends")
        .hasValueSatisfying(
            m -> {
              assertThat(m.reference()).isEqualTo(7);
              assertThat(m.leafIndex()).isEqualTo(6);
              assertThat(m.description())
                  .isEqualTo(
                      "reading-batch 7: rebuilt from the stored record, it differs from leaf 6 of"
                          + " the log");
            });
    scan.step(4);
    scan.step(4);
    assertThat(progress().passes()).isEqualTo(2);
    assertThat(progress().firstMismatch()).as("kept after the pass").isPresent();

    stored.set(6, original);
    for (int i = 0; i < 4; i++) {
      scan.step(4);
    }
    assertThat(progress().passes()).isEqualTo(3);
    assertThat(progress().firstMismatch()).as("a whole pass found it intact").isEmpty();
  }

  @Test
  void aRecordTheLogDoesNotHoldYetIsComparedOnceItDoes() {
    stored.addAll(AuditDatabase.batches(11, 2));

    scan.step(20);
    assertThat(progress().checked()).isEqualTo(10);
    assertThat(progress().firstMismatch()).isEmpty();
    scan.step(20);
    assertThat(progress().passes()).as("held at the record the log lacks").isZero();

    log.append(stored.subList(10, 12));
    scan.step(20);
    scan.step(20);
    assertThat(progress().checked()).isEqualTo(12);
    assertThat(progress().passes()).isOne();
  }

  @Test
  void aRecordThatCannotBeRebuiltIsAMismatch() {
    LeafScan gone =
        new LeafScan(
            log,
            List.of(
                readingBatches(
                    (after, limit) ->
                        after < 1
                            ? List.of(new LeafScan.Rebuilt(1, Optional.empty()))
                            : List.of())),
            Clock.systemUTC());

    gone.step(5);

    assertThat(gone.progress().getFirst().firstMismatch())
        .hasValueSatisfying(m -> assertThat(m.reference()).isOne());
  }
}
