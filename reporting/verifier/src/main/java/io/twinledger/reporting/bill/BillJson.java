package io.twinledger.reporting.bill;

import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.reporting.evidence.StrictJson;
import io.twinledger.reporting.evidence.StrictJson.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes {@link BillBundle}s as JSON. Reading is strict ({@link StrictJson}): a
 * duplicate, unknown or missing field, a wrong type, trailing content or another format name make a
 * bundle malformed, and the message names the field's path ({@code
 * slots[12].clearing.trades[0].price}). Written compact: a month holds about 3,000 slots.
 */
public final class BillJson {

  private static final Set<String> BUNDLE =
      Set.of(
          "format",
          "household",
          "month",
          "zone",
          "currency",
          "channel",
          "terms",
          "bill",
          "slots",
          "blocks",
          "certificates");
  private static final Set<String> TERMS = Set.of("gridFee", "feedInTariff", "retailTariff");
  private static final Set<String> BILL = Set.of("lines", "total", "baselineTotal");
  private static final Set<String> LINE = Set.of("kind", "kwh", "exactAmount", "amount", "slots");
  private static final Set<String> SLOT =
      Set.of("slot", "txId", "blockNumber", "clearing", "account", "reading");
  private static final Set<String> BLOCK = Set.of("number", "block");
  private static final Set<String> READING = Set.of("importKwh", "exportKwh");
  private static final Set<String> CLEARING =
      Set.of(
          "slot",
          "rule",
          "price",
          "volume",
          "orders",
          "trades",
          "accounts",
          "soldKwh",
          "boughtKwh",
          "buyersPaid",
          "sellersReceived",
          "fees",
          "mechanismSurplus",
          "batteryBeforeKwh",
          "batteryAfterKwh",
          "txId",
          "clearedAt");
  private static final Set<String> ORDER =
      Set.of("slot", "participant", "side", "price", "quantity", "txId");
  private static final Set<String> TRADE = Set.of("bid", "ask", "quantity", "price", "buyerPrice");
  private static final Set<String> ACCOUNT =
      Set.of(
          "participant",
          "netKwh",
          "boughtKwh",
          "boughtAmount",
          "soldKwh",
          "soldAmount",
          "feesAmount",
          "utilityImportKwh",
          "utilityImportAmount",
          "utilityExportKwh",
          "utilityExportAmount",
          "total",
          "baselineTotal",
          "savings");
  private static final Set<String> CERTIFICATE = Set.of("mspId", "caCertificate");

  private BillJson() {}

  /** A bundle that cannot be read, and why. */
  public static final class Malformed extends Exception {
    Malformed(String reason) {
      super(reason, null, false, false);
    }
  }

  /** A malformation found outside the JSON itself, such as an unreadable file. */
  public static Malformed malformed(String reason) {
    return new Malformed(reason);
  }

  /** The bundle as compact JSON, UTF-8. */
  public static byte[] write(BillBundle bundle) {
    return Writer.JSON.writeValueAsBytes(bundle);
  }

  /** The bundle in {@code json}. */
  public static BillBundle read(byte[] json) throws Malformed {
    try {
      Node root = StrictJson.object(json);
      if (!root.stringOr("format", "").equals(BillBundle.FORMAT)) {
        throw new Malformed("not a " + BillBundle.FORMAT + " bundle (field \"format\")");
      }
      root.exactly(BUNDLE);
      Node terms = root.object("terms").exactly(TERMS);
      Node bill = root.object("bill").exactly(BILL);
      List<BillBundle.Line> lines = new ArrayList<>();
      for (Node line : bill.objects("lines")) {
        line.exactly(LINE);
        lines.add(
            new BillBundle.Line(
                line.string("kind"),
                line.string("kwh"),
                line.string("exactAmount"),
                line.string("amount"),
                line.smallInteger("slots")));
      }
      List<BillBundle.Slot> slots = new ArrayList<>();
      for (Node slot : root.objects("slots")) {
        slot.exactly(SLOT);
        Node reading = slot.object("reading").exactly(READING);
        slots.add(
            new BillBundle.Slot(
                slot.string("slot"),
                slot.string("txId"),
                slot.integer("blockNumber"),
                clearing(slot.object("clearing")),
                account(slot.object("account")),
                new BillBundle.Reading(reading.string("importKwh"), reading.string("exportKwh"))));
      }
      List<BillBundle.Block> blocks = new ArrayList<>();
      for (Node block : root.objects("blocks")) {
        block.exactly(BLOCK);
        blocks.add(new BillBundle.Block(block.integer("number"), block.string("block")));
      }
      List<EvidenceBundle.OrgCertificate> certificates = new ArrayList<>();
      for (Node certificate : root.objects("certificates")) {
        certificate.exactly(CERTIFICATE);
        certificates.add(
            new EvidenceBundle.OrgCertificate(
                certificate.string("mspId"), certificate.string("caCertificate")));
      }
      return new BillBundle(
          BillBundle.FORMAT,
          root.string("household"),
          root.string("month"),
          root.string("zone"),
          root.string("currency"),
          root.string("channel"),
          new BillBundle.Terms(
              terms.string("gridFee"), terms.string("feedInTariff"), terms.string("retailTariff")),
          new BillBundle.Bill(lines, bill.string("total"), bill.string("baselineTotal")),
          slots,
          blocks,
          certificates);
    } catch (StrictJson.Malformed e) {
      throw new Malformed(e.getMessage());
    }
  }

  /**
   * A {@code SlotClearing} as the chaincode writes it to the ledger.
   *
   * @throws StrictJson.Malformed naming the field when it is not one
   */
  static BillBundle.Clearing clearing(byte[] json) throws StrictJson.Malformed {
    return clearing(StrictJson.object(json));
  }

  /**
   * A {@code SlotClearing} in a bundle, such as a report bundle's market slots.
   *
   * @throws StrictJson.Malformed naming the field when it is not one
   */
  public static BillBundle.Clearing clearing(Node clearing) throws StrictJson.Malformed {
    clearing.exactly(CLEARING);
    List<BillBundle.Order> orders = new ArrayList<>();
    for (Node order : clearing.objects("orders")) {
      order.exactly(ORDER);
      orders.add(
          new BillBundle.Order(
              order.string("slot"),
              order.string("participant"),
              order.string("side"),
              order.string("price"),
              order.string("quantity"),
              order.string("txId")));
    }
    List<BillBundle.Trade> trades = new ArrayList<>();
    for (Node trade : clearing.objects("trades")) {
      trade.exactly(TRADE);
      trades.add(
          new BillBundle.Trade(
              trade.string("bid"),
              trade.string("ask"),
              trade.string("quantity"),
              trade.string("price"),
              trade.string("buyerPrice")));
    }
    List<BillBundle.Account> accounts = new ArrayList<>();
    for (Node account : clearing.objects("accounts")) {
      accounts.add(account(account));
    }
    return new BillBundle.Clearing(
        clearing.string("slot"),
        clearing.string("rule"),
        clearing.string("price"),
        clearing.string("volume"),
        orders,
        trades,
        accounts,
        clearing.string("soldKwh"),
        clearing.string("boughtKwh"),
        clearing.string("buyersPaid"),
        clearing.string("sellersReceived"),
        clearing.string("fees"),
        clearing.string("mechanismSurplus"),
        clearing.string("batteryBeforeKwh"),
        clearing.string("batteryAfterKwh"),
        clearing.string("txId"),
        clearing.string("clearedAt"));
  }

  private static BillBundle.Account account(Node account) throws StrictJson.Malformed {
    account.exactly(ACCOUNT);
    return new BillBundle.Account(
        account.string("participant"),
        account.string("netKwh"),
        account.string("boughtKwh"),
        account.string("boughtAmount"),
        account.string("soldKwh"),
        account.string("soldAmount"),
        account.string("feesAmount"),
        account.string("utilityImportKwh"),
        account.string("utilityImportAmount"),
        account.string("utilityExportKwh"),
        account.string("utilityExportAmount"),
        account.string("total"),
        account.string("baselineTotal"),
        account.string("savings"));
  }

  /** The writer, built on first use: the verifier only reads. */
  private static final class Writer {
    private static final JsonMapper JSON = JsonMapper.builder().build();
  }
}
