package io.twinledger.service.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.twinledger.ledger.peer.block.BlockHashes;
import io.twinledger.ledger.peer.block.EndorserTransaction;
import io.twinledger.ledger.peer.fixture.Forgery;
import io.twinledger.ledger.peer.identity.EcdsaSignatures;
import io.twinledger.ledger.peer.identity.EndorserIdentity;
import io.twinledger.network.msp.MspDirectory;
import io.twinledger.network.msp.MspIdentity;
import io.twinledger.network.msp.NodeOu;
import io.twinledger.service.TwinLedgerApplication;
import io.twinledger.service.cli.CliAccess;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.ApprovedCorrection;
import io.twinledger.service.support.InflowDistrict;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.twin.KpiPeriodJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.gateway.PreparedTransaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evidence bundles end to end on the whole service and its real PostgreSQL: readings imported, a
 * period closed, its bundle exported with {@code ./twinledger export-evidence} and checked with
 * {@code ./twinledger verify}; then one byte changed directly in PostgreSQL (a reading's value, the
 * period's event payload) and the verifier names exactly that item; then bundles altered on disk.
 */
@OnEmbeddedDb
class EvidenceTest {

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired KpiPeriodJob periods;
  @Autowired JdbcClient jdbc;
  @Autowired MspDirectory msps;
  @TempDir Path dir;

  private Api api;
  private String asset;

  @BeforeEach
  void aClosedPeriod() {
    api = new Api(port, json);
    asset = "dma-" + UUID.randomUUID().toString().substring(0, 8);
    InflowDistrict.register(api, asset, "UTC");
    importCsv(
        "a.csv",
        """
        %1$s,system-input-volume,%1$s-inlet,2025-03-04T08:00:00Z,100,MTQ
        %1$s,system-input-volume,%1$s-inlet,2025-03-04T20:00:00Z,50,MTQ
        """);
    importCsv("b.csv", "%1$s,system-input-volume,%1$s-inlet,2025-03-04T21:00:00Z,7000,LTR\n");
    periods.closeDuePeriods();
    // The scheduled closing job may close the day between the two imports (revision 1 of one
    // batch) before the call above closes it again: wait for the period of all three readings.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              var closed =
                  api.get(
                          "/api/v1/assets/" + asset + "/kpis/system-input-volume/periods?kind=DAY",
                          "auditor")
                      .json();
              return closed.size() == 1 && closed.get(0).path("readingCount").asInt() == 3;
            });
  }

  @Test
  void anExportedBundleVerifiesOfflineItemByItem() throws Exception {
    Path bundle = export("evidence.json");

    Run verified = verify(bundle);
    assertThat(verified.code()).as(verified.out()).isZero();
    List<String> lines = verified.out().lines().toList();
    assertThat(lines.stream().filter(l -> l.startsWith("reading batch ")))
        .hasSize(2)
        .allMatch(
            l -> l.matches("reading batch \\d+: ok — \\d+ readings digest to [0-9a-f]{64}.*"));
    assertThat(lines)
        .anyMatch(l -> l.matches("event \\d+: ok — KpiPeriodClosed payload digests to .*"))
        .anyMatch(
            l ->
                l.startsWith(
                    "period " + asset + " system-input-volume DAY 2025-03-04T00:00:00Z revision "))
        .anyMatch(l -> l.matches("period .* revision \\d+: ok — value 157 MTQ from 2 batches.*"))
        .anyMatch(
            l ->
                l.matches(
                    "checkpoint riverton-audit@\\d+: ok — signature ok; signer .* chains to the CA"
                        + " of CityFinanceMSP"))
        .anyMatch(l -> l.matches("block \\d+: ok — data hash ok; header chain links back .*"))
        .anyMatch(
            l ->
                l.matches(
                    "transaction [0-9a-f]{64}: ok — VALID in block \\d+ on infra-performance;"
                        + " records riverton-audit@\\d+ .*AND\\('CityFinanceMSP.peer',"
                        + "'IndependentAuditorMSP.peer'\\) satisfied"));
    assertThat(lines.getLast()).startsWith("verdict: VERIFIED — all 7 checks passed");

    Run alone = verifyInItsOwnJvm(bundle);
    assertThat(alone.code()).as(alone.out()).isZero();
    assertThat(alone.out()).isEqualTo(verified.out());
  }

  @Test
  void aReadingValueChangedInPostgresqlIsNamedByItsBatch() throws Exception {
    assertNamedByItsBatch("SET value = 51", "tampered-reading.json");
  }

  /** Flags are covered by the batch digest: adding one in the database breaks the batch. */
  @Test
  void aReadingsFlagsChangedInPostgresqlAreNamedByItsBatch() throws Exception {
    assertNamedByItsBatch(
        "SET flags = array_append(flags, 'SPIKE') WHERE NOT 'SPIKE' = ANY(flags) AND",
        "tampered-flags.json");
  }

  /**
   * Changes the reading of 20:00 on 4 March with {@code change} (an SQL {@code SET …} clause, which
   * may open a {@code WHERE … AND}), exports, and expects the verifier to name its batch alone.
   */
  private void assertNamedByItsBatch(String change, String file) throws Exception {
    long batch = batchOf("2025-03-04T20:00:00Z");
    String where = change.contains(" WHERE ") ? " " : " WHERE ";
    int changed =
        jdbc.sql(
                "UPDATE reading "
                    + change
                    + where
                    + "asset_id = ? AND observed_at = '2025-03-04T20:00:00Z'")
            .param(asset)
            .update();
    assertThat(changed).isOne();

    Run verified = verify(export(file));

    assertThat(verified.code()).as(verified.out()).isOne();
    assertThat(verified.out())
        .containsPattern(
            "reading batch "
                + batch
                + ": digest mismatch — its 2 readings digest to [0-9a-f]{64}, the audit log"
                + " recorded [0-9a-f]{64}")
        .contains("verdict: NOT VERIFIED — 1 of 7 checks failed");
  }

  @Test
  void anEventPayloadChangedInPostgresqlIsNamedByTheEvent() throws Exception {
    // The first export puts the event in the log and anchors it; a change to an event the log
    // has not yet read would be recorded as it is (though the period check would still see it).
    assertThat(verify(export("before.json")).code()).isZero();
    long event =
        jdbc.sql(
                "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier LIKE ?"
                    + " AND payload_type LIKE '%KpiPeriodClosed'"
                    + " AND convert_from(payload, 'UTF8') LIKE '%\"periodKind\":\"DAY\"%'")
            .param(asset + "/%")
            .query(Long.class)
            .single();
    byte[] payload =
        jdbc.sql("SELECT payload FROM domain_event_entry WHERE global_index = ?")
            .param(event)
            .query(byte[].class)
            .single();
    String text = new String(payload, StandardCharsets.UTF_8);
    int value = text.indexOf("\"value\":") + "\"value\":".length();
    assertThat(text.substring(value, value + 3)).as(text).isEqualTo("157");
    // One byte: 157 becomes 957.
    jdbc.sql(
            "UPDATE domain_event_entry SET payload = set_byte(payload, ?, ascii('9'))"
                + " WHERE global_index = ?")
        .param(value)
        .param(event)
        .update();

    Run verified = verify(export("tampered-event.json"));

    assertThat(verified.code()).as(verified.out()).isOne();
    assertThat(verified.out())
        .containsPattern(
            "event "
                + event
                + ": payload digest mismatch — the stored payload digests to [0-9a-f]{64}, the"
                + " audit log recorded [0-9a-f]{64}")
        .contains("differs from the recorded event — value 157 here, 957 recorded")
        .contains("verdict: NOT VERIFIED — 2 of 7 checks failed");
  }

  @Test
  void aBundleAlteredOnDiskFailsTheItemItAltersAndAnUnreadableOneIsMalformed() throws Exception {
    Path bundle = export("original.json");
    String original = Files.readString(bundle);
    var tree = json.readTree(original);

    String block = tree.at("/anchor/block").asString();
    byte[] bytes = Base64.getDecoder().decode(block);
    bytes[bytes.length / 2] ^= 1;
    Run flipped =
        verify(
            altered(
                "block.json", original.replace(block, Base64.getEncoder().encodeToString(bytes))));
    assertThat(flipped.code()).as(flipped.out()).isIn(1, 2);
    assertThat(flipped.out()).containsPattern("block \\d+: (data hash mismatch|malformed)");

    String signature = tree.at("/checkpoint/signature").asString();
    String forged =
        signature.substring(0, 10)
            + (signature.charAt(10) == 'A' ? 'B' : 'A')
            + signature.substring(11);
    Run badSignature = verify(altered("signature.json", original.replace(signature, forged)));
    assertThat(badSignature.code()).isOne();
    assertThat(badSignature.out())
        .containsPattern("checkpoint riverton-audit@\\d+: signature does not verify")
        .containsPattern("transaction [0-9a-f]{64}: records another checkpoint .*signature");

    if (tree.at("/anchor/headers").size() > 1) {
      String previous = tree.at("/anchor/headers/1/previousHash").asString();
      String broken = (previous.charAt(0) == '0' ? "1" : "0") + previous.substring(1);
      Run chain = verify(altered("chain.json", original.replace(previous, broken)));
      assertThat(chain.code()).isOne();
      assertThat(chain.out()).contains("broken chain — block 1's previous hash");
    }

    Run truncated = verify(altered("truncated.json", original.substring(0, original.length() / 2)));
    assertThat(truncated.code()).isEqualTo(2);
    assertThat(truncated.out()).contains("truncated.json: malformed — not JSON");
    Run otherFormat =
        verify(altered("format.json", original.replace("twinledger-evidence/v3", "v0")));
    assertThat(otherFormat.code()).isEqualTo(2);
    assertThat(otherFormat.out())
        .contains(
            "not a twinledger-evidence/v3, twinledger-evidence/v2 or twinledger-evidence/v1"
                + " bundle");
    Run noRoot =
        verify(altered("no-root.json", original.replaceFirst("\"root\" : \"[0-9a-f]+\",", "")));
    assertThat(noRoot.code()).as(noRoot.out()).isEqualTo(2);
    assertThat(noRoot.out())
        .contains("no-root.json: malformed — missing field \"checkpoint.root\"");
  }

  /**
   * The anchor's endorsement policy names the organisations' peers: a bundle whose anchor
   * transaction was re-endorsed with the City Finance and auditor client keys (and re-signed by its
   * creator, with the block's data hash recomputed) fails the transaction check.
   */
  @Test
  void anAnchorReEndorsedByTheMembersClientsFailsThePolicy() throws Exception {
    Path bundle = export("endorsed.json");
    String original = Files.readString(bundle);
    var tree = json.readTree(original);
    String encoded = tree.at("/anchor/block").asString();
    String txId = tree.at("/anchor/txId").asString();
    Block block = Block.parseFrom(Base64.getDecoder().decode(encoded));
    MspIdentity city = msps.organisation("CityFinanceMSP").orElseThrow().identity(NodeOu.CLIENT);
    MspIdentity auditor =
        msps.organisation("IndependentAuditorMSP").orElseThrow().identity(NodeOu.CLIENT);
    BlockData.Builder data = block.getData().toBuilder();
    for (int i = 0; i < data.getDataCount(); i++) {
      if (EndorserTransaction.parse(data.getData(i)).txId().equals(txId)) {
        PreparedTransaction prepared =
            PreparedTransaction.newBuilder()
                .setEnvelope(Envelope.parseFrom(data.getData(i)))
                .build();
        Envelope forged =
            Forgery.of(prepared.toByteArray())
                .endorsedBy(endorser(city), endorser(auditor))
                .getEnvelope();
        data.setData(
            i,
            forged.toBuilder()
                .setSignature(
                    ByteString.copyFrom(
                        EcdsaSignatures.sign(city.privateKey(), forged.getPayload().toByteArray())))
                .build()
                .toByteString());
      }
    }
    Block reEndorsed =
        block.toBuilder()
            .setData(data)
            .setHeader(
                block.getHeader().toBuilder().setDataHash(BlockHashes.dataHash(data.build())))
            .build();

    Run verified =
        verify(
            altered(
                "re-endorsed.json",
                original.replace(
                    encoded, Base64.getEncoder().encodeToString(reEndorsed.toByteArray()))));

    assertThat(verified.code()).as(verified.out()).isOne();
    assertThat(verified.out())
        .containsPattern("block \\d+: ok")
        .contains(
            "transaction "
                + txId
                + ": endorsements do not satisfy"
                + " AND('CityFinanceMSP.peer','IndependentAuditorMSP.peer') — valid endorsements by"
                + " [CityFinanceMSP client, IndependentAuditorMSP client]");
  }

  private static EndorserIdentity endorser(MspIdentity identity) {
    return new EndorserIdentity(identity.mspId(), identity.certificate(), identity.privateKey());
  }

  @Test
  void badRequestsGetOneReadableLine() throws Exception {
    Run missing = cli(new String[] {"--asset", asset, "--kpi", "system-input-volume"}, "auditor");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).startsWith("twinledger: --kind is required; usage:");

    Run unknown =
        cli(args(asset, "2025-03-05T00:00:00Z", dir.resolve("x.json").toString()), "auditor");
    assertThat(unknown.code()).isOne();
    assertThat(unknown.err().strip())
        .isEqualTo(
            "twinledger: export refused (HTTP 404): no closed "
                + asset
                + " system-input-volume DAY period starting 2025-03-05T00:00:00Z");
    assertThat(dir.resolve("x.json")).doesNotExist();

    Run badStart = cli(args(asset, "yesterday", dir.resolve("y.json").toString()), "auditor");
    assertThat(badStart.err()).contains("HTTP 400").contains("start: must be an ISO-8601 instant");

    Run forbidden =
        cli(args(asset, "2025-03-04T00:00:00Z", dir.resolve("z.json").toString()), "investor");
    assertThat(forbidden.code()).isOne();
    assertThat(forbidden.err()).contains("HTTP 403");
  }

  private record Run(int code, String out, String err) {}

  private long batchOf(String observedAt) {
    return jdbc.sql(
            "SELECT batch_id FROM reading WHERE asset_id = ? AND observed_at = ?::timestamptz")
        .param(asset)
        .param(observedAt)
        .query(Long.class)
        .single();
  }

  private String[] args(String assetId, String start, String out) {
    return new String[] {
      "--url",
      "http://localhost:" + port,
      "--user",
      "auditor",
      "--asset",
      assetId,
      "--kpi",
      "system-input-volume",
      "--kind",
      "DAY",
      "--start",
      start,
      "--out",
      out
    };
  }

  @Test
  void aCorrectedPeriodsBundleFollowsTheChainFromTheOriginalToTheRevision() throws Exception {
    long id =
        correctApproveAndClose(
            "2025-03-04T08:00:00Z", "\"action\": \"SUPERSEDE\", \"value\": 10", "meter misread");

    Path bundle = export("corrected.json");
    Run verified = verify(bundle);

    assertThat(verified.code()).as(verified.out()).isZero();
    assertThat(verified.out())
        .containsPattern("period .* revision \\d+: ok — value 67 MTQ from 2 batches")
        .containsPattern(
            "correction "
                + id
                + ": ok — SUPERSEDE of reading "
                + asset
                + "-inlet at 2025-03-04T08:00:00Z in batch \\d+ \\(original 100, still in the"
                + " batch\\) to 10 by operator: meter misread; approved by officer → revision"
                + " \\d+, whose cause names it")
        .containsPattern("event \\d+: ok — CorrectionRequested payload digests to")
        .containsPattern("event \\d+: ok — CorrectionDecided payload digests to");

    String original = Files.readString(bundle);
    int start = original.indexOf("\"corrections\"");
    int end = original.indexOf("\"checkpoint\"");
    Run withoutChain =
        verify(altered("no-chain.json", original.substring(0, start) + original.substring(end)));
    assertThat(withoutChain.code()).as(withoutChain.out()).isEqualTo(1);
    assertThat(withoutChain.out())
        .containsPattern(
            "revision \\d+ cause: names corrections \\["
                + id
                + "\\], which the bundle"
                + " does not hold");
  }

  @Test
  void aVoidedReadingsBatchComesWithItsCorrectionThoughThePeriodNoLongerNamesIt() throws Exception {
    long id = correctApproveAndClose("2025-03-04T21:00:00Z", "\"action\": \"VOID\"", "test volume");

    Run verified = verify(export("voided.json"));

    assertThat(verified.code()).as(verified.out()).isZero();
    assertThat(verified.out())
        .containsPattern("period .* revision \\d+: ok — value 150 MTQ from 1 batch,")
        .containsPattern(
            "correction "
                + id
                + ": ok — VOID of reading "
                + asset
                + "-inlet at 2025-03-04T21:00:00Z in batch \\d+ \\(original 7, still in the"
                + " batch\\) by operator: test volume; approved by officer")
        .contains("verdict: VERIFIED");
    assertThat(verified.out().lines().filter(l -> l.startsWith("reading batch "))).hasSize(2);
  }

  /**
   * Corrects the reading observed at {@code at} as the operator ({@code action} the JSON fields
   * naming the action and any value), has the officer approve it, closes the day again and waits
   * for its revision 2; returns the correction's number.
   */
  private long correctApproveAndClose(String at, String action, String reason) {
    long id = ApprovedCorrection.of(api, asset, at, action, reason);
    periods.closeDuePeriods();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                api.get(
                        "/api/v1/assets/" + asset + "/kpis/system-input-volume/periods?kind=DAY",
                        "auditor")
                    .json()
                    .path(0)
                    .path("revision")
                    .asInt(),
            revision -> revision >= 2);
    return id;
  }

  private Path export(String name) {
    Path file = dir.resolve(name);
    Run run = cli(args(asset, "2025-03-04T00:00:00Z", file.toString()), "auditor");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("written to " + file);
    return file;
  }

  private Run cli(String[] args, String user) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("--url")) {
      all.addAll(List.of("--url", "http://localhost:" + port));
    }
    int userAt = all.indexOf("--user");
    if (userAt >= 0) {
      all.set(userAt + 1, user);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        CliAccess.exportEvidence(
            all.toArray(String[]::new),
            Map.of("TWINLEDGER_PASSWORD", user),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Run verify(Path bundle) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        CliAccess.verify(
            bundle,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** {@code ./twinledger verify} as its own process: no Spring context, database or network. */
  private Run verifyInItsOwnJvm(Path bundle) throws Exception {
    Path output = dir.resolve("verify.out");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                TwinLedgerApplication.class.getName(),
                "verify",
                bundle.toString())
            .redirectOutput(output.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), Files.readString(output), "");
  }

  private Path altered(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  private void importCsv(String name, String rows) {
    var response =
        api.send(
            "POST",
            "/api/v1/twin/imports?name=" + asset + "-" + name + "&format=csv",
            "operator",
            "asset_id,kpi_id,sensor_id,observed_at,value,unit_code\n" + rows.formatted(asset));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
  }
}
