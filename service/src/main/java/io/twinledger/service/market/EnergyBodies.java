package io.twinledger.service.market;

import io.twinledger.contracts.energy.Battery;
import io.twinledger.contracts.energy.HouseholdOrder;
import io.twinledger.contracts.energy.MarketConfig;
import io.twinledger.contracts.energy.SlotAccount;
import io.twinledger.contracts.energy.SlotTrade;
import io.twinledger.market.bill.BillLine;
import io.twinledger.market.bill.MonthlyBill;
import io.twinledger.market.figures.CommunityFigures;
import io.twinledger.market.settlement.MeteredPosition;
import io.twinledger.market.slot.SlotId;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Response and request bodies of {@code /api/v1/energy}. Quantities are kWh and prices per kWh in
 * the market's currency, as decimal strings where the ledger holds them as text and as exact JSON
 * numbers otherwise; slots are the ISO-8601 UTC instant of their start.
 */
public final class EnergyBodies {

  private EnergyBodies() {}

  /** The signed-in resident's household: its id, its limits and the market's terms. */
  public record MyHousehold(
      String household, String zone, Limits limits, Optional<MarketConfig> terms) {}

  /**
   * Price limits per kWh: the least a surplus sells for and the most a deficit pays (grid fee
   * included); {@code null} in a request, or absent in a response, means the tariff.
   */
  public record Limits(BigDecimal minSellPrice, BigDecimal maxBuyPrice) {}

  /** A slot's metered increments of one household's registers. */
  public record MeterSlot(
      String slot, BigDecimal importKwh, BigDecimal exportKwh, BigDecimal netKwh) {

    static List<MeterSlot> of(Map<SlotId, MeteredPosition> positions) {
      return positions.entrySet().stream()
          .map(
              e ->
                  new MeterSlot(
                      e.getKey().toString(),
                      e.getValue().importKwh(),
                      e.getValue().exportKwh(),
                      e.getValue().netKwh()))
          .toList();
    }
  }

  /** One household's part of one cleared slot, with the clearing transaction and its block. */
  public record MySlot(
      String slot,
      Optional<HouseholdOrder> order,
      List<SlotTrade> trades,
      Optional<SlotAccount> account,
      Optional<BigDecimal> price,
      String txId,
      long blockNumber) {

    static MySlot of(MarketReads.HouseholdSlotView view) {
      return new MySlot(
          view.slot().toString(),
          view.order(),
          view.trades(),
          view.account(),
          view.price(),
          view.txId(),
          view.blockNumber());
    }
  }

  /** A month with a bill, and its total. */
  public record BillMonth(String month, BigDecimal total, BigDecimal savings, String currency) {}

  /** A monthly bill: each line with its kWh, exact and rounded amounts, and its slots. */
  public record Bill(
      String household,
      String month,
      String zone,
      String currency,
      List<Line> lines,
      BigDecimal total,
      BigDecimal baselineTotal,
      BigDecimal savings) {

    static Bill of(MonthlyBill bill) {
      return new Bill(
          bill.participant(),
          bill.month().toString(),
          bill.zone().getId(),
          bill.currency(),
          bill.lines().stream().map(Line::of).toList(),
          bill.total(),
          bill.baselineTotal(),
          bill.savings());
    }
  }

  /** One bill line; {@code slots} are the slots it adds up, for the drill-down. */
  public record Line(
      String kind, BigDecimal kwh, BigDecimal exactAmount, BigDecimal amount, List<String> slots) {

    static Line of(BillLine line) {
      return new Line(
          line.kind().name(),
          line.kwh(),
          line.exactAmount(),
          line.amount(),
          line.slots().stream().map(SlotId::toString).toList());
    }
  }

  /** A cleared slot in a list. */
  public record SlotLine(
      String slot, Optional<BigDecimal> price, BigDecimal volume, String txId, long blockNumber) {

    static SlotLine of(MarketBook.SlotSummary summary) {
      return new SlotLine(
          summary.slot().toString(),
          summary.price(),
          summary.volume(),
          summary.txId(),
          summary.blockNumber());
    }
  }

  /**
   * The community's figures over a span; ratios are fractions (0.5 is 50 %). Self-sufficiency and
   * self-consumption need consumption and generation behind the meters, which only a simulation
   * knows; the ledger's figures leave them out.
   */
  public record Figures(
      String from,
      String to,
      long slots,
      Optional<BigDecimal> selfSufficiency,
      Optional<BigDecimal> selfConsumption,
      BigDecimal tradedKwh,
      Optional<BigDecimal> averagePrice,
      BigDecimal utilityImportKwh,
      BigDecimal utilityExportKwh,
      BigDecimal householdSavings,
      BigDecimal batteryChargedKwh,
      BigDecimal batteryDischargedKwh,
      BigDecimal batteryNetRevenue,
      Optional<BigDecimal> batteryCycles,
      BigDecimal mechanismSurplus,
      String currency) {

    static Figures of(String from, String to, CommunityFigures f, String currency) {
      return new Figures(
          from,
          to,
          f.slots(),
          f.selfSufficiency(),
          f.selfConsumption(),
          f.tradedKwh(),
          f.averagePrice(),
          f.utilityImportKwh(),
          f.utilityExportKwh(),
          f.householdSavings(),
          f.batteryChargedKwh(),
          f.batteryDischargedKwh(),
          f.batteryNetRevenue(),
          f.batteryCycles(),
          f.mechanismSurplus(),
          currency);
    }
  }

  /** The community battery as the ledger holds it. */
  public record BatteryView(Battery battery) {}

  /** A household in the operator's list. */
  public record HouseholdLine(String household, Optional<String> resident) {}

  static BillMonth month(YearMonth month, MonthlyBill bill) {
    return new BillMonth(month.toString(), bill.total(), bill.savings(), bill.currency());
  }
}
