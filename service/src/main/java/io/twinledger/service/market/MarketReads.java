package io.twinledger.service.market;

import io.twinledger.contracts.energy.HouseholdOrder;
import io.twinledger.contracts.energy.MarketConfig;
import io.twinledger.contracts.energy.SlotAccount;
import io.twinledger.contracts.energy.SlotClearing;
import io.twinledger.contracts.energy.SlotTrade;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.market.bill.MonthlyBill;
import io.twinledger.market.figures.CommunityFigures;
import io.twinledger.market.order.InvalidOrderException;
import io.twinledger.market.order.Order;
import io.twinledger.market.order.Side;
import io.twinledger.market.settlement.MeteredPosition;
import io.twinledger.market.settlement.ParticipantAccount;
import io.twinledger.market.slot.SlotId;
import io.twinledger.market.terms.MarketTerms;
import io.twinledger.market.terms.PriceOutOfBoundsException;
import io.twinledger.service.problem.NotFoundException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the market's API and pages read, with the data rules in one place: a resident reads only the
 * household they act for (resolved from their user name, never from a request parameter); the
 * operator reads every household and the books. Meter data comes from the twin store, the market
 * from its read model, limits and terms from the ledger.
 */
public final class MarketReads {

  /** The longest span of slots one request reads: a week. */
  static final Duration MAX_SPAN = Duration.ofDays(7);

  private final Village village;
  private final VillageMarket market;
  private final MarketBook book;
  private final MeterPositions meters;
  private final MarketProperties properties;

  public MarketReads(
      Village village,
      VillageMarket market,
      MarketBook book,
      MeterPositions meters,
      MarketProperties properties) {
    this.village = village;
    this.market = market;
    this.book = book;
    this.meters = meters;
    this.properties = properties;
  }

  /** How a resident's trade names the other household: who it was is that household's data. */
  static final String NEIGHBOUR = "neighbour";

  /**
   * One household's part of one slot: its order, its trades (the other side named only when it is
   * the community battery, otherwise {@value #NEIGHBOUR}) and its account.
   */
  public record HouseholdSlotView(
      SlotId slot,
      Optional<HouseholdOrder> order,
      List<SlotTrade> trades,
      Optional<SlotAccount> account,
      Optional<BigDecimal> price,
      String txId,
      long blockNumber) {}

  /** The household the signed-in resident acts for. */
  public String householdOf(String user) {
    return village
        .householdOf(user)
        .orElseThrow(
            () -> new NotFoundException("User " + user + " is not a resident of the village"));
  }

  /** A household of the village, for the operator. */
  public String household(String id) {
    if (!village.has(id)) {
      throw new NotFoundException("No household " + id + " in the village");
    }
    return id;
  }

  /** The village's households. */
  public List<String> households() {
    return village.households();
  }

  /** The resident of a household. */
  public Optional<String> residentOf(String household) {
    return village.residentOf(household);
  }

  /** The village's time zone. */
  public ZoneId zone() {
    return properties.zone();
  }

  /** The market on the ledger; a problem for callers where the service runs none. */
  public EnergyMarketLedger ledger() {
    return market
        .ledger()
        .orElseThrow(() -> new NotFoundException("This service runs no village energy market"));
  }

  /** The market's terms as the ledger holds them. */
  public Optional<MarketConfig> terms() {
    return market.ledger().flatMap(EnergyMarketLedger::market);
  }

  /** The currency of the market's amounts. */
  public String currency() {
    return terms().map(MarketConfig::currency).orElse(properties.terms().currency());
  }

  /** A household's metered positions in {@code [from, to)}, slot by slot. */
  public Map<SlotId, MeteredPosition> meter(String household, Instant from, Instant to) {
    SlotId first = SlotId.containing(from);
    return meters.of(household, first, slots(first, to));
  }

  /** A household's part of every cleared slot in {@code [from, to)}. */
  public List<HouseholdSlotView> slotsOf(String household, Instant from, Instant to) {
    SlotId first = SlotId.containing(from);
    slots(first, to);
    return book.recorded(first.start(), to).stream()
        .map(recorded -> view(household, recorded))
        .toList();
  }

  /** A household's part of one cleared slot. */
  public HouseholdSlotView slotOf(String household, SlotId slot) {
    return view(household, recorded(slot));
  }

  /** A cleared slot, whole: for the operator. */
  public MarketBook.RecordedSlot recorded(SlotId slot) {
    return book.slot(slot)
        .orElseThrow(() -> new NotFoundException("Slot " + slot + " is not cleared"));
  }

  /** The cleared slots in {@code [from, to)}, at most a week of them. */
  public List<MarketBook.SlotSummary> slots(Instant from, Instant to) {
    SlotId first = SlotId.containing(from);
    return book.slots(first.start(), to, slots(first, to));
  }

  /** The months a household has a bill for, newest first. */
  public List<YearMonth> billMonths(String household) {
    return book.months(household, zone());
  }

  /** A household's bill for a month. */
  public MonthlyBill bill(String household, YearMonth month) {
    return book.bill(household, month, zone(), currency());
  }

  /** A household's account of every slot of a month it had a position in, in time order. */
  public Map<SlotId, ParticipantAccount> accounts(String household, YearMonth month) {
    return book.accounts(
        household,
        month.atDay(1).atStartOfDay(zone()).toInstant(),
        month.plusMonths(1).atDay(1).atStartOfDay(zone()).toInstant());
  }

  /**
   * The cleared slots of a month, oldest first, with their clearing price: for a bill's drill-down,
   * whatever its length (unlike {@link #slots}, which a request may ask of any span).
   */
  public Map<SlotId, MarketBook.SlotSummary> slotsOf(YearMonth month) {
    Map<SlotId, MarketBook.SlotSummary> slots = new LinkedHashMap<>();
    for (MarketBook.SlotSummary summary :
        book.slots(
            month.atDay(1).atStartOfDay(zone()).toInstant(),
            month.plusMonths(1).atDay(1).atStartOfDay(zone()).toInstant(),
            Integer.MAX_VALUE)) {
      slots.put(summary.slot(), summary);
    }
    return slots;
  }

  /**
   * The battery's state of charge (kWh) after each cleared slot of {@code [from, to)}, at most a
   * week of slots; empty without a battery.
   */
  public Map<SlotId, BigDecimal> batteryAfter(Instant from, Instant to) {
    SlotId first = SlotId.containing(from);
    slots(first, to);
    return book.batteryAfter(first.start(), to);
  }

  /**
   * Checks price limits against the market's terms before anything is signed: the least a surplus
   * sells for at least the feed-in tariff, the most a deficit pays at most the retail tariff; an
   * empty limit is the tariff and always passes. The API and the pages check through here.
   *
   * @throws InvalidFieldException naming {@code minSellPrice} or {@code maxBuyPrice}
   * @throws NotFoundException where the market has no terms yet
   */
  public void checkLimits(Optional<BigDecimal> minSellPrice, Optional<BigDecimal> maxBuyPrice) {
    MarketTerms terms =
        terms()
            .map(MarketConfig::terms)
            .orElseThrow(() -> new NotFoundException("The market has no terms yet"));
    minSellPrice.ifPresent(price -> checkLimit(terms, Side.ASK, "minSellPrice", price));
    maxBuyPrice.ifPresent(price -> checkLimit(terms, Side.BID, "maxBuyPrice", price));
  }

  /**
   * Checks that a slot may still be given its own limits: it starts after {@code now}.
   *
   * @throws InvalidFieldException naming {@code slot}
   */
  public void checkOverrideSlot(SlotId slot, Instant now) {
    if (!slot.start().isAfter(now)) {
      throw new InvalidFieldException("slot", "must start in the future, was " + slot);
    }
  }

  /** The community's figures over {@code [from, to)}. */
  public CommunityFigures figures(Instant from, Instant to) {
    MarketProperties.BatteryEntry battery = properties.battery();
    BigDecimal usable =
        battery.id().isBlank()
            ? BigDecimal.ZERO
            : battery.capacityKwh().subtract(battery.minSocKwh());
    return book.figures(from, to, battery.id(), usable);
  }

  private static void checkLimit(MarketTerms terms, Side side, String field, BigDecimal price) {
    try {
      terms.checkLimit(side, Order.checkedPrice("limits", field, price));
    } catch (InvalidOrderException | PriceOutOfBoundsException e) {
      throw new InvalidFieldException(field, e.getMessage());
    }
  }

  private HouseholdSlotView view(String household, MarketBook.RecordedSlot recorded) {
    SlotClearing clearing = recorded.clearing();
    return new HouseholdSlotView(
        recorded.slot(),
        Arrays.stream(clearing.orders()).filter(o -> o.participant().equals(household)).findFirst(),
        Arrays.stream(clearing.trades())
            .filter(t -> t.bid().equals(household) || t.ask().equals(household))
            .map(t -> anonymous(household, t))
            .toList(),
        Arrays.stream(clearing.accounts())
            .filter(a -> a.participant().equals(household))
            .findFirst(),
        clearing.price() == null || clearing.price().isEmpty()
            ? Optional.empty()
            : Optional.of(new BigDecimal(clearing.price())),
        recorded.txId(),
        recorded.blockNumber());
  }

  private SlotTrade anonymous(String household, SlotTrade trade) {
    return new SlotTrade(
        shown(household, trade.bid()),
        shown(household, trade.ask()),
        trade.quantity(),
        trade.price(),
        trade.buyerPrice());
  }

  private String shown(String household, String participant) {
    return participant.equals(household) || participant.equals(properties.battery().id())
        ? participant
        : NEIGHBOUR;
  }

  /** The number of slots in {@code [first, to)}, refused beyond {@link #MAX_SPAN}. */
  private static int slots(SlotId first, Instant to) {
    Duration span = Duration.between(first.start(), to);
    if (span.isNegative() || span.isZero()) {
      throw new InvalidFieldException("to", "must be after from");
    }
    if (span.compareTo(MAX_SPAN) > 0) {
      throw new InvalidFieldException("to", "may be at most 7 days after from, was " + span);
    }
    return (int) ((span.toSeconds() + SlotId.LENGTH.toSeconds() - 1) / SlotId.LENGTH.toSeconds());
  }
}
