package io.twinledger.service.witness;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.contracts.merkle.LogCheckpoint;
import io.twinledger.contracts.merkle.NoteCheck;
import io.twinledger.contracts.merkle.NoteSigner;
import io.twinledger.contracts.merkle.QuorumCheck;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.contracts.merkle.SignedNote;
import io.twinledger.ledger.audit.CheckpointNotary;
import io.twinledger.ledger.audit.CheckpointNotes;
import io.twinledger.ledger.audit.NoteKeyEndorsement;
import io.twinledger.ledger.audit.witness.AddCheckpoint;
import io.twinledger.ledger.audit.witness.CosignatureCollector;
import io.twinledger.ledger.audit.witness.Witness;
import io.twinledger.network.msp.MspDirectory;
import io.twinledger.service.audit.AuditJobs;
import io.twinledger.service.support.OnEmbeddedDb;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The witnessed checkpoints on the whole service: a checkpoint's note is cosigned by the auditor's
 * witness in process, and the witness answers over HTTP, without credentials, as C2SP tlog-witness
 * says, refusing what the log did not sign.
 */
@OnEmbeddedDb
class WitnessEndpointTest {

  @LocalServerPort int port;
  @Autowired AuditJobs jobs;
  @Autowired CheckpointNotes notes;
  @Autowired CheckpointNotary notary;
  @Autowired CosignatureCollector collector;
  @Autowired Witness witness;
  @Autowired NoteKeyEndorsements endorsements;
  @Autowired MspDirectory msps;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> addCheckpoint(String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/witness/add-checkpoint"))
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void checkpointsAreCosignedInProcessAndTheWitnessAnswersOverHttpOnlyWhatTheLogSigned()
      throws Exception {
    jobs.checkpoint();
    SignedNote latest = notes.latest().orElseThrow();
    LogCheckpoint checkpoint = LogCheckpoint.parse(latest.text());
    assertThat(checkpoint.origin()).isEqualTo("twinledger.example/audit/riverton-audit");
    assertThat(collector.quorum().check(latest)).isInstanceOf(QuorumCheck.Met.class);
    long size = checkpoint.size();
    SignedNote logSigned = new SignedNote(latest.text(), List.of(latest.signatures().getFirst()));

    HttpResponse<String> again =
        addCheckpoint(new AddCheckpoint(size, List.of(), logSigned).encode());
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(again.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(SignedNote.parse(logSigned.encode() + again.body()).verify(List.of(witness.key())))
        .isInstanceOf(NoteCheck.Verified.class);

    HttpResponse<String> stale = addCheckpoint(new AddCheckpoint(0, List.of(), logSigned).encode());
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(stale.headers().firstValue("Content-Type")).contains("text/x.tlog.size");
    assertThat(stale.body()).isEqualTo(size + "\n");

    NoteSigner impostor = NoteSigner.generate(checkpoint.origin());
    SignedNote forged =
        SignedNote.sign(
            new LogCheckpoint(checkpoint.origin(), size, Sha256.digest("forged".getBytes())).text(),
            impostor);
    HttpResponse<String> refused =
        addCheckpoint(new AddCheckpoint(size, List.of(), forged).encode());
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
    assertThat(addCheckpoint("old 0\nnot a checkpoint\n").statusCode()).isEqualTo(400);
    assertThat(addCheckpoint("old 0\n\n" + "x".repeat(AddCheckpoint.MAX_BYTES)).statusCode())
        .as("no more than a request may hold is read")
        .isEqualTo(400);
    assertThat(witness.cosigned(checkpoint.origin()).map(SignedNote::text)).contains(latest.text());
    assertThat(witness.forks()).isEmpty();
  }

  @Test
  void theNoteKeysAreEndorsedByTheLogOperatorAndTheAuditorOnTheChannel() {
    NoteKeyEndorsement log = endorsements.log().orElseThrow();
    NoteKeyEndorsement auditor = endorsements.witness().orElseThrow();
    Instant now = Instant.now();

    assertThat(log.mspId()).isEqualTo("CityFinanceMSP");
    assertThat(log.check(msps.organisation("CityFinanceMSP").orElseThrow().caCertificate(), now))
        .isEqualTo(new NoteKeyEndorsement.Check.Valid(notary.key()));
    assertThat(auditor.mspId()).isEqualTo("IndependentAuditorMSP");
    assertThat(
            auditor.check(
                msps.organisation("IndependentAuditorMSP").orElseThrow().caCertificate(), now))
        .isEqualTo(new NoteKeyEndorsement.Check.Valid(witness.key()));
    assertThat(
            auditor.check(msps.organisation("CityFinanceMSP").orElseThrow().caCertificate(), now))
        .isInstanceOf(NoteKeyEndorsement.Check.Invalid.class);
  }
}
