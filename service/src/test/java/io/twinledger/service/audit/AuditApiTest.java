package io.twinledger.service.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.contracts.merkle.Checkpoint;
import io.twinledger.contracts.merkle.ConsistencyProof;
import io.twinledger.contracts.merkle.InclusionProof;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.contracts.merkle.TreeHash;
import io.twinledger.ledger.audit.LeafScan;
import io.twinledger.ledger.audit.ReadingBatchLeaf;
import io.twinledger.service.ledger.LedgerConnection;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log through real HTTP on the whole service: the demo's asset registrations and an
 * NGSI-LD notification become leaves, checkpoints are signed, and every proof the API gives is
 * checked with the strict verifiers an offline auditor uses.
 */
@OnEmbeddedDb
class AuditApiTest {

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired AuditJobs jobs;
  @Autowired LedgerConnection ledger;
  @Autowired JdbcClient jdbc;
  @Autowired LeafScan scan;
  Api api;

  @BeforeEach
  void connect() {
    api = new Api(port, json);
  }

  /**
   * A node of the stored log changed while the service runs (the probe's case): no checkpoint is
   * signed, the alarm is open and the audit health component DOWN until an operator acknowledges
   * it; only an operator may. The node is restored at the end, so the shared service goes on.
   */
  @Test
  void aChangedNodeStopsCheckpointsAndRaisesAnAlarmUntilAnOperatorAcknowledgesIt() {
    jobs.checkpoint();
    long signed = latestCheckpoint().get("treeSize").asLong();
    String flip =
        "UPDATE audit_node SET hash = set_byte(hash, 0, get_byte(hash, 0) # 128)"
            + " WHERE log_id = 'riverton-audit' AND level = 1 AND node_index = 0";
    assertThat(jdbc.sql(flip).update()).isOne();
    try {
      assertThat(api.get("/api/v1/audit/alarm", "operator").json().get("state").asString())
          .isEqualTo("none");
      assertThat(jobs.checkpoint()).as("nothing signed over the changed tree").isEmpty();
      JsonNode alarm = api.get("/api/v1/audit/alarm", "auditor").json();
      assertThat(alarm.get("state").asString()).isEqualTo("open");
      assertThat(alarm.get("defect").asString()).startsWith("node (level 1, index 0): stored ");
      Api.Response health = api.get("/actuator/health", null);
      assertThat(health.status()).isEqualTo(503);
      assertThat(health.body()).contains("\"DOWN\"");

      assertThat(api.post("/api/v1/audit/alarm/acknowledge", "auditor", null).status())
          .isEqualTo(403);
      Api.Response acknowledged = api.post("/api/v1/audit/alarm/acknowledge", "operator", null);
      assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(200);
      assertThat(acknowledged.json().get("state").asString()).isEqualTo("acknowledged");
      assertThat(acknowledged.json().get("acknowledgedBy").asString()).isEqualTo("operator");
      assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
      assertThat(latestCheckpoint().get("treeSize").asLong()).isEqualTo(signed);
    } finally {
      jdbc.sql(flip).update();
    }
    jobs.checkpoint();
    assertThat(api.get("/api/v1/audit/alarm", "operator").json().get("state").asString())
        .as("acknowledged, and the log intact again")
        .isEqualTo("acknowledged");
  }

  /**
   * The probe's other cases: a reading's value and a non-period event's payload changed in the
   * database after they were logged. Nobody exports evidence; the integrity endpoint names both
   * once the background re-derivation has been over them, and stops naming them once they are
   * restored.
   */
  @Test
  void aChangedReadingAndAChangedEventAreNamedByTheIntegrityEndpoint() throws Exception {
    var stored = api.send("POST", "/api/v1/twin/ngsi-ld/notifications", "operator", notification());
    assertThat(stored.status()).as(stored.body()).isEqualTo(200);
    long batchId = stored.json().get("batchId").asLong();
    jobs.feedEvents();
    long event =
        jdbc.sql(
                "SELECT min(global_index) FROM domain_event_entry"
                    + " WHERE payload_type LIKE '%AssetRegistered'")
            .query(Long.class)
            .single();
    var reading =
        jdbc.sql("SELECT sensor_id, observed_at FROM reading WHERE batch_id = ? LIMIT 1")
            .param(batchId)
            .query((rs, n) -> List.of(rs.getString(1), rs.getTimestamp(2)))
            .single();
    String value =
        "UPDATE reading SET value = value %s 1 WHERE batch_id = ? AND sensor_id = ?"
            + " AND observed_at = ?";
    String payload =
        "UPDATE domain_event_entry SET payload = set_byte(payload, 1, get_byte(payload, 1) # 1)"
            + " WHERE global_index = ?";
    jdbc.sql(value.formatted("+")).params(batchId, reading.get(0), reading.get(1)).update();
    jdbc.sql(payload).param(event).update();
    try {
      JsonNode integrity = integrityNamingBatch(batchId);
      assertThat(mismatch(integrity, "domain-event"))
          .startsWith("domain-event " + event + ": rebuilt from the stored record");
    } finally {
      jdbc.sql(value.formatted("-")).params(batchId, reading.get(0), reading.get(1)).update();
      jdbc.sql(payload).param(event).update();
    }
    scanTwice();
    JsonNode restored = api.get("/api/v1/audit/integrity", "auditor").json();
    assertThat(mismatch(restored, "reading-batch")).isNull();
    assertThat(mismatch(restored, "domain-event")).isNull();
  }

  /**
   * The probe's third case: a reading's quality flags changed after the batch was logged. Flags are
   * part of the batch digest (encoding v2), so the integrity endpoint names the batch.
   */
  @Test
  void aReadingsChangedFlagsAreNamedByTheIntegrityEndpoint() throws Exception {
    var stored = api.send("POST", "/api/v1/twin/ngsi-ld/notifications", "operator", notification());
    assertThat(stored.status()).as(stored.body()).isEqualTo(200);
    long batchId = stored.json().get("batchId").asLong();
    var reading =
        jdbc.sql(
                "SELECT sensor_id, observed_at, array_to_string(flags, ',') FROM reading"
                    + " WHERE batch_id = ? LIMIT 1")
            .param(batchId)
            .query((rs, n) -> List.of(rs.getString(1), rs.getTimestamp(2), rs.getString(3)))
            .single();
    String flags =
        "UPDATE reading SET flags = string_to_array(?, ',') WHERE batch_id = ? AND sensor_id = ?"
            + " AND observed_at = ?";
    String forged = reading.get(2).equals("SPIKE") ? "" : "SPIKE";
    jdbc.sql(flags).params(forged, batchId, reading.get(0), reading.get(1)).update();
    try {
      integrityNamingBatch(batchId);
    } finally {
      jdbc.sql(flags).params(reading.get(2), batchId, reading.get(0), reading.get(1)).update();
    }
    scanTwice();
    assertThat(mismatch(api.get("/api/v1/audit/integrity", "auditor").json(), "reading-batch"))
        .isNull();
  }

  /**
   * The integrity report after a whole scan over a change to the batch: not intact, and naming the
   * batch as the first reading batch that no longer matches its leaf.
   */
  private JsonNode integrityNamingBatch(long batchId) {
    scanTwice();
    JsonNode integrity = api.get("/api/v1/audit/integrity", "auditor").json();
    assertThat(integrity.get("intact").asBoolean()).isFalse();
    assertThat(mismatch(integrity, "reading-batch"))
        .startsWith("reading-batch " + batchId + ": rebuilt from the stored record");
    return integrity;
  }

  /** Steps the scan until each kind has completed two passes: a whole one after any change. */
  private void scanTwice() {
    long target = scan.progress().stream().mapToLong(LeafScan.Progress::passes).min().orElse(0) + 2;
    for (int i = 0; i < 10_000; i++) {
      if (scan.progress().stream().allMatch(p -> p.passes() >= target)) {
        return;
      }
      scan.step(AuditJobs.SCAN_STEP);
    }
    throw new AssertionError("the scan did not complete two passes");
  }

  private static String mismatch(JsonNode integrity, String kind) {
    for (JsonNode records : integrity.get("records")) {
      if (records.get("kind").asString().equals(kind)) {
        JsonNode first = records.get("firstMismatch");
        return first == null || first.isNull() ? null : first.asString();
      }
    }
    throw new AssertionError("no records of kind " + kind + " in " + integrity);
  }

  private static List<Sha256> path(JsonNode proof) {
    return proof.get("path").valueStream().map(p -> Sha256.fromHex(p.asString())).toList();
  }

  private JsonNode latestCheckpoint() {
    var latest = api.get("/api/v1/audit/checkpoints/latest", "auditor");
    assertThat(latest.status()).as(latest.body()).isEqualTo(200);
    return latest.json();
  }

  @Test
  void theDemosEventsAreLeavesProvableAgainstASignedAnchoredCheckpoint() throws Exception {
    jobs.checkpoint();
    JsonNode checkpoint = latestCheckpoint();

    assertThat(checkpoint.get("logId").asString()).isEqualTo("riverton-audit");
    assertThat(checkpoint.get("treeSize").asLong())
        .as("12 sample assets")
        .isGreaterThanOrEqualTo(12);
    JsonNode anchor = checkpoint.get("anchor");
    assertThat(anchor.isNull()).as("anchored on the embedded peer").isFalse();
    String onLedger =
        new String(
            ledger
                .contract("AuditAnchorContract")
                .evaluateTransaction(
                    "AuditAnchorContract:CheckpointAt",
                    "riverton-audit",
                    checkpoint.get("treeSize").asString()),
            StandardCharsets.UTF_8);
    assertThat(onLedger)
        .contains(checkpoint.get("root").asString())
        .contains(anchor.get("txId").asString())
        .contains(checkpoint.get("signature").asString());
    Checkpoint signed =
        new Checkpoint(
            "riverton-audit",
            checkpoint.get("treeSize").asLong(),
            Sha256.fromHex(checkpoint.get("root").asString()),
            Instant.parse(checkpoint.get("timestamp").asString()));
    assertThat(new String(signed.signedContent(), StandardCharsets.UTF_8))
        .isEqualTo(checkpoint.get("signedContent").asString());
    X509Certificate certificate =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(
                        Base64.getDecoder().decode(checkpoint.get("certificate").asString())));
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(certificate.getPublicKey());
    verifier.update(signed.signedContent());
    assertThat(verifier.verify(Base64.getDecoder().decode(checkpoint.get("signature").asString())))
        .isTrue();

    JsonNode leaf = api.get("/api/v1/audit/leaves?event=1", "investor").json();
    assertThat(leaf.get("kind").asString()).isEqualTo("domain-event");
    assertThat(leaf.at("/fields/globalIndex").asLong()).isEqualTo(1);
    assertThat(leaf.at("/fields/aggregateType").asString()).isEqualTo("InfrastructureAsset");
    // The digests are hex text, of the bytes as they lie in the event store.
    List<byte[]> stored =
        jdbc.sql(
                "SELECT payload, coalesce(meta_data, ''::bytea) FROM domain_event_entry"
                    + " WHERE global_index = 1")
            .query((rs, n) -> List.of(rs.getBytes(1), rs.getBytes(2)))
            .single();
    assertThat(leaf.at("/fields/payloadDigest").asString())
        .isEqualTo(Sha256.digest(stored.get(0)).hex());
    assertThat(leaf.at("/fields/metaDataDigest").asString())
        .isEqualTo(Sha256.digest(stored.get(1)).hex());
    Sha256 leafHash = TreeHash.leaf(HexFormat.of().parseHex(leaf.get("data").asString()));
    assertThat(leafHash.hex()).isEqualTo(leaf.get("leafHash").asString());

    JsonNode proof = api.get("/api/v1/audit/proofs/inclusion?event=1", "auditor").json();
    assertThat(proof.get("type").asString()).isEqualTo("inclusion");
    assertThat(proof.get("treeSize").asLong()).isEqualTo(signed.treeSize());
    assertThat(proof.get("root").asString()).isEqualTo(signed.root().hex());
    assertThat(
            new InclusionProof(proof.get("leafIndex").asLong(), signed.treeSize(), path(proof))
                .verify(leafHash, signed.root())
                .isValid())
        .isTrue();
  }

  @Test
  void aStoredReadingBatchIsALeafAnAuditorRebuildsFromItsDigestAndProves() throws Exception {
    jobs.checkpoint();
    long before = latestCheckpoint().get("treeSize").asLong();
    var stored = api.send("POST", "/api/v1/twin/ngsi-ld/notifications", "operator", notification());
    assertThat(stored.status()).as(stored.body()).isEqualTo(200);
    long batchId = stored.json().get("batchId").asLong();
    jobs.checkpoint();
    JsonNode checkpoint = latestCheckpoint();
    long size = checkpoint.get("treeSize").asLong();
    Sha256 root = Sha256.fromHex(checkpoint.get("root").asString());

    JsonNode leaf = api.get("/api/v1/audit/leaves?readingBatch=" + batchId, "auditor").json();
    assertThat(leaf.at("/fields/digest").asString())
        .isEqualTo(stored.json().get("batchDigest").asString());
    ReadingBatchLeaf rebuilt =
        new ReadingBatchLeaf(
            batchId,
            leaf.at("/fields/source").asString(),
            stored.json().get("stored").asInt(),
            Sha256.fromHex(stored.json().get("batchDigest").asString()));
    assertThat(leaf.get("leafHash").asString()).isEqualTo(rebuilt.hash().hex());

    JsonNode inclusion =
        api.get(
                "/api/v1/audit/proofs/inclusion?readingBatch=" + batchId + "&treeSize=" + size,
                "investor")
            .json();
    assertThat(
            new InclusionProof(inclusion.get("leafIndex").asLong(), size, path(inclusion))
                .verify(rebuilt.hash(), root)
                .isValid())
        .isTrue();

    JsonNode consistency =
        api.get("/api/v1/audit/proofs/consistency?size1=" + before, "auditor").json();
    assertThat(consistency.get("type").asString()).isEqualTo("consistency");
    assertThat(consistency.get("size2").asLong()).isEqualTo(size);
    assertThat(consistency.get("root2").asString()).isEqualTo(root.hex());
    assertThat(
            new ConsistencyProof(before, size, path(consistency))
                .verify(Sha256.fromHex(consistency.get("root1").asString()), root)
                .isValid())
        .isTrue();

    JsonNode integrity = api.get("/api/v1/audit/integrity", "auditor").json();
    assertThat(integrity.get("intact").asBoolean()).as(integrity.toString()).isTrue();
    assertThat(integrity.get("leavesChecked").asLong()).isGreaterThanOrEqualTo(size);
  }

  @Test
  void badQuestionsGetProblemsNamingTheField() {
    jobs.checkpoint();

    var none = api.get("/api/v1/audit/leaves", "auditor");
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.contentType()).startsWith("application/problem+json");
    assertThat(none.json().get("field").asString()).isEqualTo("index");
    var two = api.get("/api/v1/audit/leaves?index=1&event=2", "auditor");
    assertThat(two.json().get("field").asString()).isEqualTo("event,index");
    var text = api.get("/api/v1/audit/leaves?index=first", "auditor");
    assertThat(text.json().get("detail").asString())
        .isEqualTo("index: 'first' is not a whole number");
    var absent = api.get("/api/v1/audit/leaves?readingBatch=999999999", "auditor");
    assertThat(absent.status()).isEqualTo(404);
    var beyond =
        api.get("/api/v1/audit/proofs/inclusion?leafIndex=0&treeSize=999999999", "auditor");
    assertThat(beyond.status()).isEqualTo(400);
    assertThat(beyond.json().get("field").asString()).isEqualTo("treeSize");
    var zero = api.get("/api/v1/audit/proofs/consistency?size1=0", "auditor");
    assertThat(zero.json().get("field").asString()).isEqualTo("size1");
    assertThat(api.get("/api/v1/audit/integrity", "investor").status()).isEqualTo(403);
    assertThat(api.get("/api/v1/audit/checkpoints/latest", null).status()).isEqualTo(401);
  }

  private String notification() throws Exception {
    String at =
        Instant.parse("2021-01-01T00:00:00Z")
            .plusSeconds(ThreadLocalRandom.current().nextLong(30_000_000))
            .toString();
    try (InputStream in = getClass().getResourceAsStream("/ngsild/road-segment-normalized.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("2024-04-19T10:12:00Z", at)
          .replace("2024-04-19T10:13:00Z", Instant.parse(at).plusSeconds(60).toString());
    }
  }
}
