package io.twinledger.reporting.report;

import static io.twinledger.reporting.report.ReportFixture.beyondAnchoring;
import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.network.Consortium;
import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.reporting.evidence.Finding;
import io.twinledger.reporting.evidence.Verification;
import io.twinledger.twin.reading.AssessedReading;
import io.twinledger.twin.reading.ReadingBatch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A {@code kpi-period} figure of a period revised by a correction: June's inflow, 30 daily readings
 * of 100 m³ of which the one of 10 June was typed as 9000, superseded by 100 with the officer's
 * approval, so that revision 2 reads 3000 m³. The period is closed again from the original readings
 * and the correction's logged events; a correction that does not fit them fails the figure, naming
 * the correction's inputs.
 */
class CorrectedPeriodTest {

  private static final String KPI = "system-input-volume";
  private static final Instant START = Instant.parse("2025-06-01T00:00:00Z");
  private static final Instant TYPO_AT = Instant.parse("2025-06-10T00:00:00Z");
  private static final String FIGURE = "figure inflow.2025-06";
  private static final String INPUTS =
      "correction 7 (correction.7.requested, correction.7.decided)";

  private final ReportVerifier verifier = new ReportVerifier(Consortium::twinLedger);

  /**
   * What the books logged, by default the approved supersession of the mistyped reading; each test
   * changes what it forges.
   */
  private static final class Logged {
    String action = "\"SUPERSEDE\"";
    String value = "100";
    String replacedSensor = "meter-in";
    String replacedValue = "9000";
    boolean typoInOwnBatch = false;
    boolean namesOtherBatch = false;
    boolean approvalRequired = true;
    String decidedBy = "officer";
    boolean approved = true;
    boolean decidedAfterClose = false;
    boolean decisionInReport = true;
    String cause = "correction 7 by operator: meter misread";
    String periodValue = "3000";
  }

  @Test
  void aSupersededReadingCountsWithItsCorrectedValueAndTheRevisionVerifies() {
    Verification verification = verifier.verify(bundle(new Logged()));

    assertThat(beyondAnchoring(verification)).allMatch(Finding::passed);
    assertThat(lines(verification))
        .contains(FIGURE + ": ok — 3000 MTQ by kpi-period")
        .anyMatch(l -> l.startsWith("input correction.7.requested: ok — event "))
        .anyMatch(l -> l.startsWith("input correction.7.decided: ok — event "));
    assertThat(item(verification, "proof").detail())
        .as("the correction's events are proven with the other leaves")
        .contains("7 leaves are in");
  }

  @Test
  void aVoidedReadingInABatchThePeriodNoLongerNamesIsLeftOut() {
    Logged voided = new Logged();
    voided.action = "\"VOID\"";
    voided.value = "null";
    voided.typoInOwnBatch = true;
    voided.periodValue = "2900";

    Verification verification = verifier.verify(bundle(voided));

    assertThat(beyondAnchoring(verification)).allMatch(Finding::passed);
    assertThat(lines(verification)).contains(FIGURE + ": ok — 2900 MTQ by kpi-period");
  }

  @Test
  void aForgedCorrectedValueFailsItsInputAndTheFigure() {
    ReportBundle intact = bundle(new Logged());
    List<EvidenceBundle.Event> events = new ArrayList<>();
    for (EvidenceBundle.Event e : intact.events()) {
      events.add(
          e.aggregateIdentifier().equals("correction:7") && e.payloadType().endsWith("Requested")
              ? withPayload(e, payloadOf(e).replace("\"value\":100,", "\"value\":200,"))
              : e);
    }
    ReportBundle forged =
        new ReportBundle(
            intact.report(),
            intact.signature(),
            intact.issuance(),
            intact.batches(),
            events,
            intact.proof(),
            intact.anchored(),
            intact.witnessed(),
            intact.attestations(),
            intact.market());

    Verification verification = verifier.verify(forged);

    assertThat(item(verification, "input correction.7.requested").detail())
        .contains("payload digest mismatch");
    assertThat(item(verification, FIGURE).detail())
        .isEqualTo("3000 MTQ — input correction.7.requested failed");
  }

  @Test
  void aLoggedCorrectionOfAnotherValueThanThePeriodRecordedFailsTheFigure() {
    Logged other = new Logged();
    other.value = "200";

    Finding figure = item(verifier.verify(bundle(other)), FIGURE);

    assertThat(figure.passed()).isFalse();
    assertThat(figure.detail())
        .startsWith("its readings close to 3100, the period's event recorded 3000");
  }

  @Test
  void aCorrectionWithoutItsApprovalFailsTheFigureNamingIt() {
    Logged unapproved = new Logged();
    unapproved.decisionInReport = false;

    Finding figure = item(verifier.verify(bundle(unapproved)), FIGURE);

    assertThat(figure.passed()).isFalse();
    assertThat(figure.detail())
        .isEqualTo(
            "correction 7 (correction.7.requested): it changed a closed period, and no approval"
                + " of it is given");
  }

  @Test
  void aRejectedOrSelfApprovedCorrectionFailsTheFigure() {
    Logged rejected = new Logged();
    rejected.approved = false;
    Logged selfApproved = new Logged();
    selfApproved.decidedBy = "operator";

    assertThat(item(verifier.verify(bundle(rejected)), FIGURE).detail())
        .isEqualTo(INPUTS + ": it changed a closed period, and officer rejected it");
    assertThat(item(verifier.verify(bundle(selfApproved)), FIGURE).detail())
        .isEqualTo(
            INPUTS + ": it changed a closed period, and its own requester operator decided it");
  }

  @Test
  void aCorrectionOfAReadingNotInTheBatchFailsTheFigureNamingIt() {
    Logged unknownReading = new Logged();
    unknownReading.replacedSensor = "meter-out";
    Logged wrongOriginal = new Logged();
    wrongOriginal.replacedValue = "900";

    assertThat(item(verifier.verify(bundle(unknownReading)), FIGURE).detail())
        .isEqualTo(
            INPUTS
                + ": the reading it replaces (meter-out at 2025-06-10T00:00:00Z with value 9000)"
                + " is not in batch 41 as recorded");
    assertThat(item(verifier.verify(bundle(wrongOriginal)), FIGURE).detail())
        .isEqualTo(
            INPUTS
                + ": the reading it replaces (meter-in at 2025-06-10T00:00:00Z with value 900)"
                + " is not in batch 41 as recorded");
  }

  @Test
  void aCorrectionOfABatchTheFigureDoesNotReadFailsIt() {
    Logged unknownBatch = new Logged();
    unknownBatch.namesOtherBatch = true;

    assertThat(item(verifier.verify(bundle(unknownBatch)), FIGURE).detail())
        .startsWith(INPUTS + " names batch 99 with digest " + "ab".repeat(32))
        .endsWith(", which the figure does not read");
  }

  @Test
  void aCorrectionApprovedOnlyAfterTheCloseCannotHaveBeenRead() {
    Logged late = new Logged();
    late.decidedAfterClose = true;

    assertThat(item(verifier.verify(bundle(late)), FIGURE).detail())
        .matches(
            INPUTS.replace("(", "\\(").replace(")", "\\)")
                + " took effect at event \\d+, after the period's event \\d+, which therefore"
                + " cannot have read it");
  }

  @Test
  void aCauseNamingACorrectionTheFigureDoesNotReadFailsIt() {
    Logged twoNamed = new Logged();
    twoNamed.cause = "correction 7 by operator: meter misread; correction 8 by operator: again";

    assertThat(item(verifier.verify(bundle(twoNamed)), FIGURE).detail())
        .isEqualTo("the period's cause names correction 8, whose events the figure does not read");
  }

  @Test
  void aCorrectedReadingOfABatchThePeriodDoesNotNameFailsTheFigure() {
    Logged unnamed = new Logged();
    unnamed.typoInOwnBatch = true;

    assertThat(item(verifier.verify(bundle(unnamed)), FIGURE).detail())
        .startsWith("its readings come from batches [")
        .contains(", the period names [");
  }

  /** The report on June's inflow, revision 2, as the books logged it in {@code logged}. */
  private static ReportBundle bundle(Logged logged) {
    ReportFixture fixture = new ReportFixture();
    List<AssessedReading> readings = new ArrayList<>();
    List<AssessedReading> typo = new ArrayList<>();
    for (int day = 0; day < 30; day++) {
      Instant at = START.plus(day, ChronoUnit.DAYS);
      boolean mistyped = at.equals(TYPO_AT);
      (mistyped && logged.typoInOwnBatch ? typo : readings)
          .add(ReportFixture.reading("meter-in", KPI, at, mistyped ? "9000" : "100"));
    }
    List<EvidenceBundle.Batch> batches = new ArrayList<>();
    batches.add(fixture.batch(41, readings));
    if (logged.typoInOwnBatch) {
      batches.add(fixture.batch(42, typo));
    }
    EvidenceBundle.Batch corrected = batches.getLast();
    String digest = ReadingBatch.of(readings).digestHex();
    String correctedDigest =
        logged.namesOtherBatch
            ? "ab".repeat(32)
            : ReadingBatch.of(logged.typoInOwnBatch ? typo : readings).digestHex();

    List<EvidenceBundle.Event> events = new ArrayList<>();
    EvidenceBundle.Event asset =
        fixture.event(
            "AssetRegistered",
            "asset-dma-1",
            """
            {"assetId":"dma-1","name":"District 1","timeZone":"UTC","parameters":\
            {"assetClass":"WATER_DISTRICT","mainsLengthKm":120,"serviceConnections":9000,\
            "privatePipeLengthKm":30,"averagePressureM":45,"tariff":{"amount":1.5,"currency":"USD"}}}""");
    EvidenceBundle.Event definition =
        fixture.event(
            "KpiDefined",
            "asset-dma-1",
            """
            {"assetId":"dma-1","definition":{"kpiId":"%s","unit":"MTQ","aggregation":"SUM",\
            "betterDirection":"LOWER","thresholds":[],"derivation":null}}"""
                .formatted(KPI));
    EvidenceBundle.Event request =
        fixture.event(
            "CorrectionRequested",
            "correction:7",
            """
            {"correctionId":7,"target":{"batchId":%d,"batchDigest":"%s","reading":\
            {"source":"mqtt","sensorId":"%s","observedAt":"%s","assetId":"dma-1","kpiId":"%s",\
            "value":%s,"unit":"MTQ"}},"action":%s,"value":%s,"reason":"meter misread",\
            "requestedBy":"operator","closedPeriods":["%s MONTH 2025-06"],\
            "approvalRequired":%s,"quarantineId":null}"""
                .formatted(
                    logged.namesOtherBatch ? 99 : corrected.batchId(),
                    correctedDigest,
                    logged.replacedSensor,
                    TYPO_AT,
                    KPI,
                    logged.replacedValue,
                    logged.action,
                    logged.value,
                    KPI,
                    logged.approvalRequired));
    String decided =
        """
        {"correctionId":7,"decidedBy":"%s","approved":%s,"reason":null}"""
            .formatted(logged.decidedBy, logged.approved);
    Optional<EvidenceBundle.Event> decision =
        logged.decidedAfterClose
            ? Optional.empty()
            : Optional.of(fixture.event("CorrectionDecided", "correction:7", decided));
    EvidenceBundle.Event period =
        fixture.event(
            "KpiPeriodClosed",
            "period-dma-1-" + KPI,
            """
            {"assetId":"dma-1","kpiId":"%s","periodKind":"MONTH",\
            "periodStart":"2025-06-01T00:00:00Z","periodEnd":"2025-07-01T00:00:00Z","revision":2,\
            "value":%s,"unit":"MTQ","coveragePercent":100,"readingCount":%d,\
            "qualitySummary":{},"batchDigests":["%s"],"components":{},"remarks":[],\
            "classification":null,"cause":"%s"}"""
                .formatted(KPI, logged.periodValue, readings.size(), digest, logged.cause));
    if (logged.decidedAfterClose) {
      decision = Optional.of(fixture.event("CorrectionDecided", "correction:7", decided));
    }
    events.addAll(List.of(asset, definition, request, period));

    List<Input> inputs = new ArrayList<>();
    List<String> figureInputs = new ArrayList<>();
    for (EvidenceBundle.Batch batch : batches) {
      inputs.add(
          ReportFixture.input("batch." + batch.batchId(), InputKind.READING_BATCH, batch.leaf()));
      figureInputs.add("batch." + batch.batchId());
    }
    inputs.add(ReportFixture.input("asset.dma-1", InputKind.ASSET_PARAMETERS, asset.leaf()));
    inputs.add(ReportFixture.input("kpi." + KPI, InputKind.KPI_DEFINITION, definition.leaf()));
    inputs.add(ReportFixture.input("period.inflow.2025-06", InputKind.KPI_PERIOD, period.leaf()));
    inputs.add(ReportFixture.input("correction.7.requested", InputKind.CORRECTION, request.leaf()));
    figureInputs.addAll(
        List.of("asset.dma-1", "kpi." + KPI, "period.inflow.2025-06", "correction.7.requested"));
    if (logged.decisionInReport) {
      events.add(decision.orElseThrow());
      inputs.add(
          ReportFixture.input(
              "correction.7.decided", InputKind.CORRECTION, decision.orElseThrow().leaf()));
      figureInputs.add("correction.7.decided");
    }
    Figure figure =
        new Figure(
            "inflow.2025-06",
            "Inflow, June 2025",
            "3000",
            "MTQ",
            KpiPeriodFormula.NAME,
            Map.of("kpiId", KPI, "observationDate", "2025-06-01"),
            figureInputs);
    Report report =
        new Report(
            "inflow-2025-06",
            ReportType.PER_UNIT_STATEMENT,
            "Inflow, June 2025",
            "nrw-contract",
            LocalDate.parse("2025-06-01"),
            LocalDate.parse("2025-07-01"),
            ReportFixture.ISSUER,
            Instant.parse("2025-07-05T09:00:00Z"),
            Optional.empty(),
            new Report.Provenance("twinledger 0.1.0", "0".repeat(64)),
            List.of(
                logged.periodValue.equals("3000")
                    ? figure
                    : new Figure(
                        figure.id(),
                        figure.label(),
                        logged.periodValue,
                        figure.unit(),
                        figure.formula(),
                        figure.parameters(),
                        figure.inputs())),
            inputs,
            List.of("Revision 2 of June, after correction 7."));
    return fixture.issue(report, batches, events, Optional.empty());
  }

  private static String payloadOf(EvidenceBundle.Event e) {
    return new String(Base64.getDecoder().decode(e.payload()), StandardCharsets.UTF_8);
  }

  private static EvidenceBundle.Event withPayload(EvidenceBundle.Event e, String payload) {
    return new EvidenceBundle.Event(
        e.globalIndex(),
        e.eventIdentifier(),
        e.aggregateType(),
        e.aggregateIdentifier(),
        e.sequenceNumber(),
        e.payloadType(),
        e.timestamp(),
        Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)),
        e.metaData(),
        e.leaf());
  }

  private static List<String> lines(Verification verification) {
    return verification.findings().stream().map(Finding::line).toList();
  }

  private static Finding item(Verification verification, String item) {
    return verification.findings().stream()
        .filter(f -> f.item().equals(item))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no finding " + item + " in " + lines(verification)));
  }
}
