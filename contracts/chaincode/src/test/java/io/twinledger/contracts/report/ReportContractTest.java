package io.twinledger.contracts.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.contracts.chaincode.ChaincodePeer;
import io.twinledger.contracts.chaincode.ChaincodePeer.Endorsement;
import io.twinledger.contracts.chaincode.ChaincodePeer.Submitted;
import io.twinledger.contracts.chaincode.ChaincodePeer.Validation;
import io.twinledger.contracts.chaincode.InProcessChaincode;
import io.twinledger.contracts.chaincode.TestIdentity;
import io.twinledger.contracts.chaincode.TestMsp;
import io.twinledger.contracts.merkle.ReportStatement;
import io.twinledger.contracts.merkle.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ReportContract} driven over gRPC by a {@link ChaincodePeer}: the city's reporting officer
 * issues the first-quarter KPI report of asset {@code gi-rock-creek-a}, the independent auditor
 * attests to it.
 */
class ReportContractTest {

  private static final TestMsp CITY = TestMsp.create("CityFinanceMSP");
  private static final TestMsp AUDIT_FIRM = TestMsp.create("IndependentAuditorMSP");
  private static final TestIdentity ISSUER = CITY.enrol("reporting-officer");
  private static final TestIdentity AUDITOR = AUDIT_FIRM.enrol("lead-auditor");
  private static final TestIdentity AUDIT_PARTNER = AUDIT_FIRM.enrol("partner");
  private static final TestIdentity WATER = TestMsp.create("WaterUtilityMSP").enrol("operator");

  private static final String REPORT = "riverton-kpi-2026-q1";
  private static final String DIGEST = Sha256.digest(bytes("the Q1 report, as published")).hex();
  private static final String OTHER = Sha256.digest(bytes("another report")).hex();

  private ChaincodePeer peer;

  @BeforeEach
  void connect() {
    peer = InProcessChaincode.connect();
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    peer.close();
  }

  @Test
  void anIssuedReportIsAttestedApprovedAndReadWithItsAttestation() throws Exception {
    Submitted issued = valid(issue(ISSUER, REPORT, DIGEST));

    JSONObject report = new JSONObject(issued.payload());
    assertThat(report.getString("sha256")).isEqualTo(DIGEST);
    assertThat(report.getString("signerMsp")).isEqualTo("CityFinanceMSP");
    assertThat(report.getString("signerSubject"))
        .isEqualTo("O=CityFinanceMSP,OU=client,CN=reporting-officer");
    assertThat(report.getString("txId")).isEqualTo(issued.endorsement().txId());
    assertThat(report.getString("replaces")).isEmpty();
    assertThat(report.getJSONArray("attestations").isEmpty()).isTrue();
    assertThat(verifies(report, ISSUER)).as("the recorded signature verifies offline").isTrue();
    assertThat(peer.events().getLast().getEventName()).isEqualTo(ReportContract.REPORT_ISSUED);

    Submitted attested = valid(attest(AUDITOR, REPORT, DIGEST, "APPROVED", ""));

    JSONObject read = new JSONObject(evaluate("ReadReport", REPORT).payload());
    assertThat(read.similar(new JSONObject(attested.payload()))).isTrue();
    JSONObject attestation = read.getJSONArray("attestations").getJSONObject(0);
    assertThat(attestation.toMap())
        .containsEntry("attesterMsp", "IndependentAuditorMSP")
        .containsEntry("attesterSubject", "O=IndependentAuditorMSP,OU=client,CN=lead-auditor")
        .containsEntry("verdict", "APPROVED")
        .containsEntry("comments", "")
        .containsEntry("sha256", DIGEST)
        .containsEntry("txId", attested.endorsement().txId());
    assertThat(attestation.getString("attestedAt")).endsWith("Z");
    assertThat(new JSONObject(peer.events().getLast().getPayload().toStringUtf8()).toMap())
        .containsEntry("reportId", REPORT)
        .containsEntry("attesterMsp", "IndependentAuditorMSP")
        .containsEntry("verdict", "APPROVED");
  }

  @Test
  void aQualifiedVerdictNeedsCommentsAndAnApprovalMayCarryThem() {
    valid(issue(ISSUER, REPORT, DIGEST));
    byte[] before = stored(REPORT);

    refused(attest(AUDITOR, REPORT, DIGEST, "QUALIFIED", ""), "COMMENTS_REQUIRED");
    refused(attest(AUDITOR, REPORT, DIGEST, "QUALIFIED", "  "), "COMMENTS_REQUIRED");
    assertThat(refused(attest(AUDITOR, REPORT, DIGEST, "approved", ""), "INVALID_VERDICT"))
        .contains("APPROVED or QUALIFIED");
    assertThat(stored(REPORT)).isEqualTo(before);

    Submitted qualified =
        valid(attest(AUDITOR, REPORT, DIGEST, "QUALIFIED", "March readings of one meter missing"));
    JSONObject attestation =
        new JSONObject(qualified.payload()).getJSONArray("attestations").getJSONObject(0);
    assertThat(attestation.getString("verdict")).isEqualTo("QUALIFIED");
    assertThat(attestation.getString("comments")).isEqualTo("March readings of one meter missing");

    valid(issue(ISSUER, "riverton-kpi-2026-q2", OTHER));
    Submitted approved =
        valid(attest(AUDITOR, "riverton-kpi-2026-q2", OTHER, "APPROVED", "Sampled 12 meters"));
    assertThat(new JSONObject(approved.payload()).getJSONArray("attestations").getJSONObject(0))
        .satisfies(a -> assertThat(a.getString("comments")).isEqualTo("Sampled 12 meters"));
  }

  @Test
  void onlyAClientOfAnAuditorAttests() {
    valid(issue(ISSUER, REPORT, DIGEST));
    byte[] before = stored(REPORT);

    assertThat(refused(attest(ISSUER, REPORT, DIGEST, "APPROVED", ""), "NOT_AUDITOR"))
        .contains("O=CityFinanceMSP,OU=client,CN=reporting-officer of CityFinanceMSP");
    refused(attest(WATER, REPORT, DIGEST, "APPROVED", ""), "NOT_AUDITOR");

    assertThat(stored(REPORT)).isEqualTo(before);
  }

  @Test
  void onlyAClientOfTheIssuerIssuesWithItsOwnSignature() {
    refused(issue(AUDITOR, REPORT, DIGEST), "NOT_ISSUER");
    refused(issue(WATER, REPORT, DIGEST), "NOT_ISSUER");
    TestIdentity colleague = CITY.enrol("colleague");
    assertThat(refused(issue(ISSUER, colleague, REPORT, DIGEST, "", ""), "BAD_SIGNATURE"))
        .contains(
            "does not verify with the key of O=CityFinanceMSP,OU=client,CN=reporting-officer");

    assertThat(stored(REPORT)).isNull();
    refused(peer.submit(ISSUER, "ReportContract:ReadReport", REPORT), "UNKNOWN_REPORT");
  }

  @Test
  void anAttestationIsToTheIssuedDigestOnly() {
    valid(issue(ISSUER, REPORT, DIGEST));
    byte[] before = stored(REPORT);

    assertThat(refused(attest(AUDITOR, REPORT, OTHER, "APPROVED", ""), "DIGEST_MISMATCH"))
        .contains("was issued with digest " + DIGEST + ", not " + OTHER);
    refused(attest(AUDITOR, "no-such-report", DIGEST, "APPROVED", ""), "UNKNOWN_REPORT");
    refused(attest(AUDITOR, REPORT, "xyz", "APPROVED", ""), "INVALID_ARGUMENT");

    assertThat(stored(REPORT)).isEqualTo(before);
    valid(attest(AUDITOR, REPORT, DIGEST.toUpperCase(), "APPROVED", ""));
  }

  @Test
  void anAuditorOrganisationAttestsOnce() {
    valid(issue(ISSUER, REPORT, DIGEST));
    Submitted first = valid(attest(AUDITOR, REPORT, DIGEST, "APPROVED", ""));
    byte[] before = stored(REPORT);

    assertThat(refused(attest(AUDITOR, REPORT, DIGEST, "APPROVED", ""), "ALREADY_ATTESTED"))
        .contains("in " + first.endorsement().txId());
    refused(
        attest(AUDIT_PARTNER, REPORT, DIGEST, "QUALIFIED", "second thoughts"), "ALREADY_ATTESTED");

    assertThat(stored(REPORT)).isEqualTo(before);
  }

  @Test
  void aReportIdNeverChangesAndTheSameIssueAgainReturnsTheRecord() {
    Submitted first = valid(issue(ISSUER, REPORT, DIGEST));
    long events = peer.events().size();

    Submitted again = valid(issue(ISSUER, REPORT, DIGEST));
    assertThat(new JSONObject(again.payload()).similar(new JSONObject(first.payload()))).isTrue();
    assertThat(again.endorsement().writes()).isEmpty();
    assertThat(peer.events()).hasSize((int) events);

    assertThat(refused(issue(ISSUER, REPORT, OTHER), "REPORT_EXISTS"))
        .contains("was issued in " + first.endorsement().txId());
    assertThat(new JSONObject(evaluate("ReadReport", REPORT).payload()).getString("sha256"))
        .isEqualTo(DIGEST);
  }

  @Test
  void aReplacementNamesTheReportItReplacesWhichThenTakesNoAttestation() {
    valid(issue(ISSUER, REPORT, DIGEST));
    valid(attest(AUDITOR, REPORT, DIGEST, "QUALIFIED", "Q1 water losses understated"));
    String corrected = REPORT + "-r1";

    refused(issue(ISSUER, ISSUER, corrected, OTHER, REPORT, ""), "INVALID_ARGUMENT");
    refused(issue(ISSUER, ISSUER, corrected, OTHER, "", "restated"), "INVALID_ARGUMENT");
    refused(
        issue(ISSUER, ISSUER, corrected, OTHER, "no-such-report", "restated"), "UNKNOWN_REPORT");
    assertThat(stored(corrected)).isNull();

    Submitted replacement =
        valid(issue(ISSUER, ISSUER, corrected, OTHER, REPORT, "water losses restated"));

    JSONObject issued = new JSONObject(replacement.payload());
    assertThat(issued.getString("replaces")).isEqualTo(REPORT);
    assertThat(issued.getString("replacementReason")).isEqualTo("water losses restated");
    JSONObject replaced = new JSONObject(evaluate("ReadReport", REPORT).payload());
    assertThat(replaced.getString("replacedBy")).isEqualTo(corrected);
    assertThat(replaced.getJSONArray("attestations").length()).as("kept").isEqualTo(1);
    assertThat(new JSONObject(peer.events().getLast().getPayload().toStringUtf8()).toMap())
        .containsEntry("replaces", REPORT);

    byte[] before = stored(REPORT);
    assertThat(refused(attest(AUDITOR, REPORT, DIGEST, "APPROVED", ""), "REPORT_REPLACED"))
        .contains("replaced by " + corrected);
    refused(
        issue(ISSUER, ISSUER, REPORT + "-r2", OTHER, REPORT, "restated again"), "REPORT_REPLACED");
    assertThat(stored(REPORT)).isEqualTo(before);

    valid(attest(AUDITOR, corrected, OTHER, "APPROVED", ""));
    String second = REPORT + "-r2";
    valid(issue(ISSUER, ISSUER, second, DIGEST, corrected, "restated again"));
    assertThat(new JSONObject(evaluate("ReadReport", corrected).payload()).getString("replacedBy"))
        .isEqualTo(second);
  }

  @Test
  void aReplacementIsOfTheSameTypeAndSubject() {
    valid(issue(ISSUER, REPORT, DIGEST));
    ReportStatement otherSubject =
        new ReportStatement(
            "rock-creek-b-2026-q1",
            "kpi-performance",
            "gi-rock-creek-b",
            "2026-Q1",
            Sha256.fromHex(OTHER));

    assertThat(
            refused(
                peer.submit(
                    ISSUER,
                    "ReportContract:IssueReport",
                    arguments(otherSubject, ISSUER, REPORT, "wrong asset")),
                "INVALID_ARGUMENT"))
        .contains("same type and subject");
  }

  @Test
  void malformedArgumentsAreNamed() {
    assertThat(
            refused(
                peer.submit(
                    ISSUER,
                    "ReportContract:IssueReport",
                    "bad id",
                    "kpi-performance",
                    "gi-rock-creek-a",
                    "2026-Q1",
                    DIGEST,
                    "AAAA",
                    "",
                    ""),
                "INVALID_ARGUMENT"))
        .contains("reportId");
    assertThat(
            refused(
                peer.submit(
                    ISSUER,
                    "ReportContract:IssueReport",
                    REPORT,
                    "kpi-performance",
                    "gi-rock-creek-a",
                    "2026-Q1",
                    "12",
                    "AAAA",
                    "",
                    ""),
                "INVALID_ARGUMENT"))
        .contains("sha256");
    assertThat(
            refused(
                peer.submit(
                    ISSUER,
                    "ReportContract:IssueReport",
                    REPORT,
                    "kpi-performance",
                    "gi-rock-creek-a",
                    "2026-Q1",
                    DIGEST,
                    "not base64!",
                    "",
                    ""),
                "INVALID_ARGUMENT"))
        .contains("issuerSignature");
    refused(peer.submit(ISSUER, "ReportContract:ReadReport", "a~b"), "INVALID_ARGUMENT");
    assertThat(peer.stateSize()).isZero();
  }

  // ------------------------------------------------------------------------------------ helpers

  private static ReportStatement statement(String reportId, String digest) {
    return new ReportStatement(
        reportId, "kpi-performance", "gi-rock-creek-a", "2026-Q1", Sha256.fromHex(digest));
  }

  private static String[] arguments(
      ReportStatement statement, TestIdentity signer, String replaces, String reason) {
    return new String[] {
      statement.reportId(),
      statement.reportType(),
      statement.subject(),
      statement.period(),
      statement.sha256().hex(),
      signer.signBase64(statement.signedContent()),
      replaces,
      reason
    };
  }

  private Submitted issue(TestIdentity creator, String reportId, String digest) {
    return issue(creator, creator, reportId, digest, "", "");
  }

  private Submitted issue(
      TestIdentity creator,
      TestIdentity signer,
      String reportId,
      String digest,
      String replaces,
      String reason) {
    return peer.submit(
        creator,
        "ReportContract:IssueReport",
        arguments(statement(reportId, digest), signer, replaces, reason));
  }

  private Submitted attest(
      TestIdentity creator, String reportId, String digest, String verdict, String comments) {
    return peer.submit(creator, "ReportContract:AttestReport", reportId, digest, verdict, comments);
  }

  private Endorsement evaluate(String function, String... args) {
    Endorsement endorsement = peer.endorse(WATER, "ReportContract:" + function, args);
    assertThat(endorsement.status()).as(endorsement.message()).isEqualTo(200);
    return endorsement;
  }

  private byte[] stored(String reportId) {
    Optional<byte[]> value = peer.state(ReportContract.key(reportId));
    return value.orElse(null);
  }

  /** Whether the recorded issuer signature verifies with {@code signer}'s certificate. */
  private static boolean verifies(JSONObject report, TestIdentity signer) throws Exception {
    ReportStatement statement =
        new ReportStatement(
            report.getString("reportId"),
            report.getString("reportType"),
            report.getString("subject"),
            report.getString("period"),
            Sha256.fromHex(report.getString("sha256")));
    Signature ecdsa = Signature.getInstance("SHA256withECDSA");
    ecdsa.initVerify(signer.certificate().getPublicKey());
    ecdsa.update(statement.signedContent());
    return ecdsa.verify(Base64.getDecoder().decode(report.getString("signature")));
  }

  private static Submitted valid(Submitted submitted) {
    assertThat(submitted.validation()).as(submitted.message()).isEqualTo(Validation.VALID);
    return submitted;
  }

  /** Asserts the refusal's code, as payload and at the head of the message; returns the message. */
  private static String refused(Submitted submitted, String code) {
    assertThat(submitted.validation()).isEqualTo(Validation.ENDORSEMENT_FAILURE);
    assertThat(submitted.payload()).as(submitted.message()).isEqualTo(code);
    assertThat(submitted.message()).startsWith(code + ": ");
    return submitted.message();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
