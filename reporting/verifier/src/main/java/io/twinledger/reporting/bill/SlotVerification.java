package io.twinledger.reporting.bill;

import com.google.protobuf.InvalidProtocolBufferException;
import io.twinledger.ledger.peer.block.BlockHashes;
import io.twinledger.ledger.peer.identity.Creator;
import io.twinledger.ledger.peer.identity.Organizations;
import io.twinledger.market.battery.BatteryState;
import io.twinledger.market.battery.CommunityBattery;
import io.twinledger.market.clearing.Clearing;
import io.twinledger.market.clearing.ClearingResult;
import io.twinledger.market.clearing.ClearingRule;
import io.twinledger.market.clearing.Trade;
import io.twinledger.market.order.Order;
import io.twinledger.market.order.Side;
import io.twinledger.market.settlement.Conservation;
import io.twinledger.market.settlement.MeteredPosition;
import io.twinledger.market.settlement.ParticipantAccount;
import io.twinledger.market.settlement.SlotAccounts;
import io.twinledger.market.settlement.SlotSettlement;
import io.twinledger.market.slot.SlotId;
import io.twinledger.market.slot.SlotMarket;
import io.twinledger.market.slot.SlotOutcome;
import io.twinledger.market.terms.MarketTerms;
import io.twinledger.network.Consortium;
import io.twinledger.network.msp.NodeOu;
import io.twinledger.network.org.OrgRole;
import io.twinledger.network.org.Organisation;
import io.twinledger.reporting.evidence.Base64Text;
import io.twinledger.reporting.evidence.EndorsedTransaction;
import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.reporting.evidence.Finding;
import io.twinledger.reporting.evidence.Pem;
import io.twinledger.reporting.evidence.StrictJson;
import java.math.BigDecimal;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.hyperledger.fabric.protos.common.Block;

/**
 * Checks one cleared slot against the ledger, in this order; the first that does not hold fails the
 * slot:
 *
 * <ol>
 *   <li>the block: its number, and its data hash over its transactions;
 *   <li>the clearing transaction: an {@link EndorsedTransaction} of {@value #CONTRACT} (valid in
 *       the block, creator and endorsements verified, the channel's policy satisfied), created by a
 *       client of the community operator's organisation;
 *   <li>its write of {@code clearing~<slot>} equals the bundled clearing, field for field, and its
 *       write of {@code battery}, when it writes one, is a battery ({@link Outcome#battery()});
 *   <li>the clearing recomputed ({@link #recompute}): the book through contracts-market's {@link
 *       Clearing} under the recorded rule and the terms' grid fee gives the recorded price, volume
 *       and trades; the trades settled with {@link SlotSettlement} against every participant's
 *       recorded net position give every recorded account and the conservation figures;
 *   <li>for a bill only, the household: its account as billed equals the ledger's; its meter
 *       reading's net ({@code import - export}) is the account's, and its order is that net at the
 *       order's side (a bid for a deficit, an ask for a surplus, none for zero).
 * </ol>
 *
 * The bill verifier runs it on a bill's slots; the report verifier on a report's {@code
 * market-slot} inputs.
 */
public final class SlotVerification {

  /** The contract whose transactions clear slots. */
  static final String CONTRACT = "EnergyMarketContract";

  private final String channel;
  private final BillBundle.Terms terms;
  private final String currency;
  private final Consortium consortium;
  private final Organizations organizations;
  private final Set<String> operatorMsps;
  private final Map<Long, String> blocks = new HashMap<>();

  /** Slots are checked in parallel, and slots of one batch share their block: parsed once. */
  private final Map<Long, Block> parsed = new ConcurrentHashMap<>();

  private SlotVerification(
      String channel,
      BillBundle.Terms terms,
      String currency,
      List<BillBundle.Block> blocks,
      Consortium consortium,
      Organizations organizations,
      Set<String> operatorMsps) {
    this.channel = channel;
    this.terms = terms;
    this.currency = currency;
    this.consortium = consortium;
    this.organizations = organizations;
    this.operatorMsps = operatorMsps;
    blocks.forEach(b -> this.blocks.put(b.number(), b.block()));
  }

  /**
   * The checks of slots cleared on {@code channel} under {@code terms}, whose blocks are {@code
   * blocks}; the channel's members are the organisations of {@code certificates}, its endorsement
   * policy and community operator are {@code consortium}'s.
   *
   * @throws Unusable when a CA certificate is unreadable, there is none, or a block is there twice
   */
  public static SlotVerification over(
      String channel,
      BillBundle.Terms terms,
      String currency,
      List<BillBundle.Block> blocks,
      List<EvidenceBundle.OrgCertificate> certificates,
      Consortium consortium)
      throws Unusable {
    Map<String, X509Certificate> authorities = new LinkedHashMap<>();
    for (EvidenceBundle.OrgCertificate org : certificates) {
      try {
        authorities.put(org.mspId(), Pem.certificate(org.caCertificate()));
      } catch (IllegalArgumentException e) {
        throw new Unusable(
            Finding.malformed(
                "certificates", "the CA certificate of " + org.mspId() + " is unreadable"));
      }
    }
    if (authorities.isEmpty()) {
      throw new Unusable(Finding.failed("certificates", "the bundle holds no CA certificates"));
    }
    Set<Long> numbers = new HashSet<>();
    for (BillBundle.Block block : blocks) {
      if (!numbers.add(block.number())) {
        throw new Unusable(
            Finding.malformed("blocks", "block " + block.number() + " is there twice"));
      }
    }
    Set<String> operators =
        consortium.organisationsWith(OrgRole.COMMUNITY_OPERATOR).stream()
            .map(Organisation::mspId)
            .collect(Collectors.toSet());
    return new SlotVerification(
        channel, terms, currency, blocks, consortium, new Organizations(authorities), operators);
  }

  /** Why no slot can be checked: the bundle's certificates or blocks are unusable. */
  public static final class Unusable extends Exception {
    private final Finding finding;

    Unusable(Finding finding) {
      super(finding.line(), null, false, false);
      this.finding = finding;
    }

    /** The finding that says so. */
    public Finding finding() {
      return finding;
    }
  }

  /**
   * A slot's finding and, when the transaction checked out, its creator and the battery it wrote.
   *
   * @param finding {@code slot <start>: ...}
   * @param creator who created the clearing transaction
   * @param battery the community battery as the clearing transaction wrote it after clearing with
   *     it, parameters and participant id; empty when it wrote none (a market without a battery) or
   *     the slot failed
   */
  public record Outcome(
      Finding finding, Optional<Creator> creator, Optional<CommunityBattery> battery) {

    Outcome(Finding finding, Optional<Creator> creator) {
      this(finding, creator, Optional.empty());
    }
  }

  /** Why a slot fails, stated as the finding's detail. */
  public static final class Failed extends Exception {
    Failed(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * Checks that transaction {@code txId} in block {@code blockNumber} recorded {@code clearing} as
   * slot {@code slot}'s, and that the clearing and settlement recompute to it.
   */
  public Outcome check(String slot, String txId, long blockNumber, BillBundle.Clearing clearing) {
    return check(slot, txId, blockNumber, clearing, (slotId, recorded) -> {});
  }

  /** Checks a bill's slot: the ledger's record as above, then {@code household}'s part in it. */
  Outcome check(BillBundle.Slot slot, String household) {
    return check(
        slot.slot(),
        slot.txId(),
        slot.blockNumber(),
        slot.clearing(),
        (slotId, recorded) -> household(household, slot, recorded));
  }

  /** A further check of a slot whose record held. */
  @FunctionalInterface
  private interface Then {
    void check(SlotId slot, BillBundle.Clearing recorded) throws Failed;
  }

  private Outcome check(
      String slot, String txId, long blockNumber, BillBundle.Clearing clearing, Then then) {
    String item = "slot " + slot;
    Block block = parsed.get(blockNumber);
    if (block == null) {
      String encoded = blocks.get(blockNumber);
      if (encoded == null) {
        return new Outcome(
            Finding.malformed(item, "its block " + blockNumber + " is not in the bundle"),
            Optional.empty());
      }
      try {
        block = Block.parseFrom(Base64Text.decode(encoded));
      } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
        return new Outcome(
            Finding.malformed(
                item, "its block " + blockNumber + " is not a Fabric block: " + e.getMessage()),
            Optional.empty());
      }
      parsed.put(blockNumber, block);
    }
    Creator creator = null;
    try {
      SlotId slotId = slotId(slot);
      block(block, blockNumber);
      EndorsedTransaction tx =
          EndorsedTransaction.check(block, txId, channel, CONTRACT, consortium, organizations);
      creator = tx.creator();
      if (!operatorMsps.contains(creator.mspId()) || creator.nodeOu() != NodeOu.CLIENT) {
        throw new Failed(
            "transaction "
                + txId
                + " was created by "
                + creator.describe()
                + ", not a client of the community operator "
                + operatorMsps);
      }
      BillBundle.Clearing recorded = recorded(tx, slot);
      if (!recorded.equals(clearing)) {
        throw new Failed(
            "the bundled clearing differs from the ledger's record in transaction "
                + txId
                + " — "
                + difference(recorded, clearing));
      }
      if (!recorded.slot().equals(slot) || !recorded.txId().equals(txId)) {
        throw new Failed(
            "the ledger's record is of slot " + recorded.slot() + ", tx " + recorded.txId());
      }
      recompute(recorded, terms, currency);
      Optional<CommunityBattery> battery = battery(tx);
      then.check(slotId, recorded);
      return new Outcome(
          Finding.ok(
              item,
              "block "
                  + blockNumber
                  + ", tx "
                  + txId
                  + " VALID, endorsed; "
                  + recorded.orders().size()
                  + " orders cleared again: "
                  + recorded.volume()
                  + " kWh"
                  + (recorded.price().isEmpty() ? "" : " at " + recorded.price())
                  + ", "
                  + recorded.accounts().size()
                  + " accounts settled again"
                  + battery.map(b -> ", with battery " + b.participant()).orElse("")),
          Optional.of(creator),
          battery);
    } catch (EndorsedTransaction.Refused e) {
      return new Outcome(
          Finding.failed(item, "transaction " + txId + " " + e.getMessage()), Optional.empty());
    } catch (Failed e) {
      return new Outcome(Finding.failed(item, e.getMessage()), Optional.ofNullable(creator));
    }
  }

  private static SlotId slotId(String text) throws Failed {
    try {
      return SlotId.parse(text);
    } catch (IllegalArgumentException e) {
      throw new Failed("not a slot: " + e.getMessage());
    }
  }

  private static void block(Block block, long number) throws Failed {
    if (block.getHeader().getNumber() != number) {
      throw new Failed(
          "the bundle's block is block " + block.getHeader().getNumber() + ", not " + number);
    }
    if (!BlockHashes.dataHash(block.getData()).equals(block.getHeader().getDataHash())) {
      throw new Failed(
          "block "
              + number
              + ": data hash mismatch — its transactions do not hash to the header's data hash");
    }
  }

  private static BillBundle.Clearing recorded(EndorsedTransaction tx, String slot)
      throws Failed, EndorsedTransaction.Refused {
    byte[] value = tx.written("\u0000clearing\u0000" + slot + "\u0000");
    try {
      return BillJson.clearing(value);
    } catch (StrictJson.Malformed e) {
      throw new Failed("the ledger's clearing record is not a SlotClearing: " + e.getMessage());
    }
  }

  /**
   * The community battery as the clearing transaction wrote it, when it wrote one: a clearing in a
   * market with a battery records the battery after the slot, its parameters with it.
   */
  private static Optional<CommunityBattery> battery(EndorsedTransaction tx)
      throws Failed, EndorsedTransaction.Refused {
    Optional<byte[]> value = tx.writtenIfAny("\u0000battery\u0000");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      StrictJson.Node b = StrictJson.object(value.get());
      return Optional.of(
          new CommunityBattery(
              b.string("batteryId"),
              decimal("the battery's capacityKwh", b.string("capacityKwh")),
              decimal("the battery's powerKw", b.string("powerKw")),
              decimal("the battery's roundTripEfficiency", b.string("roundTripEfficiency")),
              decimal("the battery's minSocKwh", b.string("minSocKwh"))));
    } catch (StrictJson.Malformed | IllegalArgumentException e) {
      throw new Failed("the ledger's battery record is not a battery: " + e.getMessage());
    }
  }

  /**
   * The slot's market recomputed from {@code recorded}'s book and net positions with
   * contracts-market's code, under the recorded rule and {@code terms}: the clearing ({@link
   * Clearing}) and the settlement ({@link SlotSettlement}), each compared with what the ledger
   * recorded.
   *
   * @param recorded a {@code SlotClearing} as the chaincode writes it
   * @param prices the market's fee and tariffs
   * @param currency the currency of its amounts
   * @return the recomputed slot, equal to the record
   * @throws Failed naming the first field where the record and the recomputation differ
   */
  public static SlotOutcome recompute(
      BillBundle.Clearing recorded, BillBundle.Terms prices, String currency) throws Failed {
    SlotId slot = slotId(recorded.slot());
    MarketTerms terms = terms(recorded.rule(), prices, currency);
    List<Order> bids = new ArrayList<>();
    List<Order> asks = new ArrayList<>();
    for (BillBundle.Order o : recorded.orders()) {
      if (!o.slot().equals(slot.toString())) {
        throw new Failed("the order of " + o.participant() + " is for slot " + o.slot());
      }
      Order order;
      try {
        order =
            new Order(
                SlotMarket.orderId(slot, o.participant()),
                o.participant(),
                Side.valueOf(o.side()),
                decimal("order of " + o.participant() + " price", o.price()),
                decimal("order of " + o.participant() + " quantity", o.quantity()));
      } catch (IllegalArgumentException e) {
        throw new Failed("the order of " + o.participant() + ": " + e.getMessage());
      }
      (order.side() == Side.BID ? bids : asks).add(order);
    }
    ClearingResult result;
    try {
      result = Clearing.clear(terms.rule(), terms.gridFee(), bids, asks);
    } catch (IllegalArgumentException e) {
      throw new Failed("its book does not clear: " + e.getMessage());
    }
    String price = result.price().map(BigDecimal::toPlainString).orElse("");
    if (!sameDecimal(price, recorded.price())) {
      throw new Failed(
          "the book clears at price "
              + show(price)
              + ", the ledger records "
              + show(recorded.price()));
    }
    same("volume", result.volume(), recorded.volume());
    if (result.trades().size() != recorded.trades().size()) {
      throw new Failed(
          "the book clears in "
              + result.trades().size()
              + " trades, the ledger records "
              + recorded.trades().size());
    }
    for (int i = 0; i < result.trades().size(); i++) {
      Trade t = result.trades().get(i);
      BillBundle.Trade r = recorded.trades().get(i);
      String at = "trade " + i + " (" + r.bid() + " from " + r.ask() + ")";
      if (!t.buyer().equals(r.bid()) || !t.seller().equals(r.ask())) {
        throw new Failed(at + ": the book pairs " + t.buyer() + " with " + t.seller() + " there");
      }
      same(at + " quantity", t.quantity(), r.quantity());
      same(at + " price", t.price(), r.price());
      same(at + " buyerPrice", t.buyerPrice(), r.buyerPrice());
    }
    List<MeteredPosition> positions = new ArrayList<>();
    for (BillBundle.Account a : recorded.accounts()) {
      BigDecimal net = decimal("account of " + a.participant() + " netKwh", a.netKwh());
      try {
        positions.add(
            new MeteredPosition(
                a.participant(), net.max(BigDecimal.ZERO), net.negate().max(BigDecimal.ZERO)));
      } catch (IllegalArgumentException e) {
        throw new Failed("the account of " + a.participant() + ": " + e.getMessage());
      }
    }
    SlotAccounts settled;
    try {
      settled = SlotSettlement.settle(terms, positions, result);
    } catch (IllegalArgumentException e) {
      throw new Failed("its trades do not settle: " + e.getMessage());
    }
    Map<String, ParticipantAccount> byParticipant = new TreeMap<>();
    settled.accounts().forEach(a -> byParticipant.put(a.participant(), a));
    for (BillBundle.Account a : recorded.accounts()) {
      account("account of " + a.participant(), byParticipant.get(a.participant()), a);
    }
    Conservation c = settled.conservation();
    if (!c.holds()) {
      throw new Failed("energy or money is not conserved: unbalanced " + c.unbalanced());
    }
    same("soldKwh", c.soldKwh(), recorded.soldKwh());
    same("boughtKwh", c.boughtKwh(), recorded.boughtKwh());
    same("buyersPaid", c.buyersPaid(), recorded.buyersPaid());
    same("sellersReceived", c.sellersReceived(), recorded.sellersReceived());
    same("fees", c.fees(), recorded.fees());
    same("mechanismSurplus", c.mechanismSurplus(), recorded.mechanismSurplus());
    Optional<BatteryState> batteryAfter =
        recorded.batteryAfterKwh().isEmpty()
            ? Optional.empty()
            : Optional.of(new BatteryState(decimal("batteryAfterKwh", recorded.batteryAfterKwh())));
    return new SlotOutcome(slot, bids, asks, result, settled, batteryAfter);
  }

  private static void household(
      String household, BillBundle.Slot bundled, BillBundle.Clearing recorded) throws Failed {
    BillBundle.Account ledger =
        recorded.accounts().stream()
            .filter(a -> a.participant().equals(household))
            .findFirst()
            .orElseThrow(() -> new Failed("the ledger records no account of " + household));
    if (!ledger.equals(bundled.account())) {
      throw new Failed(
          "the billed account differs from the ledger's — "
              + accountDifference(ledger, bundled.account()));
    }
    BigDecimal importKwh = decimal("reading importKwh", bundled.reading().importKwh());
    BigDecimal exportKwh = decimal("reading exportKwh", bundled.reading().exportKwh());
    BigDecimal net = importKwh.subtract(exportKwh);
    same("the meter reading's net (import - export)", net, ledger.netKwh());
    Optional<BillBundle.Order> order =
        recorded.orders().stream().filter(o -> o.participant().equals(household)).findFirst();
    if (net.signum() == 0) {
      if (order.isPresent()) {
        throw new Failed("the meter reading's net is 0 kWh, yet the book holds an order");
      }
      return;
    }
    String side = net.signum() > 0 ? "BID" : "ASK";
    if (order.isEmpty()) {
      throw new Failed(
          "the meter reading's net is " + net.toPlainString() + " kWh, the book holds no order");
    }
    if (!order.get().side().equals(side)) {
      throw new Failed(
          "the meter reading's net is "
              + net.toPlainString()
              + " kWh (a "
              + side
              + "), the order is a "
              + order.get().side());
    }
    same("the order's quantity against the meter reading", net.abs(), order.get().quantity());
  }

  /** The terms under the recorded rule, with the bundle's fee and tariffs. */
  private static MarketTerms terms(String rule, BillBundle.Terms t, String currency) throws Failed {
    try {
      return new MarketTerms(
          rule(rule),
          decimal("terms gridFee", t.gridFee()),
          decimal("terms feedInTariff", t.feedInTariff()),
          decimal("terms retailTariff", t.retailTariff()),
          currency);
    } catch (IllegalArgumentException e) {
      throw new Failed(e.getMessage());
    }
  }

  /**
   * The chaincode's recorded rule: {@code uniform kappa=0.5}, {@code pay-as-bid} or {@code
   * trade-reduction}.
   */
  static ClearingRule rule(String recorded) throws Failed {
    if (recorded.startsWith("uniform kappa=")) {
      return new ClearingRule.UniformPrice(
          decimal("rule's kappa", recorded.substring("uniform kappa=".length())));
    }
    return switch (recorded) {
      case "pay-as-bid" -> new ClearingRule.PayAsBid();
      case "trade-reduction" -> new ClearingRule.TradeReduction();
      default -> throw new Failed("the recorded rule \"" + recorded + "\" is not known");
    };
  }

  private static void account(String what, ParticipantAccount settled, BillBundle.Account r)
      throws Failed {
    if (settled == null) {
      throw new Failed(what + ": not settled again");
    }
    same(what + " boughtKwh", settled.boughtKwh(), r.boughtKwh());
    same(what + " boughtAmount", settled.boughtAmount(), r.boughtAmount());
    same(what + " soldKwh", settled.soldKwh(), r.soldKwh());
    same(what + " soldAmount", settled.soldAmount(), r.soldAmount());
    same(what + " feesAmount", settled.feesAmount(), r.feesAmount());
    same(what + " utilityImportKwh", settled.utilityImportKwh(), r.utilityImportKwh());
    same(what + " utilityImportAmount", settled.utilityImportAmount(), r.utilityImportAmount());
    same(what + " utilityExportKwh", settled.utilityExportKwh(), r.utilityExportKwh());
    same(what + " utilityExportAmount", settled.utilityExportAmount(), r.utilityExportAmount());
    same(what + " total", settled.total(), r.total());
    same(what + " baselineTotal", settled.baselineTotal(), r.baselineTotal());
    same(what + " savings", settled.savings(), r.savings());
  }

  /** The account of the bill as contracts-market's type; for the bill's recomputation. */
  static ParticipantAccount participantAccount(BillBundle.Account a) throws Failed {
    return new ParticipantAccount(
        a.participant(),
        decimal("netKwh", a.netKwh()),
        decimal("boughtKwh", a.boughtKwh()),
        decimal("boughtAmount", a.boughtAmount()),
        decimal("soldKwh", a.soldKwh()),
        decimal("soldAmount", a.soldAmount()),
        decimal("feesAmount", a.feesAmount()),
        decimal("utilityImportKwh", a.utilityImportKwh()),
        decimal("utilityImportAmount", a.utilityImportAmount()),
        decimal("utilityExportKwh", a.utilityExportKwh()),
        decimal("utilityExportAmount", a.utilityExportAmount()),
        decimal("baselineTotal", a.baselineTotal()));
  }

  private static void same(String what, BigDecimal recomputed, String recorded) throws Failed {
    BigDecimal value = decimal(what, recorded);
    if (recomputed.compareTo(value) != 0) {
      throw new Failed(
          what + ": recomputed " + recomputed.toPlainString() + ", the ledger records " + recorded);
    }
  }

  private static boolean sameDecimal(String a, String b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() && b.isEmpty();
    }
    try {
      return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String show(String price) {
    return price.isEmpty() ? "none" : price;
  }

  static BigDecimal decimal(String what, String text) throws Failed {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new Failed(what + " is not a decimal: \"" + text + "\"");
    }
  }

  /** The first field in which two clearings differ, for the message. */
  private static String difference(BillBundle.Clearing ledger, BillBundle.Clearing bundled) {
    if (!ledger.orders().equals(bundled.orders())) {
      return "its orders: " + firstDifference(ledger.orders(), bundled.orders());
    }
    if (!ledger.trades().equals(bundled.trades())) {
      return "its trades: " + firstDifference(ledger.trades(), bundled.trades());
    }
    if (!ledger.accounts().equals(bundled.accounts())) {
      return "its accounts: " + firstDifference(ledger.accounts(), bundled.accounts());
    }
    return "ledger " + ledger + ", bundle " + bundled;
  }

  private static String firstDifference(List<?> ledger, List<?> bundled) {
    for (int i = 0; i < Math.min(ledger.size(), bundled.size()); i++) {
      if (!ledger.get(i).equals(bundled.get(i))) {
        return "ledger " + ledger.get(i) + ", bundle " + bundled.get(i);
      }
    }
    return ledger.size() + " on the ledger, " + bundled.size() + " in the bundle";
  }

  private static String accountDifference(BillBundle.Account ledger, BillBundle.Account billed) {
    return "ledger " + ledger + ", billed " + billed;
  }
}
