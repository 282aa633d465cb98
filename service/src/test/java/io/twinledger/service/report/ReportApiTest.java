package io.twinledger.service.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.twinledger.ledger.peer.block.BlockHashes;
import io.twinledger.network.Consortium;
import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.reporting.evidence.Finding;
import io.twinledger.reporting.evidence.TrustedBlock;
import io.twinledger.reporting.evidence.Verification;
import io.twinledger.reporting.report.ReportBundle;
import io.twinledger.reporting.report.ReportBundleJson;
import io.twinledger.reporting.report.ReportJson;
import io.twinledger.reporting.report.ReportVerifier;
import io.twinledger.reporting.verify.VerifyMain;
import io.twinledger.service.audit.AuditJobs;
import io.twinledger.service.bond.BondJobs;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.support.ProvenBond;
import io.twinledger.service.support.ProvenDistrict;
import io.twinledger.service.twin.KpiPeriodJob;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bond's compliance report over real HTTP, PostgreSQL and the embedded Fabric peer: issued from
 * proven periods, its bundle verified offline figure by figure with the anchoring included,
 * attested by the auditor on the ledger, refused where it must be (edits of the stored data after
 * issue: {@link ReportTamperTest}), and a reading changed in PostgreSQL after issue caught by the
 * verifier.
 */
@OnEmbeddedDb
class ReportApiTest {

  private static final String KPI = ProvenBond.KPI;

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired KpiPeriodJob periods;
  @Autowired AuditJobs audit;
  @Autowired BondJobs jobs;
  @Autowired JdbcClient jdbc;

  @TempDir Path dir;

  private Api api;
  private String asset;
  private String bond;

  @BeforeEach
  void bondOnProvenMonths() {
    api = new Api(port, json);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    asset = "dma-" + suffix;
    bond = "bond-" + suffix;
    ProvenBond.define(
        api,
        new ProvenDistrict(api, periods::closeDuePeriods, audit::checkpoint),
        asset,
        bond,
        jobs::runDue);
  }

  @Test
  void anIssuedReportVerifiesOfflineFigureByFigureAndTheAuditorAttestsIt() throws Exception {
    var issued = issue("2025-03-01", "2025-05-01");
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    String reportId = issued.json().get("reportId").asString();
    assertThat(issued.json().get("status").asString()).isEqualTo("AWAITING_ATTESTATION");
    assertThat(issued.json().get("ledgerTx").asString()).isNotBlank();

    var document = api.get("/api/v1/reports/" + reportId, "auditor");
    assertThat(document.status()).isEqualTo(200);
    assertThat(ReportJson.sha256(document.body().getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(issued.json().get("sha256").asString());
    assertThat(document.body())
        .contains(
            "\"formula\":\"kpi-period\"", "\"formula\":\"bond-payment\"", "\"value\":\"25.00\"");

    ReportBundle bundle = bundle(reportId);
    Verification verification = new ReportVerifier(Consortium::twinLedger).verify(bundle);
    assertThat(verification.failures()).as(lines(verification).toString()).isEmpty();
    assertThat(lines(verification))
        .anyMatch(l -> l.startsWith("figure kpi." + asset + "." + KPI + ".2025-03: ok — 150 MTQ"))
        .anyMatch(l -> l.startsWith("figure payment.") && l.contains("25.00 USD by bond-payment"))
        .anyMatch(l -> l.startsWith("figure payments.total.USD: ok — 35.00 USD"))
        .anyMatch(l -> l.startsWith("transaction"))
        .anyMatch(l -> l.startsWith("note: ok — "))
        .anyMatch(l -> l.startsWith("witness auditor.twinledger.example/witness: ok — "))
        .anyMatch(l -> l.startsWith("quorum: ok — 1 of 1 witnesses cosigned"))
        .anyMatch(l -> l.startsWith("ledger issue: ok — IssueReport by CityFinanceMSP"))
        .contains("attestation: ok — none — the report is not attested yet");

    Path file = dir.resolve("report.json");
    Files.write(file, ReportBundleJson.write(bundle));
    assertThat(verifyReport("--json", file.toString())).isZero();

    var forbidden = attest(reportId, "officer", "APPROVED", "");
    assertThat(forbidden.status()).isEqualTo(403);
    var unexplained = attest(reportId, "auditor", "QUALIFIED", " ");
    assertThat(unexplained.status()).isEqualTo(400);
    assertThat(unexplained.body()).contains("comments");
    var approved = attest(reportId, "auditor", "APPROVED", "Re-computed offline.");
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.json().get("status").asString()).isEqualTo("APPROVED");
    var again = attest(reportId, "auditor", "APPROVED", "");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("code").asString()).isEqualTo("ALREADY_ATTESTED");

    var listed = api.get("/api/v1/reports?subject=" + bond, "investor");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.json().get(0).get("attestations").get(0).get("verdict").asString())
        .isEqualTo("APPROVED");

    // The witness cosigns in the audit job; the bundle's checkpoint is anchored after the
    // attestation's block, so that one header chain links every block it carries.
    audit.checkpoint();
    var download = api.download("/api/v1/reports/" + reportId + "/bundle", "auditor");
    assertThat(download.statusCode()).isEqualTo(200);
    ReportBundle attested = ReportBundleJson.read(download.body());
    Verification checked = new ReportVerifier(Consortium::twinLedger).verify(attested);
    assertThat(checked.failures()).as(lines(checked).toString()).isEmpty();
    assertThat(lines(checked))
        .anyMatch(
            l ->
                l.startsWith("attestation IndependentAuditorMSP: ok — APPROVED by")
                    && l.endsWith(": \"Re-computed offline.\""));
    // A client that accepts gzip gets the same bundle compressed; one that does not, as is.
    var compressed = api.downloadCompressed("/api/v1/reports/" + reportId + "/bundle", "auditor");
    assertThat(compressed.statusCode()).isEqualTo(200);
    assertThat(compressed.headers().firstValue("Content-Encoding")).contains("gzip");
    assertThat(download.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(compressed.body().length).isLessThan(download.body().length / 2);
    assertThat(Api.gunzip(compressed.body())).isEqualTo(download.body());
    Path out = Path.of("target", "report-bundles", "report-attested.json.gz");
    Files.createDirectories(out.getParent());
    try (OutputStream gzip = new GZIPOutputStream(Files.newOutputStream(out))) {
      gzip.write(download.body());
    }

    Verification twoWitnesses =
        new ReportVerifier(Consortium::twinLedger, 2, Optional.empty()).verify(attested);
    assertThat(twoWitnesses.failures())
        .extracting(Finding::line)
        .singleElement()
        .asString()
        .startsWith(
            "quorum: not met — 1 of the 2 witnesses required cosigned:"
                + " auditor.twinledger.example/witness at ");

    EvidenceBundle.BlockHeader firstLinked =
        attested.anchored().anchor().headers().get((int) firstBlock(attested) - 1);
    TrustedBlock trusted =
        new TrustedBlock(
            firstLinked.number(),
            HexFormat.of()
                .formatHex(
                    BlockHashes.headerHash(
                            BlockHeader.newBuilder()
                                .setNumber(firstLinked.number())
                                .setPreviousHash(
                                    ByteString.copyFrom(
                                        HexFormat.of().parseHex(firstLinked.previousHash())))
                                .setDataHash(
                                    ByteString.copyFrom(
                                        HexFormat.of().parseHex(firstLinked.dataHash())))
                                .build())
                        .toByteArray()));
    var compact =
        api.download(
            "/api/v1/reports/" + reportId + "/bundle?since=" + trusted.number(), "auditor");
    ReportBundle since = ReportBundleJson.read(compact.body());
    assertThat(since.anchored().anchor().headers().getFirst().number())
        .isEqualTo(trusted.number() + 1);
    assertThat(compact.body().length).isLessThan(download.body().length);
    Verification fromTrusted =
        new ReportVerifier(Consortium::twinLedger, 1, Optional.of(trusted)).verify(since);
    assertThat(fromTrusted.failures()).as(lines(fromTrusted).toString()).isEmpty();
    assertThat(lines(fromTrusted))
        .anyMatch(l -> l.contains("header chain links back to trusted block " + trusted.number()));
    assertThat(new ReportVerifier(Consortium::twinLedger).verify(since).failures())
        .extracting(Finding::item)
        .contains("block " + since.anchored().anchor().blockNumber());
  }

  /** The block of the report's issue on the ledger: the earliest block the bundle links. */
  private static long firstBlock(ReportBundle bundle) throws Exception {
    long first = Long.MAX_VALUE;
    for (ReportBundle.LedgerTransaction tx : bundle.attestations()) {
      first =
          Math.min(
              first,
              Block.parseFrom(Base64.getDecoder().decode(tx.block())).getHeader().getNumber());
    }
    return first;
  }

  @Test
  void badRequestsAreRefusedWithAProblemAndNothingIsIssued() {
    var byAuditor = api.post("/api/v1/reports", "auditor", body("2025-03-01", "2025-05-01"));
    assertThat(byAuditor.status()).isEqualTo(403);
    var unproven = issue("2026-01-01", "2026-03-01");
    assertThat(unproven.status()).as(unproven.body()).isEqualTo(422);
    assertThat(unproven.json().get("type").asString()).endsWith("report-refused");
    assertThat(unproven.json().get("detail").asString()).contains("not proven");
    var backwards = issue("2025-05-01", "2025-03-01");
    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.body()).contains("\"to\"");
    var unknown =
        api.post(
            "/api/v1/reports",
            "officer",
            "{\"bondId\": \"no-such-bond\", \"from\": \"2025-03-01\", \"to\": \"2025-05-01\"}");
    assertThat(unknown.status()).isEqualTo(404);
    var noReason =
        api.post(
            "/api/v1/reports",
            "officer",
            "{\"bondId\": \"%s\", \"from\": \"2025-03-01\", \"to\": \"2025-05-01\", \"replaces\": \"x\"}"
                .formatted(bond));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(api.get("/api/v1/reports?subject=" + bond, "officer").json()).isEmpty();
    assertThat(api.get("/api/v1/reports/no-such-report", "auditor").status()).isEqualTo(404);
  }

  @Test
  void aCorrectionNamesTheReportItReplacesWhichCanNoLongerBeAttested() {
    String first = issue("2025-03-01", "2025-05-01").json().get("reportId").asString();
    var correction =
        api.post(
            "/api/v1/reports",
            "officer",
            """
            {"bondId": "%s", "from": "2025-03-01", "to": "2025-05-01", "replaces": "%s",
             "reason": "the March meter was recalibrated"}"""
                .formatted(bond, first));
    assertThat(correction.status()).as(correction.body()).isEqualTo(201);
    assertThat(correction.json().get("replaces").asString()).isEqualTo(first);
    var old = api.get("/api/v1/reports/" + first + "/summary", "auditor");
    assertThat(old.json().get("status").asString()).isEqualTo("REPLACED");
    var late = attest(first, "auditor", "APPROVED", "");
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.json().get("code").asString()).isEqualTo("REPORT_REPLACED");
  }

  @Test
  void aMalformedBundleIsOneLineAndExitCodeTwo() throws Exception {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{\"format\": \"twinledger-report-bundle/v2\", \"report\": 3}");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        VerifyMain.run(
            new String[] {"verify-report", file.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    assertThat(code).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("malformed");
  }

  private Api.Response issue(String from, String to) {
    return api.post("/api/v1/reports", "officer", body(from, to));
  }

  private String body(String from, String to) {
    return "{\"bondId\": \"%s\", \"from\": \"%s\", \"to\": \"%s\"}".formatted(bond, from, to);
  }

  private Api.Response attest(String reportId, String user, String verdict, String comments) {
    return api.post(
        "/api/v1/reports/" + reportId + "/attestations",
        user,
        "{\"verdict\": \"%s\", \"comments\": \"%s\"}".formatted(verdict, comments));
  }

  private ReportBundle bundle(String reportId) {
    var response = api.download("/api/v1/reports/" + reportId + "/bundle", "auditor");
    assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
    try {
      return ReportBundleJson.read(response.body());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static int verifyReport(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "verify-report";
    System.arraycopy(args, 0, all, 1, args.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = VerifyMain.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    JsonNode verdict = JsonMapper.builder().build().readTree(out.toByteArray());
    assertThat(verdict.get("verdict").asString()).as(out.toString()).isEqualTo("VERIFIED");
    return code;
  }

  private static List<String> lines(Verification verification) {
    return verification.findings().stream().map(Finding::line).toList();
  }
}
