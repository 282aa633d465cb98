package io.twinledger.reporting.report;

import static io.twinledger.reporting.report.ReportFixture.beyondAnchoring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.market.battery.CommunityBattery;
import io.twinledger.network.Consortium;
import io.twinledger.reporting.bill.BillBundle;
import io.twinledger.reporting.bill.BillJson;
import io.twinledger.reporting.evidence.Finding;
import io.twinledger.reporting.evidence.Verification;
import io.twinledger.reporting.report.CommunityMonthFormula.Measure;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The village's community energy report over the four slots of the bill fixture ({@code
 * bill/demo-bill.json.gz}: three households, November 2026, cleared on the embedded peer): the
 * {@value CommunityMonthFormula#NAME} formula on the slots' clearings, and {@link ReportVerifier}
 * on a report of them whose market evidence is the fixture's clearings and blocks.
 */
class CommunityMonthTest {

  private static final YearMonth MONTH = YearMonth.of(2026, 11);
  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  private static final String NOON = "slot.2026-11-03T03:00:00Z";
  private static final String EVENING = "slot.2026-11-03T10:00:00Z";

  /** The checks a fixture without a Fabric block for its checkpoint cannot pass. */
  private static BillBundle bill;

  private final ReportVerifier verifier = new ReportVerifier(Consortium::twinLedger);

  @BeforeAll
  static void read() throws Exception {
    try (InputStream in =
        new GZIPInputStream(
            CommunityMonthTest.class.getResourceAsStream("/bill/demo-bill.json.gz"))) {
      bill = BillJson.read(in.readAllBytes());
    }
  }

  @Test
  void eachFigureIsTheCommunityFiguresOfTheSlotsClearedAgain() throws Exception {
    assertThat(computed(Measure.TRADED_KWH)).isEqualTo("1.221");
    assertThat(computed(Measure.TRADED_AMOUNT)).isEqualTo("144.31");
    assertThat(computed(Measure.AVERAGE_PRICE)).isEqualTo("118.19");
    assertThat(computed(Measure.UTILITY_IMPORT_KWH)).isEqualTo("1.05");
    assertThat(computed(Measure.UTILITY_EXPORT_KWH)).isEqualTo("0.48");
    assertThat(computed(Measure.HOUSEHOLD_SAVINGS)).isEqualTo("61.05");
    assertThat(computed(Measure.MECHANISM_SURPLUS)).isEqualTo("0");
    assertThat(computed(Measure.BATTERY_CYCLES)).isEqualTo(CommunityMonthFormula.NONE);
  }

  @Test
  void theBatteryIsTheOneTheSlotsClearingTransactionsRecordedAndNotAHousehold() throws Exception {
    // hh-c stands in for a battery: its savings leave the households' and its sales are discharge.
    CommunityBattery recorded = CommunityBattery.village("hh-c");
    Map<String, String> parameters =
        CommunityMonthFormula.parameters(
            Measure.BATTERY_DISCHARGED_KWH, MONTH, SEOUL, Optional.of(recorded));
    Figure discharged = figure(Measure.BATTERY_DISCHARGED_KWH, parameters, slotIds());

    assertThat(
            new CommunityMonthFormula()
                .compute(discharged, data(inputs(), slot -> Optional.of(recorded))))
        .isEqualTo("0.2");
    assertThat(parameters).containsEntry("batteryMinSocKwh", "40");
  }

  @Test
  void aBatteryTheLedgerDidNotRecordAsNamedIsRefused() {
    CommunityBattery battery = CommunityBattery.village("hh-c");
    Figure named =
        figure(
            Measure.BATTERY_DISCHARGED_KWH,
            CommunityMonthFormula.parameters(
                Measure.BATTERY_DISCHARGED_KWH, MONTH, SEOUL, Optional.of(battery)),
            slotIds());
    String described = "battery hh-c (400 kWh, 180 kW, round trip 0.9, at least 40 kWh)";

    assertThatThrownBy(() -> new CommunityMonthFormula().compute(named, data(inputs())))
        .hasMessage(
            "the figure names "
                + described
                + ", the slots' clearing transactions recorded no battery");
    assertThatThrownBy(
            () ->
                new CommunityMonthFormula()
                    .compute(
                        figure(Measure.TRADED_KWH, slotIds()),
                        data(inputs(), slot -> Optional.of(battery))))
        .hasMessage(
            "the figure names no battery, the slots' clearing transactions recorded " + described);
    CommunityBattery smaller =
        new CommunityBattery(
            "hh-c",
            new java.math.BigDecimal("200"),
            battery.powerKw(),
            battery.roundTripEfficiency(),
            battery.minSocKwh());
    assertThatThrownBy(
            () ->
                new CommunityMonthFormula()
                    .compute(named, data(inputs(), slot -> Optional.of(smaller))))
        .hasMessageStartingWith("the figure names " + described)
        .hasMessageEndingWith(
            "recorded battery hh-c (200 kWh, 180 kW, round trip 0.9, at least 40 kWh)");
    assertThatThrownBy(
            () ->
                new CommunityMonthFormula()
                    .compute(
                        named,
                        data(
                            inputs(),
                            slot ->
                                slot.equals(EVENING.substring("slot.".length()))
                                    ? Optional.empty()
                                    : Optional.of(battery))))
        .hasMessage(
            EVENING + " was cleared with no battery, the slots before it with " + described);
  }

  @Test
  void aSlotInWhichNoOneMovedEnergyOrMoneyDoesNotCount() {
    BillBundle.Clearing c = bill.slots().getFirst().clearing();
    String quiet = "2026-11-04T03:00:00Z";
    BillBundle.Clearing empty =
        new BillBundle.Clearing(
            quiet,
            c.rule(),
            "",
            "0",
            List.of(),
            List.of(),
            List.of(),
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            c.batteryBeforeKwh(),
            c.batteryAfterKwh(),
            c.txId(),
            c.clearedAt());
    List<Input> inputs = new ArrayList<>(inputs());
    Input unmetered =
        new Input(
            "slot." + quiet,
            InputKind.MARKET_SLOT,
            new Input.LedgerWrite(bill.channel(), 30, "tx-quiet", quiet),
            "/api/v1/energy/slots/" + quiet);
    inputs.add(unmetered);
    Map<String, Object> data = new LinkedHashMap<>();
    inputs().forEach(i -> data.put(i.id(), slotData(i, Optional.empty())));
    data.put(
        unmetered.id(), new MarketSlot(empty, bill.terms(), bill.currency(), Optional.empty()));
    List<String> ids = inputs.stream().map(Input::id).toList();

    assertThatThrownBy(
            () ->
                new CommunityMonthFormula()
                    .compute(
                        figure(Measure.TRADED_KWH, ids), new LoggedData(inputs, data, f -> null)))
        .hasMessage(
            "slot "
                + quiet
                + " (slot."
                + quiet
                + ") adds nothing: no one moved energy or money in it, so it does not count");
  }

  @Test
  void aSlotReadTwiceOutsideTheMonthOrInAnotherUnitIsRefused() {
    List<Input> twice = new ArrayList<>(inputs());
    Input noon = twice.getFirst();
    twice.add(new Input(noon.id() + ".again", noon.kind(), noon.evidence(), noon.address()));
    List<String> ids = new ArrayList<>(slotIds());
    ids.add(noon.id() + ".again");
    assertThatThrownBy(
            () -> new CommunityMonthFormula().compute(figure(Measure.TRADED_KWH, ids), data(twice)))
        .isInstanceOf(FigureException.class)
        .hasMessage("reads slot 2026-11-03T03:00:00Z twice");

    Figure october =
        figure(
            Measure.TRADED_KWH,
            CommunityMonthFormula.parameters(
                Measure.TRADED_KWH, YearMonth.of(2026, 10), SEOUL, Optional.empty()),
            slotIds());
    assertThatThrownBy(() -> new CommunityMonthFormula().compute(october, data(inputs())))
        .hasMessage("slot 2026-11-03T03:00:00Z (" + NOON + ") is not in 2026-10 (Asia/Seoul)");

    Figure inWh = withUnit(figure(Measure.TRADED_KWH, slotIds()), "WHR");
    assertThatThrownBy(() -> new CommunityMonthFormula().compute(inWh, data(inputs())))
        .hasMessage("a traded-kwh is in KWH, the figure states WHR");
  }

  @Test
  void aCommunityReportOverTheFourSlotsVerifiesFigureByFigure() {
    Verification verification = verifier.verify(bundle(report(false), market(bill.slots())));

    assertThat(beyondAnchoring(verification)).allMatch(Finding::passed);
    assertThat(item(verification, "input " + NOON).detail())
        .startsWith("ok — slot 2026-11-03T03:00:00Z: block 8, tx ")
        .contains("VALID, endorsed; 3 orders cleared again: 0.510 kWh at 110");
    assertThat(lines(verification))
        .contains(
            "figure community.traded-kwh: ok — 1.221 KWH by community-month",
            "figure community.average-price: ok — 118.19 KRW/KWH by community-month",
            "figure community.household-savings: ok — 61.05 KRW by community-month");
    assertThat(item(verification, "proof").detail()).contains("1 leaves are in audit@7");
  }

  @Test
  void aMisstatedFigureFailsThoughEverySlotChecksOut() {
    Verification verification = verifier.verify(bundle(report(true), market(bill.slots())));

    assertThat(item(verification, "input " + NOON).passed()).isTrue();
    assertThat(item(verification, "figure community.traded-kwh").detail())
        .isEqualTo("states 1.3 KWH, its inputs give 1.221 by community-month");
  }

  @Test
  void aClearingEditedInTheBundleIsNamedWithEveryFigureOnIt() {
    List<BillBundle.Slot> slots = new ArrayList<>(bill.slots());
    BillBundle.Slot evening = slots.get(2);
    BillBundle.Clearing c = evening.clearing();
    List<BillBundle.Trade> trades = new ArrayList<>(c.trades());
    BillBundle.Trade first = trades.getFirst();
    trades.set(0, new BillBundle.Trade(first.bid(), first.ask(), first.quantity(), "150", "150"));
    BillBundle.Clearing edited =
        new BillBundle.Clearing(
            c.slot(),
            c.rule(),
            c.price(),
            c.volume(),
            c.orders(),
            trades,
            c.accounts(),
            c.soldKwh(),
            c.boughtKwh(),
            c.buyersPaid(),
            c.sellersReceived(),
            c.fees(),
            c.mechanismSurplus(),
            c.batteryBeforeKwh(),
            c.batteryAfterKwh(),
            c.txId(),
            c.clearedAt());
    slots.set(
        2,
        new BillBundle.Slot(
            evening.slot(),
            evening.txId(),
            evening.blockNumber(),
            edited,
            evening.account(),
            evening.reading()));

    Verification verification = verifier.verify(bundle(report(false), market(slots)));

    assertThat(item(verification, "input " + EVENING).detail())
        .startsWith("slot 2026-11-03T10:00:00Z: the bundled clearing differs from the ledger's")
        .contains("its trades");
    assertThat(item(verification, "input " + NOON).passed()).isTrue();
    assertThat(item(verification, "figure community.traded-kwh").detail())
        .isEqualTo("1.221 KWH — input " + EVENING + " failed");
  }

  @Test
  void aBlockEditedInTheBundleIsNamed() {
    List<BillBundle.Block> blocks = new ArrayList<>(bill.blocks());
    BillBundle.Block block18 =
        blocks.stream().filter(b -> b.number() == 18).findFirst().orElseThrow();
    byte[] bytes = Base64.getDecoder().decode(block18.block());
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    // The clearing's record in the block's write set: the first trade at 170 instead of 160.
    int at = text.indexOf("\"price\":\"160\"");
    assertThat(at).isPositive();
    bytes[at + "\"price\":\"1".length()] = '7';
    blocks.set(
        blocks.indexOf(block18),
        new BillBundle.Block(18, Base64.getEncoder().encodeToString(bytes)));
    ReportBundle.Market intact = market(bill.slots());
    ReportBundle.Market tampered =
        new ReportBundle.Market(
            intact.channel(),
            intact.currency(),
            intact.terms(),
            intact.slots(),
            blocks,
            intact.certificates());

    Verification verification = verifier.verify(bundle(report(false), tampered));

    assertThat(item(verification, "input " + EVENING).detail())
        .isEqualTo(
            "slot 2026-11-03T10:00:00Z: block 18: data hash mismatch — its transactions do not"
                + " hash to the header's data hash");
    assertThat(item(verification, "figure community.average-price").passed()).isFalse();
  }

  @Test
  void aMarketSlotWithoutMarketEvidenceFailsAndTheBundleSurvivesItsJson() throws Exception {
    ReportBundle withMarket = bundle(report(false), market(bill.slots()));
    ReportBundle read = ReportBundleJson.read(ReportBundleJson.write(withMarket));
    assertThat(read.report()).isEqualTo(withMarket.report());
    assertThat(read.market()).isEqualTo(withMarket.market());
    assertThat(new String(ReportJson.canonical(read.report())))
        .contains(
            "{\"address\":\"/api/v1/energy/slots/2026-11-03T03:00:00Z\",\"blockNumber\":8,"
                + "\"channel\":\"energy-market\",\"id\":\""
                + NOON
                + "\",\"key\":\"2026-11-03T03:00:00Z\",\"kind\":\"market-slot\",\"txId\":");
    assertThat(beyondAnchoring(verifier.verify(read))).allMatch(Finding::passed);

    ReportBundle without =
        new ReportBundle(
            read.report(),
            read.signature(),
            read.issuance(),
            read.batches(),
            read.events(),
            read.proof(),
            read.anchored(),
            read.witnessed(),
            read.attestations(),
            Optional.empty());
    assertThat(item(verifier.verify(without), "input " + NOON).detail())
        .isEqualTo("the bundle holds no market evidence for it");
  }

  private static String computed(Measure measure) throws FigureException {
    return new CommunityMonthFormula().compute(figure(measure, slotIds()), data(inputs()));
  }

  /** The fixture's slots as {@code inputs} name them, cleared without a battery. */
  private static LoggedData data(List<Input> inputs) {
    return data(inputs, slot -> Optional.empty());
  }

  /**
   * The fixture's slots as {@code inputs} name them, each with the battery its transaction wrote.
   */
  private static LoggedData data(
      List<Input> inputs, Function<String, Optional<CommunityBattery>> batteries) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (Input input : inputs) {
      data.put(
          input.id(),
          slotData(input, batteries.apply(((Input.LedgerWrite) input.evidence()).key())));
    }
    return new LoggedData(inputs, data, f -> null);
  }

  private static MarketSlot slotData(Input input, Optional<CommunityBattery> battery) {
    String slot = ((Input.LedgerWrite) input.evidence()).key();
    BillBundle.Clearing clearing =
        bill.slots().stream()
            .filter(s -> s.slot().equals(slot))
            .findFirst()
            .orElseThrow()
            .clearing();
    return new MarketSlot(clearing, bill.terms(), bill.currency(), battery);
  }

  private static List<Input> inputs() {
    return bill.slots().stream()
        .map(
            s ->
                new Input(
                    "slot." + s.slot(),
                    InputKind.MARKET_SLOT,
                    new Input.LedgerWrite(bill.channel(), s.blockNumber(), s.txId(), s.slot()),
                    "/api/v1/energy/slots/" + s.slot()))
        .toList();
  }

  private static List<String> slotIds() {
    return inputs().stream().map(Input::id).toList();
  }

  private static Figure figure(Measure measure, List<String> inputs) {
    return figure(
        measure, CommunityMonthFormula.parameters(measure, MONTH, SEOUL, Optional.empty()), inputs);
  }

  private static Figure figure(
      Measure measure, Map<String, String> parameters, List<String> inputs) {
    return new Figure(
        "community." + measure.label(),
        measure.label(),
        "",
        measure.unit(bill.currency()),
        CommunityMonthFormula.NAME,
        parameters,
        inputs);
  }

  private static Figure withUnit(Figure f, String unit) {
    return new Figure(f.id(), f.label(), f.value(), unit, f.formula(), f.parameters(), f.inputs());
  }

  /** The month's report, every measure but the battery's; {@code misstate}: 1.3 kWh traded. */
  private static Report report(boolean misstate) {
    List<Figure> figures = new ArrayList<>();
    for (Measure measure : Arrays.stream(Measure.values()).filter(m -> !m.ofBattery()).toList()) {
      Figure draft = figure(measure, slotIds());
      String value;
      try {
        value = new CommunityMonthFormula().compute(draft, data(inputs()));
      } catch (FigureException e) {
        throw new AssertionError(e);
      }
      if (misstate && measure == Measure.TRADED_KWH) {
        value = "1.3";
      }
      figures.add(
          new Figure(
              draft.id(),
              draft.label(),
              value,
              draft.unit(),
              draft.formula(),
              draft.parameters(),
              draft.inputs()));
    }
    return new Report(
        "village-community-2026-11",
        ReportType.COMMUNITY_ENERGY,
        "Community energy report, November 2026",
        "village",
        LocalDate.parse("2026-11-01"),
        LocalDate.parse("2026-12-01"),
        ReportFixture.ISSUER,
        Instant.parse("2026-12-02T09:00:00Z"),
        Optional.empty(),
        new Report.Provenance("twinledger 0.1.0", "0".repeat(64)),
        figures,
        inputs(),
        List.of("Figures re-computed from the slots the ledger cleared."));
  }

  private static ReportBundle.Market market(List<BillBundle.Slot> slots) {
    return new ReportBundle.Market(
        bill.channel(),
        bill.currency(),
        bill.terms(),
        slots.stream().map(BillBundle.Slot::clearing).toList(),
        bill.blocks(),
        bill.certificates());
  }

  private static ReportBundle bundle(Report report, ReportBundle.Market market) {
    // The log's first leaves are the fixture's bond report; the village's issue comes after them.
    ReportFixture fixture = new ReportFixture();
    fixture.bundle();
    return fixture.issue(report, List.of(), List.of(), Optional.of(market));
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
