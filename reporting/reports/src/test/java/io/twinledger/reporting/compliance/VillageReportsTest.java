package io.twinledger.reporting.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.market.battery.CommunityBattery;
import io.twinledger.market.clearing.Clearing;
import io.twinledger.market.clearing.ClearingResult;
import io.twinledger.market.clearing.ClearingRule;
import io.twinledger.market.order.Order;
import io.twinledger.market.order.Side;
import io.twinledger.market.settlement.Conservation;
import io.twinledger.market.settlement.MeteredPosition;
import io.twinledger.market.settlement.ParticipantAccount;
import io.twinledger.market.settlement.SlotAccounts;
import io.twinledger.market.settlement.SlotSettlement;
import io.twinledger.market.slot.SlotId;
import io.twinledger.market.slot.SlotMarket;
import io.twinledger.market.terms.MarketTerms;
import io.twinledger.network.channel.Channel;
import io.twinledger.reporting.bill.BillBundle;
import io.twinledger.reporting.evidence.export.AnchoringLedger;
import io.twinledger.reporting.report.Figure;
import io.twinledger.reporting.report.Input;
import io.twinledger.reporting.report.InputKind;
import io.twinledger.reporting.report.Report;
import io.twinledger.reporting.report.ReportBundle;
import io.twinledger.reporting.report.ReportType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.junit.jupiter.api.Test;

/**
 * {@link VillageReports} over a fake {@link MarketLedger}: slots cleared and settled with
 * contracts-market, as the chaincode clears them, written down as the ledger records them.
 */
class VillageReportsTest {

  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  private static final BillBundle.Terms PRICES = new BillBundle.Terms("10", "110", "170");
  private static final MarketTerms TERMS =
      new MarketTerms(
          new ClearingRule.UniformPrice(new BigDecimal("0.5")),
          new BigDecimal("10"),
          new BigDecimal("110"),
          new BigDecimal("170"),
          "KRW");

  /** Noon on 3 November in Seoul: hh-a sells 0.4 kWh to hh-b (0.3) and hh-c (0.1). */
  private static final MarketLedger.ClearedSlot NOON =
      cleared("2026-11-03T03:00:00Z", 7, "-0.4", "0.3", "0.1");

  /** Evening on 3 November: hh-c sells 0.2 kWh, hh-a and hh-b buy 0.25 each. */
  private static final MarketLedger.ClearedSlot EVENING =
      cleared("2026-11-03T10:00:00Z", 7, "0.25", "0.25", "-0.2");

  /** The next noon, when no household was metered: cleared, but it adds nothing. */
  private static final MarketLedger.ClearedSlot UNMETERED = cleared("2026-11-04T03:00:00Z", 8);

  /** A September slot in which every household was metered at zero. */
  private static final MarketLedger.ClearedSlot SEPTEMBER =
      cleared("2026-09-10T03:00:00Z", 5, "0", "0", "0");

  /** Midnight on 1 December in Seoul, still 30 November in UTC: December's. */
  private static final MarketLedger.ClearedSlot DECEMBER =
      cleared("2026-11-30T15:00:00Z", 9, "-0.1", "0.1", "0");

  @Test
  void theMonthIsEverySlotThatCountsClearedInItInTheVillagesZoneEachFigureComputed() {
    VillageReports reports = new VillageReports(new FakeMarket(Optional.empty()));

    Report report = draft(reports, YearMonth.of(2026, 11)).report();

    assertThat(report.type()).isEqualTo(ReportType.COMMUNITY_ENERGY);
    assertThat(report.subject()).isEqualTo(VillageReports.SUBJECT);
    assertThat(report.periodStart()).isEqualTo(LocalDate.parse("2026-11-01"));
    assertThat(report.periodEnd()).isEqualTo(LocalDate.parse("2026-12-01"));
    assertThat(report.inputs())
        .containsExactly(
            new Input(
                "slot.2026-11-03T03:00:00Z",
                InputKind.MARKET_SLOT,
                new Input.LedgerWrite(
                    "energy-market", 7, "tx-2026-11-03T03:00:00Z", "2026-11-03T03:00:00Z"),
                "/api/v1/energy/slots/2026-11-03T03:00:00Z"),
            new Input(
                "slot.2026-11-03T10:00:00Z",
                InputKind.MARKET_SLOT,
                new Input.LedgerWrite(
                    "energy-market", 7, "tx-2026-11-03T10:00:00Z", "2026-11-03T10:00:00Z"),
                "/api/v1/energy/slots/2026-11-03T10:00:00Z"));
    assertThat(report.figures())
        .extracting(Figure::id)
        .containsExactly(
            "community.traded-kwh",
            "community.traded-amount",
            "community.average-price",
            "community.utility-import-kwh",
            "community.utility-export-kwh",
            "community.household-savings",
            "community.mechanism-surplus");
    assertThat(value(report, "community.traded-kwh")).isEqualTo("0.6");
    assertThat(report.figure("community.traded-kwh").orElseThrow().unit()).isEqualTo("KWH");
    assertThat(report.figure("community.average-price").orElseThrow().unit()).isEqualTo("KRW/KWH");
    assertThat(report.figure("community.traded-amount").orElseThrow().inputs())
        .containsExactly("slot.2026-11-03T03:00:00Z", "slot.2026-11-03T10:00:00Z");
    assertThat(report.figure("community.traded-kwh").orElseThrow().parameters())
        .containsEntry("month", "2026-11")
        .containsEntry("zone", "Asia/Seoul")
        .doesNotContainKey("battery");
    assertThat(report.statements().getFirst())
        .contains(
            "over the 2 slots that count of the 3 the market cleared on channel energy-market in"
                + " 2026-11 (Asia/Seoul)",
            "in the 1 others no one moved energy or money, so they add nothing");
  }

  @Test
  void aMarketWithABatteryStatesTheBatterysFigures() {
    VillageReports reports =
        new VillageReports(new FakeMarket(Optional.of(CommunityBattery.village("hh-c"))));

    Report report = draft(reports, YearMonth.of(2026, 11)).report();

    assertThat(value(report, "community.battery-discharged-kwh")).isEqualTo("0.2");
    assertThat(value(report, "community.battery-cycles")).isEqualTo("0.000556");
    assertThat(report.figure("community.battery-cycles").orElseThrow().parameters())
        .containsEntry("battery", "hh-c")
        .containsEntry("batteryCapacityKwh", "400");
  }

  @Test
  void aMonthWithoutSlotsOrAMarketWithoutTermsIsRefused() {
    assertThatThrownBy(
            () ->
                draft(new VillageReports(new FakeMarket(Optional.empty())), YearMonth.of(2026, 10)))
        .isInstanceOf(ReportRefusedException.class)
        .hasMessage("the market cleared no slot in 2026-10 (Asia/Seoul)");
    assertThatThrownBy(
            () ->
                draft(new VillageReports(new FakeMarket(Optional.empty())), YearMonth.of(2026, 9)))
        .isInstanceOf(ReportRefusedException.class)
        .hasMessage(
            "no slot the market cleared in 2026-09 (Asia/Seoul) counts (1 cleared): no one moved"
                + " energy or money in any");
    FakeMarket withoutTerms =
        new FakeMarket(Optional.empty()) {
          @Override
          public Optional<Terms> terms() {
            return Optional.empty();
          }
        };
    assertThatThrownBy(() -> draft(new VillageReports(withoutTerms), YearMonth.of(2026, 11)))
        .isInstanceOf(ReportRefusedException.class)
        .hasMessage("the market has no terms yet");
  }

  @Test
  void theEvidenceCarriesEachClearingAndEachBlockOnce() {
    VillageReports reports = new VillageReports(new FakeMarket(Optional.empty()));
    Report report = draft(reports, YearMonth.of(2026, 11)).report();

    ReportBundle.Market evidence = reports.evidence(report);

    assertThat(evidence.channel()).isEqualTo("energy-market");
    assertThat(evidence.currency()).isEqualTo("KRW");
    assertThat(evidence.terms()).isEqualTo(PRICES);
    assertThat(evidence.slots()).containsExactly(NOON.clearing(), EVENING.clearing());
    assertThat(evidence.blocks()).extracting(BillBundle.Block::number).containsExactly(7L);
  }

  private static ReportDraft draft(VillageReports reports, YearMonth month) {
    return reports.draft(
        "village-community-" + month,
        month,
        "EnergyCommunityMSP",
        Instant.parse("2026-12-02T09:00:00Z"),
        new Report.Provenance("twinledger 0.1.0", "0".repeat(64)),
        Optional.empty());
  }

  private static String value(Report report, String figureId) {
    return report.figure(figureId).orElseThrow().value();
  }

  /** The market: the five slots above, on channel energy-market. */
  private static class FakeMarket implements MarketLedger {
    private final Optional<CommunityBattery> battery;

    FakeMarket(Optional<CommunityBattery> battery) {
      this.battery = battery;
    }

    @Override
    public ZoneId zone() {
      return SEOUL;
    }

    @Override
    public Optional<Terms> terms() {
      return Optional.of(new Terms(PRICES, "KRW"));
    }

    @Override
    public Optional<CommunityBattery> battery() {
      return battery;
    }

    @Override
    public List<ClearedSlot> cleared(Instant from, Instant to) {
      return List.of(SEPTEMBER, NOON, EVENING, UNMETERED, DECEMBER).stream()
          .filter(s -> !Instant.parse(s.clearing().slot()).isBefore(from))
          .filter(s -> Instant.parse(s.clearing().slot()).isBefore(to))
          .toList();
    }

    @Override
    public AnchoringLedger channel() {
      return new AnchoringLedger(
          number ->
              Optional.of(
                  Block.newBuilder().setHeader(BlockHeader.newBuilder().setNumber(number)).build()),
          new Channel("energy-market", List.of("EnergyCommunityMSP"), List.of()),
          List.of());
    }
  }

  /**
   * A slot cleared and settled with contracts-market from the net positions of hh-a, hh-b and hh-c
   * (kWh, positive a deficit), each ordering its net at the retail tariff or the feed-in tariff;
   * the households after the nets given were not metered.
   */
  private static MarketLedger.ClearedSlot cleared(String start, long block, String... nets) {
    SlotId slot = SlotId.parse(start);
    String[] participants = {"hh-a", "hh-b", "hh-c"};
    List<Order> bids = new ArrayList<>();
    List<Order> asks = new ArrayList<>();
    List<MeteredPosition> positions = new ArrayList<>();
    List<BillBundle.Order> orders = new ArrayList<>();
    String txId = "tx-" + start;
    for (int i = 0; i < nets.length; i++) {
      BigDecimal net = new BigDecimal(nets[i]);
      positions.add(
          new MeteredPosition(
              participants[i], net.max(BigDecimal.ZERO), net.negate().max(BigDecimal.ZERO)));
      if (net.signum() == 0) {
        continue;
      }
      Side side = net.signum() > 0 ? Side.BID : Side.ASK;
      BigDecimal price = side == Side.BID ? TERMS.retailTariff() : TERMS.feedInTariff();
      Order order =
          new Order(
              SlotMarket.orderId(slot, participants[i]), participants[i], side, price, net.abs());
      (side == Side.BID ? bids : asks).add(order);
      orders.add(
          new BillBundle.Order(
              start,
              participants[i],
              side.name(),
              price.toPlainString(),
              net.abs().toPlainString(),
              txId));
    }
    ClearingResult result = Clearing.clear(TERMS.rule(), TERMS.gridFee(), bids, asks);
    SlotAccounts settled = SlotSettlement.settle(TERMS, positions, result);
    Conservation c = settled.conservation();
    BillBundle.Clearing clearing =
        new BillBundle.Clearing(
            start,
            "uniform kappa=0.5",
            result.price().map(BigDecimal::toPlainString).orElse(""),
            result.volume().toPlainString(),
            orders,
            result.trades().stream()
                .map(
                    t ->
                        new BillBundle.Trade(
                            t.buyer(),
                            t.seller(),
                            t.quantity().toPlainString(),
                            t.price().toPlainString(),
                            t.buyerPrice().toPlainString()))
                .toList(),
            settled.accounts().stream().map(VillageReportsTest::account).toList(),
            c.soldKwh().toPlainString(),
            c.boughtKwh().toPlainString(),
            c.buyersPaid().toPlainString(),
            c.sellersReceived().toPlainString(),
            c.fees().toPlainString(),
            c.mechanismSurplus().toPlainString(),
            "",
            "",
            txId,
            start);
    return new MarketLedger.ClearedSlot(clearing, txId, block);
  }

  private static BillBundle.Account account(ParticipantAccount a) {
    return new BillBundle.Account(
        a.participant(),
        a.netKwh().toPlainString(),
        a.boughtKwh().toPlainString(),
        a.boughtAmount().toPlainString(),
        a.soldKwh().toPlainString(),
        a.soldAmount().toPlainString(),
        a.feesAmount().toPlainString(),
        a.utilityImportKwh().toPlainString(),
        a.utilityImportAmount().toPlainString(),
        a.utilityExportKwh().toPlainString(),
        a.utilityExportAmount().toPlainString(),
        a.total().toPlainString(),
        a.baselineTotal().toPlainString(),
        a.savings().toPlainString());
  }
}
