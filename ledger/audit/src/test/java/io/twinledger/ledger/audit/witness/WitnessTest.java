package io.twinledger.ledger.audit.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.twinledger.contracts.merkle.CheckpointCosigner;
import io.twinledger.contracts.merkle.Cosignature;
import io.twinledger.contracts.merkle.LogCheckpoint;
import io.twinledger.contracts.merkle.NoteCheck;
import io.twinledger.contracts.merkle.NoteSigner;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.contracts.merkle.SignedNote;
import io.twinledger.ledger.audit.AuditDatabase;
import io.twinledger.ledger.audit.AuditLog;
import io.twinledger.ledger.audit.witness.WitnessResult.Refusal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The C2SP tlog-witness rules on a real log's checkpoints and a real PostgreSQL: each test has a
 * log of its own (its origin) and the same witness, so states do not mix.
 */
class WitnessTest {

  private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

  private static HikariDataSource dataSource;
  private static CheckpointCosigner auditor;
  private static int logs;

  private AuditLog auditLog;
  private NoteSigner logKey;
  private Witness witness;

  @BeforeAll
  static void database() {
    dataSource = AuditDatabase.fresh();
    auditor = CheckpointCosigner.generate("auditor.twinledger.example/witness");
  }

  @AfterAll
  static void close() {
    dataSource.close();
  }

  @BeforeEach
  void newLog() {
    String logId = "witnessed-" + ++logs;
    auditLog = AuditLog.open(dataSource, logId);
    logKey = NoteSigner.generate("twinledger.example/audit/" + logId);
    witness =
        new Witness(
            dataSource, auditor, List.of(logKey.verifier()), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** The log's signed note of its first {@code size} leaves, appending leaves as needed. */
  private SignedNote note(long size) {
    if (auditLog.size() < size) {
      auditLog.append(AuditDatabase.batches(auditLog.size() + 1, (int) (size - auditLog.size())));
    }
    return SignedNote.sign(
        new LogCheckpoint(logKey.verifier().name(), size, auditLog.root(size)).text(), logKey);
  }

  private AddCheckpoint fromZero(SignedNote note) {
    return new AddCheckpoint(0, List.of(), note);
  }

  private AddCheckpoint extending(long oldSize, SignedNote note) {
    long size = LogCheckpoint.parse(note.text()).size();
    return new AddCheckpoint(oldSize, auditLog.consistency(oldSize, size).path(), note);
  }

  @Test
  void theFirstCheckpointOfALogIsCosignedFromOldSizeZero() {
    SignedNote first = note(5);

    WitnessResult result = witness.addCheckpoint(fromZero(first));

    WitnessResult.Cosigned cosigned = (WitnessResult.Cosigned) result;
    assertThat(cosigned.checkpoint().size()).isEqualTo(5);
    SignedNote withCosignature = first.withSignature(cosigned.cosignature());
    assertThat(withCosignature.verify(List.of(auditor.verifier())))
        .isInstanceOf(NoteCheck.Verified.class);
    assertThat(Cosignature.timestampOf(cosigned.cosignature())).isEqualTo(NOW.getEpochSecond());
    assertThat(witness.cosigned(logKey.verifier().name())).contains(first);
  }

  @Test
  void afterTheEmptyTreeAnyCheckpointIsCosignedFromOldSizeZero() {
    assertThat(witness.addCheckpoint(fromZero(note(0)))).isInstanceOf(WitnessResult.Cosigned.class);

    assertThat(witness.addCheckpoint(fromZero(note(4)))).isInstanceOf(WitnessResult.Cosigned.class);
    assertThat(witness.addCheckpoint(fromZero(note(6)))).isEqualTo(new WitnessResult.Conflict(4));
  }

  @Test
  void aCheckpointWithAValidConsistencyProofFromTheCosignedOneIsCosigned() {
    witness.addCheckpoint(fromZero(note(5)));
    SignedNote next = note(11);

    WitnessResult result = witness.addCheckpoint(extending(5, next));

    assertThat(result).isInstanceOf(WitnessResult.Cosigned.class);
    assertThat(witness.cosigned(logKey.verifier().name())).contains(next);
    assertThat(witness.addCheckpoint(extending(11, note(20))))
        .isInstanceOf(WitnessResult.Cosigned.class);
  }

  @Test
  void aStaleOldSizeIsAConflictNamingTheCosignedSize() {
    witness.addCheckpoint(fromZero(note(5)));
    witness.addCheckpoint(extending(5, note(11)));

    assertThat(witness.addCheckpoint(extending(5, note(15))))
        .isEqualTo(new WitnessResult.Conflict(11));
    assertThat(witness.addCheckpoint(fromZero(note(15)))).isEqualTo(new WitnessResult.Conflict(11));
    assertThat(witness.cosigned(logKey.verifier().name()).map(SignedNote::text))
        .contains(note(11).text());
  }

  @Test
  void aCheckpointOfTheCosignedSizeWithAnotherRootIsRefusedAndRecordedAsAFork() {
    SignedNote cosigned = note(8);
    witness.addCheckpoint(fromZero(cosigned));
    SignedNote other =
        SignedNote.sign(
            new LogCheckpoint(
                    logKey.verifier().name(), 8, Sha256.digest("another history".getBytes()))
                .text(),
            logKey);

    WitnessResult result = witness.addCheckpoint(new AddCheckpoint(8, List.of(), other));

    WitnessFork fork = ((WitnessResult.Forked) result).fork();
    assertThat(fork.kind()).isEqualTo(WitnessFork.Kind.SAME_SIZE_OTHER_ROOT);
    assertThat(fork.kind().status()).isEqualTo(409);
    assertThat(fork.cosigned()).isEqualTo(cosigned);
    assertThat(fork.conflicting()).isEqualTo(other);
    assertThat(witness.forks()).contains(fork);
    assertThat(witness.cosigned(logKey.verifier().name())).contains(cosigned);
  }

  @Test
  void aCheckpointWhoseProofDoesNotVerifyIsRefusedAndRecordedAsAFork() {
    SignedNote cosigned = note(6);
    witness.addCheckpoint(fromZero(cosigned));
    SignedNote rewritten =
        SignedNote.sign(
            new LogCheckpoint(
                    logKey.verifier().name(), 10, Sha256.digest("rewritten history".getBytes()))
                .text(),
            logKey);
    AddCheckpoint request = new AddCheckpoint(6, proof(6, 10), rewritten);

    WitnessResult result = witness.addCheckpoint(request);

    WitnessFork fork = ((WitnessResult.Forked) result).fork();
    assertThat(fork.kind()).isEqualTo(WitnessFork.Kind.INCONSISTENT);
    assertThat(fork.kind().status()).isEqualTo(422);
    assertThat(fork.reason()).startsWith("the proof leads to second root");
    assertThat(fork.proof()).isEqualTo(request.proof());
    assertThat(witness.forks())
        .filteredOn(f -> f.origin().equals(logKey.verifier().name()))
        .containsExactly(fork);
    assertThat(witness.cosigned(logKey.verifier().name())).contains(cosigned);
    assertThat(witness.addCheckpoint(extending(6, note(10))))
        .as("the witness goes on with the history it cosigned")
        .isInstanceOf(WitnessResult.Cosigned.class);
  }

  private List<Sha256> proof(long from, long to) {
    note(to);
    return auditLog.consistency(from, to).path();
  }

  @Test
  void aCheckpointNotSignedByTheLogsKeyIsRefusedAndChangesNothing() {
    witness.addCheckpoint(fromZero(note(4)));
    NoteSigner impostor = NoteSigner.generate(logKey.verifier().name());
    SignedNote forged =
        SignedNote.sign(
            new LogCheckpoint(logKey.verifier().name(), 9, Sha256.digest("forged".getBytes()))
                .text(),
            impostor);

    WitnessResult result = witness.addCheckpoint(new AddCheckpoint(4, proof(4, 9), forged));

    assertThat(result).isInstanceOf(WitnessResult.Rejected.class);
    assertThat(((WitnessResult.Rejected) result).refusal()).isEqualTo(Refusal.BAD_SIGNATURE);
    assertThat(witness.cosigned(logKey.verifier().name()).map(SignedNote::text))
        .contains(note(4).text());
    assertThat(witness.forks()).noneMatch(f -> f.origin().equals(logKey.verifier().name()));

    SignedNote unknown =
        SignedNote.sign(
            new LogCheckpoint("elsewhere.example/log", 1, Sha256.digest("x".getBytes())).text(),
            NoteSigner.generate("elsewhere.example/log"));
    assertThat(witness.addCheckpoint(fromZero(unknown)))
        .isInstanceOf(WitnessResult.Rejected.class)
        .extracting(r -> ((WitnessResult.Rejected) r).refusal())
        .isEqualTo(Refusal.UNKNOWN_LOG);
    assertThat(witness.addCheckpoint(new AddCheckpoint(12, List.of(), note(9))))
        .extracting(r -> ((WitnessResult.Rejected) r).refusal())
        .as("old size beyond the checkpoint's")
        .isEqualTo(Refusal.MALFORMED);
  }

  @Test
  void ofTwoConcurrentRequestsFromTheSameOldSizeExactlyOneWins() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 10; round++) {
        newLog();
        witness.addCheckpoint(fromZero(note(3)));
        AddCheckpoint toSeven = extending(3, note(7));
        AddCheckpoint toTwelve = extending(3, note(12));
        CountDownLatch start = new CountDownLatch(1);
        Future<WitnessResult> a = threads.submit(() -> await(start, toSeven));
        Future<WitnessResult> b = threads.submit(() -> await(start, toTwelve));
        start.countDown();
        List<WitnessResult> results = List.of(a.get(), b.get());

        List<WitnessResult.Cosigned> winners =
            results.stream()
                .filter(WitnessResult.Cosigned.class::isInstance)
                .map(WitnessResult.Cosigned.class::cast)
                .toList();
        assertThat(winners).hasSize(1);
        long won = winners.getFirst().checkpoint().size();
        assertThat(results).contains(new WitnessResult.Conflict(won));
        assertThat(witness.cosigned(logKey.verifier().name()).map(SignedNote::text))
            .contains(note(won).text());
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private WitnessResult await(CountDownLatch start, AddCheckpoint request) throws Exception {
    start.await();
    return witness.addCheckpoint(request);
  }

  @Test
  void aRequestBodyRoundTripsAndAMalformedOneIsRefused() {
    AddCheckpoint request = extending(2, note(7));
    AddCheckpoint first = fromZero(note(2));
    assertThat(AddCheckpoint.parse(request.encode())).isEqualTo(request);
    assertThat(AddCheckpoint.parse(first.encode())).isEqualTo(first);
    assertThat(first.encode()).startsWith("old 0\n\n" + logKey.verifier().name() + "\n2\n");

    for (String body :
        List.of(
            "old 01\n\n" + first.checkpoint().encode(),
            "old 2\nnot base64!\n\n" + first.checkpoint().encode(),
            "old 2\n" + first.checkpoint().encode(),
            "new 2\n\n" + first.checkpoint().encode())) {
      assertThatThrownBy(() -> AddCheckpoint.parse(body))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
