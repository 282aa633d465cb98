package io.twinledger.service.market;

import io.twinledger.contracts.energy.HouseholdOrder;
import io.twinledger.contracts.energy.MarketConfig;
import io.twinledger.contracts.energy.MeterReading;
import io.twinledger.contracts.energy.SlotAccount;
import io.twinledger.contracts.energy.SlotClearing;
import io.twinledger.contracts.energy.SlotTrade;
import io.twinledger.market.bill.BillLine;
import io.twinledger.market.bill.MonthlyBill;
import io.twinledger.market.settlement.ParticipantAccount;
import io.twinledger.market.slot.SlotId;
import io.twinledger.reporting.bill.BillBundle;
import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.reporting.evidence.Pem;
import io.twinledger.reporting.evidence.export.AnchoringLedger;
import io.twinledger.service.problem.NotFoundException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a household's {@link BillBundle} ({@value BillBundle#FORMAT}) for a month: the bill from
 * the {@link MarketBook}, and per slot in which the household has an account, the slot's clearing
 * as the ledger recorded it, its transaction and the block that holds it (the embedded peer's), the
 * household's account as billed and its own meter reading from the private collection; with the
 * market's fee and tariffs and the channel members' CA certificates. {@code ./twinledger
 * verify-bill} checks it offline.
 */
public final class BillBundles {

  private final MarketBook book;
  private final EnergyMarketLedger ledger;
  private final AnchoringLedger energyChannel;
  private final ZoneId zone;

  /**
   * @param energyChannel the energy channel's blocks and members
   * @param zone the village's time zone, in which a slot's start decides its month
   */
  public BillBundles(
      MarketBook book, EnergyMarketLedger ledger, AnchoringLedger energyChannel, ZoneId zone) {
    this.book = book;
    this.ledger = ledger;
    this.energyChannel = energyChannel;
    this.zone = zone;
  }

  /** The energy channel's blocks and members, which the bundles' slots are checked against. */
  AnchoringLedger energyChannel() {
    return energyChannel;
  }

  /**
   * The bundle of {@code household}'s bill for {@code month}.
   *
   * @throws NotFoundException when the market has no terms yet or the household has no account in
   *     the month
   */
  public BillBundle of(String household, YearMonth month) {
    MarketConfig market =
        ledger.market().orElseThrow(() -> new NotFoundException("the market has no terms yet"));
    Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
    Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    Map<SlotId, ParticipantAccount> accounts = book.accounts(household, from, to);
    if (accounts.isEmpty()) {
      throw new NotFoundException("household " + household + " has no bill for " + month);
    }
    MonthlyBill bill = MonthlyBill.of(household, month, zone, market.currency(), accounts);
    List<BillBundle.Slot> slots = new ArrayList<>(accounts.size());
    // The daily batch clears 16 slots in one transaction: their block goes in once.
    Map<Long, BillBundle.Block> blocks = new TreeMap<>();
    for (SlotId slot : accounts.keySet()) {
      BillBundle.Slot bundled = slot(household, slot);
      slots.add(bundled);
      blocks.computeIfAbsent(bundled.blockNumber(), this::block);
    }
    return new BillBundle(
        BillBundle.FORMAT,
        household,
        month.toString(),
        zone.getId(),
        market.currency(),
        energyChannel.channel().name(),
        terms(market),
        bill(bill),
        slots,
        List.copyOf(blocks.values()),
        energyChannel.members().stream()
            .map(org -> new EvidenceBundle.OrgCertificate(org.mspId(), Pem.of(org.caCertificate())))
            .toList());
  }

  private BillBundle.Slot slot(String household, SlotId slot) {
    MarketBook.RecordedSlot recorded =
        book.slot(slot)
            .orElseThrow(() -> new IllegalStateException("no recorded clearing of slot " + slot));
    SlotClearing clearing = recorded.clearing();
    SlotAccount account =
        Arrays.stream(clearing.accounts())
            .filter(a -> a.participant().equals(household))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "slot " + slot + " records no account of " + household));
    MeterReading reading =
        ledger
            .meterReading(household, slot)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the ledger holds no meter reading of " + household + " in slot " + slot));
    return new BillBundle.Slot(
        slot.toString(),
        recorded.txId(),
        recorded.blockNumber(),
        clearing(clearing),
        account(account),
        new BillBundle.Reading(reading.importKwh(), reading.exportKwh()));
  }

  private BillBundle.Block block(long number) {
    byte[] block =
        energyChannel
            .blocks()
            .block(number)
            .orElseThrow(() -> new IllegalStateException("the peer holds no block " + number))
            .toByteArray();
    return new BillBundle.Block(number, Base64.getEncoder().encodeToString(block));
  }

  private static BillBundle.Bill bill(MonthlyBill bill) {
    List<BillBundle.Line> lines = new ArrayList<>();
    for (BillLine line : bill.lines()) {
      lines.add(
          new BillBundle.Line(
              line.kind().name(),
              line.kwh().toPlainString(),
              line.exactAmount().toPlainString(),
              line.amount().toPlainString(),
              line.slots().size()));
    }
    return new BillBundle.Bill(
        lines, bill.total().toPlainString(), bill.baselineTotal().toPlainString());
  }

  /** The market's fee and tariffs as a bundle states them. */
  static BillBundle.Terms terms(MarketConfig market) {
    return new BillBundle.Terms(market.gridFee(), market.feedInTariff(), market.retailTariff());
  }

  /** A slot's clearing as the ledger recorded it, field for field, as a bundle carries it. */
  static BillBundle.Clearing clearing(SlotClearing c) {
    return new BillBundle.Clearing(
        c.slot(),
        c.rule(),
        c.price(),
        c.volume(),
        Arrays.stream(c.orders()).map(BillBundles::order).toList(),
        Arrays.stream(c.trades()).map(BillBundles::trade).toList(),
        Arrays.stream(c.accounts()).map(BillBundles::account).toList(),
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
  }

  private static BillBundle.Order order(HouseholdOrder o) {
    return new BillBundle.Order(
        o.slot(), o.participant(), o.side(), o.price(), o.quantity(), o.txId());
  }

  private static BillBundle.Trade trade(SlotTrade t) {
    return new BillBundle.Trade(t.bid(), t.ask(), t.quantity(), t.price(), t.buyerPrice());
  }

  private static BillBundle.Account account(SlotAccount a) {
    return new BillBundle.Account(
        a.participant(),
        a.netKwh(),
        a.boughtKwh(),
        a.boughtAmount(),
        a.soldKwh(),
        a.soldAmount(),
        a.feesAmount(),
        a.utilityImportKwh(),
        a.utilityImportAmount(),
        a.utilityExportKwh(),
        a.utilityExportAmount(),
        a.total(),
        a.baselineTotal(),
        a.savings());
  }
}
