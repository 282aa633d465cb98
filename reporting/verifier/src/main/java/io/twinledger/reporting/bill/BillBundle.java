package io.twinledger.reporting.bill;

import io.twinledger.reporting.evidence.EvidenceBundle;
import java.util.List;

/**
 * A household's monthly bill with what it takes to check it offline: format {@value #FORMAT}.
 *
 * <p>Conventions: decimals are text as the ledger writes them ({@code 0.375}); energy in kWh,
 * amounts in {@code currency}, exact per slot and rounded on the bill (contracts-market's {@code
 * MonthlyBill}). Slots are the ISO-8601 UTC instant of their start ({@code 2026-11-03T10:15:00Z}).
 * Amounts of the bill are from the household's point of view: positive when it pays.
 *
 * @param format {@value #FORMAT}
 * @param household the household's participant id
 * @param month the billing month, {@code 2026-11}, in {@code zone}
 * @param zone the village's time zone: a slot's start in it decides its month
 * @param currency ISO 4217 code of every amount
 * @param channel the channel the market runs on
 * @param terms the market's grid fee and tariffs, as the ledger holds them; the clearing rule is
 *     each slot's recorded one
 * @param bill the bill as issued
 * @param slots every slot of the month in which the household has an account, in time order
 * @param blocks the blocks that hold the slots' clearing transactions, each once, by number: the
 *     daily settlement batch clears 16 slots in one transaction, so slots share blocks
 * @param certificates the channel members' CA certificates, PEM
 */
public record BillBundle(
    String format,
    String household,
    String month,
    String zone,
    String currency,
    String channel,
    Terms terms,
    Bill bill,
    List<Slot> slots,
    List<Block> blocks,
    List<EvidenceBundle.OrgCertificate> certificates) {

  /**
   * The format this version reads and writes. Version 1 carried each slot's block with the slot, so
   * a block of 16 slots' clearings was in the bundle 16 times.
   */
  public static final String FORMAT = "twinledger-bill/v2";

  public BillBundle {
    slots = List.copyOf(slots);
    blocks = List.copyOf(blocks);
    certificates = List.copyOf(certificates);
  }

  /**
   * A block of the channel.
   *
   * @param number its number
   * @param block the {@code common.Block} protobuf in base64
   */
  public record Block(long number, String block) {}

  /**
   * The market's prices per kWh.
   *
   * @param gridFee paid by the buyer per kWh traded between members
   * @param feedInTariff what the utility pays per kWh exported to it
   * @param retailTariff what the utility charges per kWh imported from it
   */
  public record Terms(String gridFee, String feedInTariff, String retailTariff) {}

  /**
   * The bill as issued.
   *
   * @param lines the six lines in contracts-market's {@code LineKind} order
   * @param total what the household pays for the month, rounded to the currency's minor unit
   * @param baselineTotal the bill without trading for the same metered energy, rounded
   */
  public record Bill(List<Line> lines, String total, String baselineTotal) {
    public Bill {
      lines = List.copyOf(lines);
    }
  }

  /**
   * A line of the bill.
   *
   * @param kind the {@code LineKind}'s name, such as {@code BOUGHT_FROM_NEIGHBOURS}
   * @param kwh the line's energy over its slots
   * @param exactAmount the exact sum over its slots
   * @param amount rounded half-even to the currency's minor unit
   * @param slots how many slots the line adds up; each slot's account is in {@link Slot#account()}
   */
  public record Line(String kind, String kwh, String exactAmount, String amount, int slots) {}

  /**
   * One slot of the bill and its proof.
   *
   * @param slot the slot's start
   * @param txId the clearing transaction
   * @param blockNumber the block that holds it, one of {@link BillBundle#blocks()}
   * @param clearing the slot's {@code SlotClearing} as the ledger recorded it
   * @param account the household's account of the slot as billed
   * @param reading the household's own meter reading of the slot, from the private collection
   */
  public record Slot(
      String slot,
      String txId,
      long blockNumber,
      Clearing clearing,
      Account account,
      Reading reading) {}

  /**
   * Register increments over the slot, kWh.
   *
   * @param importKwh drawn from the grid
   * @param exportKwh fed into the grid
   */
  public record Reading(String importKwh, String exportKwh) {}

  /** A cleared slot, field for field as the chaincode's {@code SlotClearing}. */
  public record Clearing(
      String slot,
      String rule,
      String price,
      String volume,
      List<Order> orders,
      List<Trade> trades,
      List<Account> accounts,
      String soldKwh,
      String boughtKwh,
      String buyersPaid,
      String sellersReceived,
      String fees,
      String mechanismSurplus,
      String batteryBeforeKwh,
      String batteryAfterKwh,
      String txId,
      String clearedAt) {
    public Clearing {
      orders = List.copyOf(orders);
      trades = List.copyOf(trades);
      accounts = List.copyOf(accounts);
    }
  }

  /** An order of the book, as the chaincode's {@code HouseholdOrder}. */
  public record Order(
      String slot, String participant, String side, String price, String quantity, String txId) {}

  /** A trade between participants, as the chaincode's {@code SlotTrade}. */
  public record Trade(String bid, String ask, String quantity, String price, String buyerPrice) {}

  /** A participant's settlement of a slot, as the chaincode's {@code SlotAccount}. */
  public record Account(
      String participant,
      String netKwh,
      String boughtKwh,
      String boughtAmount,
      String soldKwh,
      String soldAmount,
      String feesAmount,
      String utilityImportKwh,
      String utilityImportAmount,
      String utilityExportKwh,
      String utilityExportAmount,
      String total,
      String baselineTotal,
      String savings) {}
}
