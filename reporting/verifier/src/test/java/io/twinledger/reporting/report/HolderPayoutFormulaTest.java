package io.twinledger.reporting.report;

import static io.twinledger.reporting.report.ReportFixture.beyondAnchoring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.finance.money.Money;
import io.twinledger.finance.payout.Holding;
import io.twinledger.finance.payout.PayoutAllocation;
import io.twinledger.finance.payout.PayoutDigest;
import io.twinledger.network.Consortium;
import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.reporting.evidence.Finding;
import io.twinledger.reporting.evidence.Verification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A holder's share of a payment, re-computed from the payment and the whole register: on its own
 * over hand-made data, then in a signed and logged report the verifier checks.
 */
class HolderPayoutFormulaTest {

  /** Three equal holders: 100.00 leaves one cent over, which goes to the smallest holder id. */
  private static final String REGISTER =
      """
      {"bondId":"nrw-contract","version":2,"holdings":[{"holder":"investor","units":1},\
      {"holder":"holder-b","units":1},{"holder":"holder-c","units":1}],"totalUnits":3,\
      "reason":"placement"}""";

  private static final String DIGEST =
      PayoutDigest.of(
          PayoutAllocation.allocate(
              Money.of("USD", "100.00"),
              List.of(
                  new Holding("holder-b", 1),
                  new Holding("holder-c", 1),
                  new Holding("investor", 1))));

  private final HolderPayoutFormula formula = new HolderPayoutFormula();

  @Test
  void aHoldersShareIsTheAllocationOfThePaymentOverTheWholeRegister() throws Exception {
    assertThat(formula.compute(share("investor", "1", DIGEST), data(REGISTER, "ISSUER")))
        .isEqualTo("33.33");
    assertThat(formula.compute(share("holder-b", "1", DIGEST), data(REGISTER, "ISSUER")))
        .as("the cent left over goes to the smaller holder id")
        .isEqualTo("33.34");
  }

  @Test
  void aChangedRegisterIsNamedEvenWhereTheHoldersShareWouldNotMove() {
    String moved = REGISTER.replace("\"holder-c\",\"units\":1", "\"holder-d\",\"units\":1");

    assertThatThrownBy(() -> formula.compute(share("investor", "1", DIGEST), data(moved, "ISSUER")))
        .isInstanceOf(FigureException.class)
        .hasMessageStartingWith("payment allocated over holdings.nrw-contract.v2 digests to ")
        .hasMessageEndingWith("the figure states " + DIGEST);
  }

  @Test
  void statedUnitsAnotherBondsRegisterAndAPaymentToTheIssuerAreRefusedWithTheReason() {
    assertThatThrownBy(
            () -> formula.compute(share("investor", "2", DIGEST), data(REGISTER, "ISSUER")))
        .hasMessage("'investor' holds 1 units in holdings.nrw-contract.v2, the figure states 2");
    assertThatThrownBy(
            () -> formula.compute(share("stranger", "1", DIGEST), data(REGISTER, "ISSUER")))
        .hasMessage("'stranger' holds nothing in holdings.nrw-contract.v2");
    assertThatThrownBy(
            () ->
                formula.compute(
                    share("investor", "1", DIGEST),
                    data(REGISTER.replace("nrw-contract", "other-bond"), "ISSUER")))
        .hasMessage(
            "holdings.nrw-contract.v2 is the register of other-bond, the payment is of"
                + " nrw-contract");
    assertThatThrownBy(
            () ->
                formula.compute(
                    share("investor", "1", DIGEST),
                    data(REGISTER.replace("\"totalUnits\":3", "\"totalUnits\":4"), "ISSUER")))
        .hasMessage("holdings.nrw-contract.v2's holdings sum to 3 units, it records 4");
    assertThatThrownBy(
            () -> formula.compute(share("investor", "1", DIGEST), data(REGISTER, "INVESTORS")))
        .hasMessage("payment is paid by INVESTORS, not to the holders");
  }

  @Test
  void inASignedReportAMisstatedShareAndAnEditedRegisterAreNamedByTheVerifier() {
    ReportFixture fixture = new ReportFixture();
    ReportBundle base = fixture.bundle();
    EvidenceBundle.Event register =
        fixture.event("HoldingsRecorded", "bond:nrw-contract", REGISTER);
    String fourThousand =
        PayoutDigest.of(
            PayoutAllocation.allocate(
                Money.of("USD", "4000.00"),
                List.of(
                    new Holding("investor", 1),
                    new Holding("holder-b", 1),
                    new Holding("holder-c", 1))));
    ReportBundle intact =
        fixture.issue(
            withShare(base.report(), register, "1333.33", fourThousand),
            base.batches().getFirst(),
            events(base, register));
    ReportVerifier verifier = new ReportVerifier(Consortium::twinLedger);

    Verification verified = verifier.verify(intact);
    assertThat(beyondAnchoring(verified)).allMatch(Finding::passed);
    assertThat(line(verified, "figure payout.investor"))
        .isEqualTo("figure payout.investor: ok — 1333.33 USD by holder-payout");

    ReportBundle misstated =
        fixture.issue(
            withShare(base.report(), register, "1333.34", fourThousand),
            base.batches().getFirst(),
            events(base, register));
    assertThat(line(verifier.verify(misstated), "figure payout.investor"))
        .isEqualTo(
            "figure payout.investor: states 1333.34 USD, its inputs give 1333.33 by"
                + " holder-payout");

    EvidenceBundle.Event edited =
        new EvidenceBundle.Event(
            register.globalIndex(),
            register.eventIdentifier(),
            register.aggregateType(),
            register.aggregateIdentifier(),
            register.sequenceNumber(),
            register.payloadType(),
            register.timestamp(),
            Base64.getEncoder()
                .encodeToString(
                    REGISTER
                        .replace("\"investor\",\"units\":1", "\"investor\",\"units\":2")
                        .replace("\"totalUnits\":3", "\"totalUnits\":4")
                        .getBytes(StandardCharsets.UTF_8)),
            register.metaData(),
            register.leaf());
    List<EvidenceBundle.Event> events = new ArrayList<>(intact.events());
    events.set(events.size() - 1, edited);
    Verification tampered =
        verifier.verify(
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
                intact.market()));
    assertThat(line(tampered, "input holdings.nrw-contract.v2"))
        .contains("payload digest mismatch");
    assertThat(line(tampered, "figure payout.investor"))
        .isEqualTo(
            "figure payout.investor: 1333.33 USD — input holdings.nrw-contract.v2" + " failed");
  }

  /** The holder-payout figure of the fixture's payment of 100.00 USD. */
  private static Figure share(String holder, String units, String digest) {
    return new Figure(
        "payout.investor",
        "Payout to " + holder,
        "",
        "USD",
        HolderPayoutFormula.NAME,
        Map.of("holder", holder, "units", units, "allocationDigest", digest),
        List.of("payment", "holdings.nrw-contract.v2"));
  }

  /** A payment of 100.00 USD under the terms of nrw-contract, and the register {@code payload}. */
  private static FigureData data(String register, String payer) {
    Figure payment =
        new Figure(
            "payment",
            "Payment",
            "100.00",
            "USD",
            BondPaymentFormula.NAME,
            Map.of("payer", payer),
            List.of("terms"));
    List<Input> inputs =
        List.of(
            new Input("terms", InputKind.BOND_TERMS, new Input.AuditLeaf(1, "00"), ""),
            new Input(
                "holdings.nrw-contract.v2", InputKind.HOLDINGS, new Input.AuditLeaf(2, "00"), ""));
    Map<String, Object> data = new HashMap<>();
    data.put("terms", event(1, "{\"bondId\":\"nrw-contract\"}"));
    data.put("holdings.nrw-contract.v2", event(2, register));
    return new LoggedData(inputs, data, id -> id.equals("payment") ? payment : null);
  }

  private static EvidenceBundle.Event event(long index, String payload) {
    return new EvidenceBundle.Event(
        index,
        "e" + index,
        "Bond",
        "bond:nrw-contract",
        index,
        "Event",
        "2025-07-01T00:00:00Z",
        Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)),
        "",
        new EvidenceBundle.Leaf(index, "", List.of()));
  }

  /** {@code report} with the register as an input and the investor's share of its payment. */
  private static Report withShare(
      Report report, EvidenceBundle.Event register, String stated, String digest) {
    List<Input> inputs = new ArrayList<>(report.inputs());
    inputs.add(
        ReportFixture.input("holdings.nrw-contract.v2", InputKind.HOLDINGS, register.leaf()));
    List<Figure> figures = new ArrayList<>(report.figures());
    figures.add(
        new Figure(
            "payout.investor",
            "Payout to investor",
            stated,
            "USD",
            HolderPayoutFormula.NAME,
            Map.of("holder", "investor", "units", "1", "allocationDigest", digest),
            List.of("payment.2025-06-30", "holdings.nrw-contract.v2")));
    return new Report(
        report.id(),
        ReportType.INVESTOR_STATEMENT,
        report.title(),
        "investor",
        report.periodStart(),
        report.periodEnd(),
        report.issuer(),
        report.issuedAt(),
        report.replaces(),
        report.provenance(),
        figures,
        inputs,
        report.statements());
  }

  private static List<EvidenceBundle.Event> events(
      ReportBundle base, EvidenceBundle.Event register) {
    List<EvidenceBundle.Event> events = new ArrayList<>(base.events());
    events.add(register);
    return events;
  }

  private static String line(Verification verification, String item) {
    return verification.findings().stream()
        .filter(f -> f.item().equals(item))
        .map(Finding::line)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + item + " in " + verification.findings()));
  }
}
