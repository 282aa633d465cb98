package io.twinledger.ledger.audit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.twinledger.contracts.chaincode.TwinLedgerChaincode;
import io.twinledger.contracts.merkle.ReportStatement;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.ledger.audit.report.ReportAttestation.Verdict;
import io.twinledger.ledger.peer.fixture.ConsortiumPeerFixture;
import io.twinledger.network.msp.MspIdentity;
import io.twinledger.network.msp.NodeOu;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports issued and attested on the embedded peer configured from the consortium: the real report
 * chaincode under {@code twinledger-reports}, its endorsement policy (issuer and auditor), through
 * the real Fabric Gateway client, one gateway for the city and one for the auditor.
 */
class FabricReportAttestationsTest {

  private static final String CHANNEL = ConsortiumPeerFixture.CHANNEL;

  @TempDir static Path data;

  private static ConsortiumPeerFixture fixture;
  private static MspIdentity city;
  private static Contract cityContract;
  private static FabricReportAttestations asCity;
  private static FabricReportAttestations asAuditor;

  @BeforeAll
  static void network() {
    fixture =
        ConsortiumPeerFixture.start(
            data, TwinLedgerChaincode.CONTRACTS, TwinLedgerChaincode.DATA_TYPES);
    city = fixture.client();
    MspIdentity auditor =
        fixture.msps().organisation("IndependentAuditorMSP").orElseThrow().identity(NodeOu.CLIENT);
    cityContract =
        fixture.gateway().getNetwork(CHANNEL).getContract(FabricReportAttestations.CHAINCODE);
    asCity = new FabricReportAttestations(cityContract);
    asAuditor =
        new FabricReportAttestations(
            fixture
                .connect(auditor)
                .getNetwork(CHANNEL)
                .getContract(FabricReportAttestations.CHAINCODE));
  }

  @AfterAll
  static void close() throws InterruptedException {
    fixture.close();
  }

  @Test
  void theCityIssuesAReportAndTheAuditorAttestsToItsDigest() {
    ReportStatement statement = statement("kpi-2026-q1", "the Q1 report");

    ReportRecord issued = asCity.issue(statement, sign(statement));
    ReportRecord attested =
        asAuditor.attest(statement.reportId(), statement.sha256(), Verdict.APPROVED, "");

    assertThat(issued.statement()).isEqualTo(statement);
    assertThat(issued.signerMsp()).isEqualTo("CityFinanceMSP");
    assertThat(issued.attestations()).isEmpty();
    ReportAttestation attestation = attested.attestationBy("IndependentAuditorMSP").orElseThrow();
    assertThat(attestation.verdict()).isEqualTo(Verdict.APPROVED);
    assertThat(attestation.sha256()).isEqualTo(statement.sha256());
    assertThat(attestation.attestedAt()).isAfterOrEqualTo(issued.recordedAt());
    assertThat(asCity.read(statement.reportId())).contains(attested);
    assertThat(asCity.issue(statement, sign(statement)))
        .as("the same issue again is the recorded report")
        .isEqualTo(attested);
  }

  @Test
  void refusalsCarryTheChaincodesCode() {
    ReportStatement statement = statement("kpi-2026-q2", "the Q2 report");
    asCity.issue(statement, sign(statement));

    assertThat(code(() -> asAuditor.issue(statement("kpi-2026-q3", "Q3"), new byte[] {1})))
        .isEqualTo("NOT_ISSUER");
    assertThat(code(() -> asCity.attest("kpi-2026-q2", statement.sha256(), Verdict.APPROVED, "")))
        .isEqualTo("NOT_AUDITOR");
    assertThat(
            code(
                () ->
                    asAuditor.attest(
                        "kpi-2026-q2", Sha256.digest(bytes("other")), Verdict.APPROVED, "")))
        .isEqualTo("DIGEST_MISMATCH");
    assertThat(
            code(() -> asAuditor.attest("kpi-2026-q2", statement.sha256(), Verdict.QUALIFIED, "")))
        .isEqualTo("COMMENTS_REQUIRED");
    assertThat(asCity.read("no-such-report")).isEmpty();
    assertThat(asCity.read("kpi-2026-q2").orElseThrow().attestations()).isEmpty();
  }

  @Test
  void aReplacementIsReadFromBothEnds() {
    ReportStatement first = statement("kpi-2026-h1", "H1");
    ReportStatement corrected = statement("kpi-2026-h1-r1", "H1 restated");
    asCity.issue(first, sign(first));

    ReportRecord replacement =
        asCity.issue(corrected, sign(corrected), first.reportId(), "meter 7 re-read");

    assertThat(replacement.replaces()).contains(first.reportId());
    assertThat(asCity.read(first.reportId()).orElseThrow().replacedBy())
        .contains(corrected.reportId());
    assertThat(code(() -> asAuditor.attest(first.reportId(), first.sha256(), Verdict.APPROVED, "")))
        .isEqualTo("REPORT_REPLACED");
  }

  @Test
  void aTransactionWithoutTheAuditorsEndorsementIsInvalid() throws Exception {
    ReportStatement statement = statement("kpi-2026-q4", "the Q4 report");

    Status cityAlone =
        cityContract
            .newProposal(FabricReportAttestations.ISSUE)
            .addArguments(arguments(statement))
            .setEndorsingOrganizations("CityFinanceMSP")
            .build()
            .endorse()
            .submitAsync()
            .getStatus();
    Status auditorAlone =
        cityContract
            .newProposal(FabricReportAttestations.ISSUE)
            .addArguments(arguments(statement))
            .setEndorsingOrganizations("IndependentAuditorMSP")
            .build()
            .endorse()
            .submitAsync()
            .getStatus();

    assertThat(cityAlone.getCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    assertThat(auditorAlone.getCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    assertThat(asCity.read(statement.reportId())).as("nothing recorded").isEmpty();

    Status both =
        cityContract
            .newProposal(FabricReportAttestations.ISSUE)
            .addArguments(arguments(statement))
            .setEndorsingOrganizations("CityFinanceMSP", "IndependentAuditorMSP")
            .build()
            .endorse()
            .submitAsync()
            .getStatus();
    assertThat(both.getCode()).isEqualTo(TxValidationCode.VALID);
    assertThat(asCity.read(statement.reportId())).isPresent();
  }

  private static ReportStatement statement(String reportId, String content) {
    return new ReportStatement(
        reportId, "kpi-performance", "riverton", reportId.substring(4, 11), digest(content));
  }

  private static String[] arguments(ReportStatement statement) {
    return new String[] {
      statement.reportId(),
      statement.reportType(),
      statement.subject(),
      statement.period(),
      statement.sha256().hex(),
      Base64.getEncoder().encodeToString(sign(statement)),
      "",
      ""
    };
  }

  /** The city client's signature, made with its gateway identity's key. */
  private static byte[] sign(ReportStatement statement) {
    try {
      Signature ecdsa = Signature.getInstance("SHA256withECDSA");
      ecdsa.initSign(city.privateKey());
      ecdsa.update(statement.signedContent());
      return ecdsa.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String code(Runnable call) {
    return catchThrowableOfType(ReportRefusal.class, call::run).code();
  }

  private static Sha256 digest(String content) {
    return Sha256.digest(bytes(content));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
