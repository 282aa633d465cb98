package io.twinledger.ledger.audit.witness;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.twinledger.contracts.merkle.CheckpointCosigner;
import io.twinledger.contracts.merkle.LogCheckpoint;
import io.twinledger.contracts.merkle.NoteSigner;
import io.twinledger.contracts.merkle.QuorumCheck;
import io.twinledger.contracts.merkle.SignedNote;
import io.twinledger.ledger.audit.AuditDatabase;
import io.twinledger.ledger.audit.AuditLog;
import io.twinledger.ledger.audit.CheckpointBook;
import io.twinledger.ledger.audit.CheckpointNotary;
import io.twinledger.ledger.audit.CheckpointNotes;
import io.twinledger.ledger.audit.Checkpointer;
import io.twinledger.ledger.audit.IntegrityCheck;
import io.twinledger.ledger.audit.LogWatch;
import io.twinledger.ledger.audit.NoteKeyEndorsement;
import io.twinledger.network.msp.CertificateAuthority;
import io.twinledger.network.msp.MspIdentity;
import io.twinledger.network.msp.NodeOu;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The log's side: each checkpoint the Checkpointer stores gets its signed note, witnesses cosign it
 * with proofs from what they cosigned before, and the note's keys are endorsed by the
 * organisations' channel identities.
 */
class WitnessedCheckpointsTest {

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
  void everyStoredCheckpointGetsANoteOfItsSizeAndRootAndWitnessesCosignTheLatest() {
    AuditLog log = AuditLog.open(dataSource, "noted");
    CheckpointBook book = new CheckpointBook(dataSource, "noted");
    CheckpointNotes notes = new CheckpointNotes(dataSource, "noted");
    NoteSigner logKey = NoteSigner.generate(CheckpointNotary.defaultOrigin("noted"));
    Checkpointer checkpointer =
        new Checkpointer(
            log,
            book,
            AuditDatabase.operator("op").signer(),
            Optional.empty(),
            Optional.of(new CheckpointNotary(logKey, notes, Clock.systemUTC())),
            new LogWatch(new IntegrityCheck(dataSource, "noted"), Clock.systemUTC()),
            Clock.systemUTC());
    Witness auditor =
        new Witness(
            dataSource,
            CheckpointCosigner.generate("auditor.twinledger.example/witness"),
            List.of(logKey.verifier()),
            Clock.systemUTC());
    Witness other =
        new Witness(
            dataSource,
            CheckpointCosigner.generate("trustee.twinledger.example/witness"),
            List.of(logKey.verifier()),
            Clock.systemUTC());
    CosignatureCollector collector =
        new CosignatureCollector(
            log, notes, logKey.verifier(), List.of(auditor, other), 2, Clock.systemUTC());

    assertThat(collector.collect()).as("no note yet").isEmpty();
    log.append(AuditDatabase.batches(1, 5));
    checkpointer.run();
    SignedNote first = notes.latest().orElseThrow();
    assertThat(LogCheckpoint.parse(first.text()))
        .isEqualTo(new LogCheckpoint("twinledger.example/audit/noted", 5, log.root(5)));
    assertThat(collector.collect()).containsInstanceOf(QuorumCheck.Met.class);

    log.append(AuditDatabase.batches(6, 9));
    checkpointer.run();
    assertThat(collector.collect()).containsInstanceOf(QuorumCheck.Met.class);
    assertThat(auditor.cosigned(logKey.verifier().name()).map(SignedNote::text))
        .contains(notes.at(14).orElseThrow().text());

    // After a restart the collector knows no witness's size: each answers 409 with it, and the
    // request is made again with the proof from there.
    log.append(AuditDatabase.batches(15, 3));
    checkpointer.run();
    CosignatureCollector restarted =
        new CosignatureCollector(
            log, notes, logKey.verifier(), List.of(auditor, other), 2, Clock.systemUTC());
    QuorumCheck check = restarted.collect().orElseThrow();
    assertThat(check).isInstanceOf(QuorumCheck.Met.class);
    assertThat(((QuorumCheck.Met) check).checkpoint().size()).isEqualTo(17);
    assertThat(notes.at(17).orElseThrow().signatures()).hasSize(3);
    assertThat(notes.at(5).orElseThrow().signatures()).as("log, auditor, other").hasSize(3);
    assertThat(auditor.forks()).isEmpty();
  }

  @Test
  void checkpointsStoredBeforeNotesWereKeptGetTheirNotesOnTheNextRun() {
    AuditLog log = AuditLog.open(dataSource, "backfilled");
    CheckpointBook book = new CheckpointBook(dataSource, "backfilled");
    LogWatch watch = new LogWatch(new IntegrityCheck(dataSource, "backfilled"), Clock.systemUTC());
    var operator = AuditDatabase.operator("op").signer();
    log.append(AuditDatabase.batches(1, 4));
    new Checkpointer(log, book, operator, Optional.empty(), watch, Clock.systemUTC()).run();
    log.append(AuditDatabase.batches(5, 4));
    new Checkpointer(log, book, operator, Optional.empty(), watch, Clock.systemUTC()).run();

    CheckpointNotes notes = new CheckpointNotes(dataSource, "backfilled");
    NoteSigner logKey = NoteSigner.generate(CheckpointNotary.defaultOrigin("backfilled"));
    new Checkpointer(
            log,
            book,
            operator,
            Optional.empty(),
            Optional.of(new CheckpointNotary(logKey, notes, Clock.systemUTC())),
            watch,
            Clock.systemUTC())
        .run();

    assertThat(notes.at(4)).isPresent();
    assertThat(notes.latest().map(n -> LogCheckpoint.parse(n.text()).size())).contains(8L);
    assertThat(notes.unnoted()).isEmpty();
  }

  @Test
  void aNoteKeyEndorsementHoldsOnlyForTheKeyAndTheOrganisationsCa() {
    Instant now = Instant.now();
    CertificateAuthority ca =
        CertificateAuthority.create(
            "IndependentAuditorMSP",
            "Independent Auditor",
            "auditor.twinledger.example",
            now.minus(Duration.ofHours(1)),
            now.plus(Duration.ofDays(365)));
    CertificateAuthority otherCa =
        CertificateAuthority.create(
            "CityFinanceMSP",
            "City Finance Office",
            "cityfinance.twinledger.example",
            now.minus(Duration.ofHours(1)),
            now.plus(Duration.ofDays(365)));
    MspIdentity client =
        ca.issue("client", NodeOu.CLIENT, now.minus(Duration.ofHours(1)), now.plusSeconds(3600));
    CheckpointCosigner witness = CheckpointCosigner.generate("auditor.twinledger.example/witness");

    NoteKeyEndorsement endorsement =
        NoteKeyEndorsement.sign(
            witness.verifier(), "IndependentAuditorMSP", client.privateKey(), client.certificate());

    assertThat(new String(endorsement.signedMessage()))
        .isEqualTo("twinledger-note-key/v1\n" + witness.verifier().vkey() + "\n");
    assertThat(endorsement.check(ca.certificate(), now))
        .isEqualTo(new NoteKeyEndorsement.Check.Valid(witness.verifier()));
    assertThat(endorsement.check(otherCa.certificate(), now))
        .isInstanceOf(NoteKeyEndorsement.Check.Invalid.class);
    assertThat(endorsement.check(ca.certificate(), now.plus(Duration.ofDays(2))))
        .as("the identity expired")
        .isInstanceOf(NoteKeyEndorsement.Check.Invalid.class);
    NoteKeyEndorsement otherKey =
        new NoteKeyEndorsement(
            CheckpointCosigner.generate("auditor.twinledger.example/witness").verifier().vkey(),
            endorsement.mspId(),
            endorsement.certificate(),
            endorsement.signature());
    assertThat(otherKey.check(ca.certificate(), now))
        .isInstanceOf(NoteKeyEndorsement.Check.Invalid.class);
  }
}
