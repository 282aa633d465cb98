package io.twinledger.reporting.report;

import static io.twinledger.reporting.report.ReportFixture.beyondAnchoring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.network.Consortium;
import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.reporting.evidence.Finding;
import io.twinledger.reporting.evidence.StrictJson;
import io.twinledger.reporting.evidence.Verification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportVerifierTest {

  private final ReportVerifier verifier = new ReportVerifier(Consortium::twinLedger);

  @Test
  void everyFigureOfAnIntactReportIsComputedAgainFromItsReadings() {
    Verification verification = verifier.verify(new ReportFixture().bundle());

    assertThat(beyondAnchoring(verification)).allMatch(Finding::passed);
    assertThat(lines(verification))
        .contains(
            "figure nrw-percent.2025-06: ok — 31 P1 by kpi-period",
            "figure payment.2025-06-30: ok — 4000.00 USD by bond-payment",
            "figure payments.total: ok — 4000.00 USD by sum");
    assertThat(item(verification, "proof").detail()).contains("6 leaves are in audit@6");
  }

  @Test
  void anEditedReadingFailsItsBatchAndEveryFigureBuiltOnIt() {
    ReportFixture fixture = new ReportFixture();
    ReportBundle intact = fixture.bundle();
    EvidenceBundle.Batch batch = intact.batches().getFirst();
    List<EvidenceBundle.Reading> readings = new ArrayList<>(batch.readings());
    EvidenceBundle.Reading first = readings.getFirst();
    readings.set(
        0,
        new EvidenceBundle.Reading(
            first.source(),
            first.sensorId(),
            first.assetId(),
            first.kpiId(),
            first.observedAt(),
            "130",
            first.unit(),
            first.originalValue(),
            first.originalUnit(),
            first.flags()));
    ReportBundle edited =
        new ReportBundle(
            intact.report(),
            intact.signature(),
            intact.issuance(),
            List.of(
                new EvidenceBundle.Batch(
                    batch.batchId(), batch.encoding(), readings, batch.leaf())),
            intact.events(),
            intact.proof(),
            intact.anchored(),
            intact.witnessed(),
            intact.attestations(),
            intact.market());

    Verification verification = verifier.verify(edited);

    assertThat(item(verification, "input batch.41").detail()).contains("digest mismatch");
    assertThat(item(verification, "figure nrw-percent.2025-06").detail())
        .isEqualTo("31 P1 — input batch.41 failed");
    assertThat(item(verification, "figure payment.2025-06-30").detail())
        .isEqualTo("4000.00 USD — figure nrw-percent.2025-06 failed");
    assertThat(item(verification, "report nrw-contract-2025-06").passed()).isTrue();
  }

  @Test
  void aFigureTheIssuerMisstatedFailsEvenWhenSignedAndLogged() {
    ReportFixture fixture = new ReportFixture();
    ReportBundle intact = fixture.bundle();
    Report report = intact.report();
    List<Figure> figures = new ArrayList<>(report.figures());
    Figure payment = figures.get(1);
    figures.set(
        1,
        new Figure(
            payment.id(),
            payment.label(),
            "5000.00",
            payment.unit(),
            payment.formula(),
            payment.parameters(),
            payment.inputs()));
    Report misstated =
        new Report(
            report.id(),
            report.type(),
            report.title(),
            report.subject(),
            report.periodStart(),
            report.periodEnd(),
            report.issuer(),
            report.issuedAt(),
            report.replaces(),
            report.provenance(),
            figures,
            report.inputs(),
            report.statements());
    ReportFixture again = new ReportFixture();
    ReportBundle signedAndLogged = again.bundleOf(misstated);

    Verification verification = verifier.verify(signedAndLogged);

    assertThat(item(verification, "report nrw-contract-2025-06").passed()).isTrue();
    assertThat(item(verification, "figure payment.2025-06-30").detail())
        .isEqualTo("states 5000.00 USD, its inputs give 4000.00 by bond-payment");
  }

  @Test
  void aReportEditedAfterSigningFailsItsSignatureAndItsIssuance() {
    ReportBundle intact = new ReportFixture().bundle();
    Report report = intact.report();
    Report retitled =
        new Report(
            report.id(),
            report.type(),
            "A kinder title",
            report.subject(),
            report.periodStart(),
            report.periodEnd(),
            report.issuer(),
            report.issuedAt(),
            report.replaces(),
            report.provenance(),
            report.figures(),
            report.inputs(),
            report.statements());
    ReportBundle edited =
        new ReportBundle(
            retitled,
            intact.signature(),
            intact.issuance(),
            intact.batches(),
            intact.events(),
            intact.proof(),
            intact.anchored(),
            intact.witnessed(),
            intact.attestations(),
            intact.market());

    Verification verification = verifier.verify(edited);

    assertThat(item(verification, "report nrw-contract-2025-06").detail())
        .contains("the issuer's signature does not verify");
    assertThat(item(verification, "issuance").detail()).contains("the log recorded another report");
  }

  @Test
  void theBundleSurvivesItsJsonAndAnUnknownMemberIsRefusedByPath() throws Exception {
    ReportBundle intact = new ReportFixture().bundle();
    byte[] json = ReportBundleJson.write(intact);

    Verification read = verifier.verify(ReportBundleJson.read(json));
    assertThat(beyondAnchoring(read)).allMatch(Finding::passed);
    assertThat(ReportBundleJson.read(json).report()).isEqualTo(intact.report());

    String text = new String(json, StandardCharsets.UTF_8);
    byte[] extra =
        text.replaceFirst("\"figures\":\\[\\{", "\"figures\":[{\"note\":\"x\",")
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ReportBundleJson.read(extra))
        .isInstanceOf(StrictJson.Malformed.class)
        .hasMessageContaining("report.figures[0].note");
  }

  private static List<String> lines(Verification verification) {
    return verification.findings().stream().map(Finding::line).toList();
  }

  private static Finding item(Verification verification, String item) {
    return verification.findings().stream()
        .filter(f -> f.item().equals(item))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no item " + item + " in " + lines(verification)));
  }
}
