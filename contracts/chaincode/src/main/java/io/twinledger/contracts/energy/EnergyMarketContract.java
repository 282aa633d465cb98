package io.twinledger.contracts.energy;

import io.twinledger.contracts.ContractDescription;
import io.twinledger.contracts.token.Arguments;
import io.twinledger.contracts.token.ChainJson;
import io.twinledger.market.battery.CommunityBattery;
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
import io.twinledger.market.slot.SlotOutcome;
import io.twinledger.market.terms.MarketTerms;
import io.twinledger.market.terms.PriceLimits;
import io.twinledger.market.terms.PriceOutOfBoundsException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import org.json.JSONStringer;

/**
 * The village's peer-to-peer solar market, one market per 15-minute slot, on channel {@code
 * energy-market} (chaincode definition {@code twinledger-energy}, endorsed by the Energy
 * Community). The market rules are contracts-market's ({@link SlotMarket}): the same code the
 * simulation runs.
 *
 * <p>Who may call what:
 *
 * <ul>
 *   <li>the <b>operator</b>, the identity that first called {@link #ConfigureMarket}: the terms,
 *       households, the battery, meter readings and clearing;
 *   <li>a <b>household</b>, by the client identity registered for it (its certificate's
 *       fingerprint): its own price limits, overrides and orders; a household never acts or reads
 *       for another ({@code OTHER_HOUSEHOLD}), and a client of the community that is no household
 *       and not the operator is {@code NOT_A_HOUSEHOLD};
 *   <li>identities of the other channel members (the city, the auditor): the queries; they hold the
 *       channel's state anyway, and the private collection admits only the auditor.
 * </ul>
 *
 * <p>A slot's life: the operator records the households' meter readings ({@link
 * #RecordMeterReadings}, values in transient data, kept in the private collection {@value
 * EnergyKeys#METER_COLLECTION}; the channel holds only their hashes). Each household submits its
 * order ({@link #SubmitOrder}): its metered net position at its price limit for the slot. The
 * operator clears the slot ({@link #ClearSlot}): the orders and the battery's go through {@link
 * SlotMarket}, the result and every household's settlement are recorded if conservation holds, and
 * the slot is closed.
 *
 * <p>Nothing is half-recorded: every check comes before the first write, and refusals are {@code
 * ChaincodeException}s with an {@link EnergyError} name as payload and at the head of the message.
 * Decimals are passed and stored as text ({@code 0.375}); slots as the ISO-8601 UTC instant of
 * their start on a quarter hour ({@code 2026-06-21T12:00:00Z}).
 */
@Contract(
    name = "EnergyMarketContract",
    info =
        @Info(
            title = "TwinLedger energy market",
            description =
                "Peer-to-peer trades of rooftop solar between the households of one village, one"
                    + " market per 15-minute slot: metered positions become orders at the"
                    + " residents' price limits, cleared and settled on chain with conservation"
                    + " checked.",
            version = "0.2.0",
            license = @License(name = "Apache-2.0")))
public final class EnergyMarketContract implements ContractInterface {

  /** The transient data key of {@link #RecordMeterReadings}' readings. */
  public static final String READINGS = "readings";

  /**
   * The chaincode event of a cleared slot; payload JSON {@code slot}, {@code price} (empty when
   * none), {@code volume}, {@code trades}, {@code accounts}, {@code txId}.
   */
  public static final String SLOT_CLEARED = "SlotCleared";

  /**
   * The chaincode event of {@link #ClearSlots}; payload JSON {@code slots}, an array of {@code
   * {slot, price, volume, trades, accounts}} in slot order, and {@code txId}.
   */
  public static final String SLOTS_CLEARED = "SlotsCleared";

  /**
   * The most slots {@link #RecordMeterReadingsForSlots} and {@link #ClearSlots} take in one
   * transaction: a clearing of the village's 56 households writes about 40 kB, so 16 stay far below
   * the block's 2 MB.
   */
  public static final int MAX_BATCH_SLOTS = 16;

  /** The most slots {@link #SubmitOrders} takes in one transaction: a day's. */
  public static final int MAX_ORDER_SLOTS = 96;

  /**
   * The market record last parsed, with the bytes it was parsed from. Every call reads the market,
   * and parsing its JSON was a measurable part of an order's CPU; the record changes only with
   * {@link #ConfigureMarket}, and equal bytes parse to an equal record, so the memo cannot change a
   * result.
   */
  private static final AtomicReference<ParsedMarket> LAST_MARKET = new AtomicReference<>();

  /** What this contract is and which functions it has. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public ContractDescription Describe(Context ctx) {
    return ContractDescription.of(getClass());
  }

  // ---------------------------------------------------------------------------------- operator

  /**
   * Sets the market's terms. The first call makes its creator the operator; later calls must come
   * from the operator and apply to slots cleared from then on.
   *
   * @param rule {@code uniform}, {@code pay-as-bid} or {@code trade-reduction}
   * @param kappa the uniform rule's kappa in [0, 1] ({@code 0.5} by default when empty); empty for
   *     the other rules
   * @param gridFee per kWh traded, paid by the buyer
   * @param feedInTariff per kWh exported to the utility: the lowest ask
   * @param retailTariff per kWh imported from the utility: the highest bid
   * @param currency ISO 4217 code
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public MarketConfig ConfigureMarket(
      Context ctx,
      String rule,
      String kappa,
      String gridFee,
      String feedInTariff,
      String retailTariff,
      String currency) {
    ChaincodeStub stub = ctx.getStub();
    ClientIdentity creator = ctx.getClientIdentity();
    Optional<MarketConfig> existing = read(stub, EnergyKeys.market(stub), MarketConfig::fromState);
    if (existing.isPresent()) {
      operator(ctx, existing.get());
    }
    String ruleName = rule == null ? "" : rule;
    String kappaText = kappa == null ? "" : kappa;
    if (ClearingRule.UNIFORM.equals(ruleName)) {
      kappaText = kappaText.isEmpty() ? "0.5" : decimal("kappa", kappaText);
    }
    MarketConfig config =
        new MarketConfig(
            creator.getMSPID(),
            creator.getId(),
            ruleName,
            kappaText,
            decimal("gridFee", gridFee),
            decimal("feedInTariff", feedInTariff),
            decimal("retailTariff", retailTariff),
            checked(() -> Arguments.currency(currency)),
            stub.getTxId());
    checked(config::terms);
    stub.putState(EnergyKeys.market(stub), config.toState());
    ChainJson.event(stub, "MarketConfigured", "rule", ruleName, "txId", stub.getTxId());
    return config;
  }

  /**
   * Registers household {@code householdId} with the client identity that signs for it. The same
   * registration again returns the household; another certificate for the id, or the certificate of
   * another household, is {@code HOUSEHOLD_EXISTS}.
   *
   * @param certificate the household's client certificate, PEM (a NodeOU client of the operator's
   *     MSP; the peer checks the chain when the household signs)
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public Household RegisterHousehold(Context ctx, String householdId, String certificate) {
    MarketConfig market = operator(ctx, market(ctx.getStub()));
    id("householdId", householdId);
    HouseholdIdentity identity = checked(() -> HouseholdIdentity.ofClientPem(certificate));
    ChaincodeStub stub = ctx.getStub();
    Optional<Household> existing =
        read(stub, EnergyKeys.household(stub, householdId), Household::fromState);
    if (existing.isPresent()) {
      if (existing.get().certificateSha256().equals(identity.sha256())) {
        return existing.get();
      }
      throw EnergyError.HOUSEHOLD_EXISTS.refuse(
          "household " + householdId + " is registered with another certificate");
    }
    Optional<String> holder = householdOf(stub, identity.sha256());
    if (holder.isPresent()) {
      throw EnergyError.HOUSEHOLD_EXISTS.refuse(
          "the certificate of " + identity.subject() + " is household " + holder.get() + "'s");
    }
    Optional<Battery> battery = read(stub, EnergyKeys.battery(stub), Battery::fromState);
    if (battery.isPresent() && battery.get().batteryId().equals(householdId)) {
      throw EnergyError.HOUSEHOLD_EXISTS.refuse(householdId + " is the battery's id");
    }
    Household household =
        new Household(
            householdId, market.operatorMsp(), identity.subject(), identity.sha256(), "", "");
    stub.putState(EnergyKeys.household(stub, householdId), household.toState());
    stub.putState(
        EnergyKeys.householdCertificate(stub, identity.sha256()),
        householdId.getBytes(StandardCharsets.UTF_8));
    ChainJson.event(stub, "HouseholdRegistered", "householdId", householdId);
    return household;
  }

  /**
   * Registers the community battery, a participant with its own strategy (contracts-market's {@code
   * BatteryStrategy}). The same parameters again return it unchanged, state included; others are
   * {@code BATTERY_EXISTS}.
   *
   * @param roundTripEfficiency in (0, 1], applied on charging
   * @param stateOfChargeKwh the energy stored at registration
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public Battery RegisterBattery(
      Context ctx,
      String batteryId,
      String capacityKwh,
      String powerKw,
      String roundTripEfficiency,
      String minSocKwh,
      String stateOfChargeKwh) {
    operator(ctx, market(ctx.getStub()));
    Battery battery =
        new Battery(
            id("batteryId", batteryId),
            decimal("capacityKwh", capacityKwh),
            decimal("powerKw", powerKw),
            decimal("roundTripEfficiency", roundTripEfficiency),
            decimal("minSocKwh", minSocKwh),
            decimal("stateOfChargeKwh", stateOfChargeKwh),
            "");
    CommunityBattery parameters = checked(battery::battery);
    BigDecimal charge = new BigDecimal(battery.stateOfChargeKwh());
    if (charge.compareTo(parameters.minSocKwh()) < 0
        || charge.compareTo(parameters.capacityKwh()) > 0) {
      throw EnergyError.INVALID_ARGUMENT.refuse(
          "stateOfChargeKwh: "
              + battery.stateOfChargeKwh()
              + " is outside [minSocKwh, capacityKwh] = ["
              + battery.minSocKwh()
              + ", "
              + battery.capacityKwh()
              + "]");
    }
    ChaincodeStub stub = ctx.getStub();
    Optional<Battery> existing = read(stub, EnergyKeys.battery(stub), Battery::fromState);
    if (existing.isPresent()) {
      if (existing.get().sameParameters(battery)) {
        return existing.get();
      }
      throw EnergyError.BATTERY_EXISTS.refuse(
          "battery " + existing.get().batteryId() + " is registered with other parameters");
    }
    if (read(stub, EnergyKeys.household(stub, batteryId), Household::fromState).isPresent()) {
      throw EnergyError.BATTERY_EXISTS.refuse(batteryId + " is a household's id");
    }
    stub.putState(EnergyKeys.battery(stub), battery.toState());
    ChainJson.event(stub, "BatteryRegistered", "batteryId", batteryId);
    return battery;
  }

  /**
   * Records the households' meter readings of {@code slot}. The readings are transient data under
   * {@value #READINGS}: a JSON array of {@code {"household", "importKwh", "exportKwh"}} (register
   * increments over the slot, kWh, at most 3 decimals, not negative), kept in the private
   * collection; the channel gets only their hashes, and the response names the households only. A
   * reading recorded before with the same values is left as it is; with other values it is {@code
   * METER_READING_EXISTS}.
   *
   * @return the households whose readings were recorded or already there, in the order given
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String[] RecordMeterReadings(Context ctx, String slot) {
    ChaincodeStub stub = ctx.getStub();
    operator(ctx, market(stub));
    String slotKey = slot(slot);
    open(stub, slotKey);
    String json = transientReadings(stub);
    JSONArray array;
    try {
      array = new JSONArray(json);
    } catch (JSONException e) {
      throw EnergyError.INVALID_ARGUMENT.refuse(
          "readings: not a JSON array of {\"household\", \"importKwh\", \"exportKwh\"}");
    }
    List<MeterReading> readings = readings("readings", slotKey, array);
    List<MeterReading> fresh = fresh(stub, "readings", slotKey, readings, new HashSet<>());
    for (MeterReading reading : fresh) {
      putReading(stub, reading);
    }
    ChainJson.event(stub, "MeterReadingsRecorded", "slot", slotKey, "households", readings.size());
    return readings.stream().map(MeterReading::householdId).toArray(String[]::new);
  }

  /**
   * Records the meter readings of several slots at once, as {@link #RecordMeterReadings} does for
   * each, with the same checks and the same records: the daily settlement batch, for metering that
   * arrives the next day. The readings are transient data under {@value #READINGS}: a JSON object
   * from slot to that slot's array of readings, at most {@value #MAX_BATCH_SLOTS} slots. Any
   * refusal (a cleared slot, an unknown household, a reading with other values) refuses the whole
   * batch, naming the slot.
   *
   * @return per slot, in slot order, the households whose readings were recorded or already there
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public SlotReadings[] RecordMeterReadingsForSlots(Context ctx) {
    ChaincodeStub stub = ctx.getStub();
    operator(ctx, market(stub));
    JSONObject bySlot;
    try {
      bySlot = new JSONObject(transientReadings(stub));
    } catch (JSONException e) {
      throw EnergyError.INVALID_ARGUMENT.refuse(
          "readings: not a JSON object of slot to an array of {\"household\", \"importKwh\","
              + " \"exportKwh\"}");
    }
    batchSize("readings", bySlot.length(), MAX_BATCH_SLOTS);
    Map<String, List<MeterReading>> readings = new TreeMap<>();
    for (String given : bySlot.keySet()) {
      String slotKey = slot(given);
      String path = "readings." + given;
      if (!(bySlot.get(given) instanceof JSONArray array)) {
        throw EnergyError.INVALID_ARGUMENT.refuse(path + ": not an array of readings");
      }
      if (readings.put(slotKey, readings(path, slotKey, array)) != null) {
        throw EnergyError.INVALID_ARGUMENT.refuse(path + ": slot " + slotKey + " appears twice");
      }
    }
    Set<String> known = new HashSet<>();
    List<MeterReading> fresh = new ArrayList<>();
    for (Map.Entry<String, List<MeterReading>> slot : readings.entrySet()) {
      open(stub, slot.getKey());
      fresh.addAll(fresh(stub, "readings." + slot.getKey(), slot.getKey(), slot.getValue(), known));
    }
    for (MeterReading reading : fresh) {
      putReading(stub, reading);
    }
    ChainJson.event(
        stub,
        "MeterReadingsRecordedForSlots",
        "slots",
        readings.size(),
        "readings",
        readings.values().stream().mapToInt(List::size).sum());
    return readings.entrySet().stream()
        .map(
            e ->
                new SlotReadings(
                    e.getKey(),
                    e.getValue().stream().map(MeterReading::householdId).toArray(String[]::new)))
        .toArray(SlotReadings[]::new);
  }

  /**
   * Clears {@code slot}: the households' orders and the battery's (from its strategy and state) are
   * cleared under the market's rule by contracts-market's {@link SlotMarket}, and settled against
   * the metered positions; households with a reading but no order settle with the utility alone.
   * The result is recorded only if energy and money are conserved ({@code CONSERVATION_FAILED}
   * otherwise); recording it closes the slot. Emits {@value #SLOT_CLEARED}.
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public SlotClearing ClearSlot(Context ctx, String slot) {
    ChaincodeStub stub = ctx.getStub();
    MarketConfig market = operator(ctx, market(stub));
    String slotKey = slot(slot);
    open(stub, slotKey);
    Optional<Battery> battery = read(stub, EnergyKeys.battery(stub), Battery::fromState);
    Cleared cleared = clear(stub, market, market.terms(), slotKey, battery);
    stub.putState(EnergyKeys.clearing(stub, slotKey), cleared.clearing().toState());
    cleared.battery().ifPresent(b -> stub.putState(EnergyKeys.battery(stub), b.toState()));
    SlotClearing clearing = cleared.clearing();
    ChainJson.event(
        stub,
        SLOT_CLEARED,
        "slot",
        slotKey,
        "price",
        clearing.price(),
        "volume",
        clearing.volume(),
        "trades",
        clearing.trades().length,
        "accounts",
        clearing.accounts().length,
        "txId",
        stub.getTxId());
    return clearing;
  }

  /**
   * Clears several slots in one transaction, in slot order whatever the order given, as {@link
   * #ClearSlot} clears each, with the same checks and the same records: the battery's state runs
   * from slot to slot inside the transaction, and the battery is recorded once, as after the last
   * slot. At most {@value #MAX_BATCH_SLOTS} slots, which keeps the write set (a clearing of 56
   * households is about 40 kB) far below a block. Any refusal (a cleared slot, a slot not after the
   * battery's last, conservation failing in one slot) refuses the whole batch, naming the slot.
   * Emits {@value #SLOTS_CLEARED}, not {@value #SLOT_CLEARED} (a transaction has one event).
   *
   * @param slots a JSON array of slot starts, {@code ["2026-06-21T12:00:00Z", …]}
   * @return the slots' clearings, in slot order
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public SlotClearing[] ClearSlots(Context ctx, String slots) {
    ChaincodeStub stub = ctx.getStub();
    MarketConfig market = operator(ctx, market(stub));
    MarketTerms terms = market.terms();
    List<String> slotKeys = slots(slots, MAX_BATCH_SLOTS);
    for (String slotKey : slotKeys) {
      open(stub, slotKey);
    }
    Optional<Battery> battery = read(stub, EnergyKeys.battery(stub), Battery::fromState);
    List<SlotClearing> clearings = new ArrayList<>();
    for (String slotKey : slotKeys) {
      Cleared cleared = clear(stub, market, terms, slotKey, battery);
      clearings.add(cleared.clearing());
      battery = cleared.battery();
    }
    JSONStringer event = new JSONStringer();
    event.object().key("slots").array();
    for (SlotClearing clearing : clearings) {
      stub.putState(EnergyKeys.clearing(stub, clearing.slot()), clearing.toState());
      event
          .object()
          .key("slot")
          .value(clearing.slot())
          .key("price")
          .value(clearing.price())
          .key("volume")
          .value(clearing.volume())
          .key("trades")
          .value(clearing.trades().length)
          .key("accounts")
          .value(clearing.accounts().length)
          .endObject();
    }
    battery.ifPresent(b -> stub.putState(EnergyKeys.battery(stub), b.toState()));
    event.endArray().key("txId").value(stub.getTxId()).endObject();
    stub.setEvent(SLOTS_CLEARED, event.toString().getBytes(StandardCharsets.UTF_8));
    return clearings.toArray(SlotClearing[]::new);
  }

  /**
   * A slot's clearing and the battery after it, both to be recorded.
   *
   * @param battery the battery as recorded after the slot: its state and last slot; empty without a
   *     battery
   */
  private record Cleared(SlotClearing clearing, Optional<Battery> battery) {}

  /**
   * Clears open slot {@code slotKey} with the battery as it stands before the slot, writing
   * nothing: the orders and the battery's go through {@link SlotMarket}, households with a reading
   * but no order settle with the utility alone, and conservation is checked.
   */
  private static Cleared clear(
      ChaincodeStub stub,
      MarketConfig market,
      MarketTerms terms,
      String slotKey,
      Optional<Battery> battery) {
    SlotId slotId = SlotId.parse(slotKey);
    if (battery.isPresent()
        && !battery.get().lastSlot().isEmpty()
        && SlotId.parse(battery.get().lastSlot()).compareTo(slotId) >= 0) {
      throw EnergyError.SLOT_OUT_OF_ORDER.refuse(
          "slot "
              + slotKey
              + " is not after "
              + battery.get().lastSlot()
              + ", the battery's last cleared slot");
    }

    Map<String, HouseholdOrder> orders = orders(stub, slotKey);
    Map<String, MeteredPosition> positions = new TreeMap<>();
    for (MeterReading reading : meterReadings(stub, slotKey)) {
      positions.put(reading.householdId(), position(reading));
    }
    List<MeteredPosition> trading = new ArrayList<>();
    Map<String, PriceLimits> limits = new HashMap<>();
    for (HouseholdOrder order : orders.values()) {
      MeteredPosition position = positions.get(order.participant());
      if (position == null) {
        throw new IllegalStateException(
            "order of " + order.participant() + " in slot " + slotKey + " has no meter reading");
      }
      trading.add(position);
      limits.put(order.participant(), limitsOf(order, terms));
    }
    Optional<SlotMarket.BatteryInSlot> inSlot =
        battery.map(b -> new SlotMarket.BatteryInSlot(b.battery(), b.state()));
    SlotOutcome outcome = SlotMarket.run(slotId, terms, trading, limits, inSlot);
    checkSameOrders(slotKey, orders, outcome);

    List<MeteredPosition> utilityOnly =
        positions.values().stream().filter(p -> !orders.containsKey(p.participant())).toList();
    SlotAccounts others = SlotSettlement.settle(terms, utilityOnly, ClearingResult.empty());
    Conservation conservation = outcome.accounts().conservation();
    if (!conservation.holds() || !others.conservation().holds()) {
      throw EnergyError.CONSERVATION_FAILED.refuse(
          "slot "
              + slotKey
              + ": sold "
              + conservation.soldKwh().toPlainString()
              + " kWh, bought "
              + conservation.boughtKwh().toPlainString()
              + " kWh, buyers paid "
              + conservation.buyersPaid().toPlainString()
              + ", sellers received "
              + conservation.sellersReceived().toPlainString()
              + " + fees "
              + conservation.fees().toPlainString()
              + " + surplus "
              + conservation.mechanismSurplus().toPlainString()
              + ", unbalanced "
              + conservation.unbalanced()
              + others.conservation().unbalanced());
    }

    List<ParticipantAccount> accounts = new ArrayList<>(outcome.accounts().accounts());
    accounts.addAll(others.accounts());
    accounts.sort(Comparator.comparing(ParticipantAccount::participant));
    List<HouseholdOrder> book = new ArrayList<>(orders.values());
    battery
        .flatMap(b -> batteryOrder(slotKey, b.batteryId(), outcome, stub.getTxId()))
        .ifPresent(book::add);
    book.sort(Comparator.comparing(HouseholdOrder::participant));
    ClearingResult result = outcome.clearing();
    SlotClearing clearing =
        new SlotClearing(
            slotKey,
            market.rule() + (market.kappa().isEmpty() ? "" : " kappa=" + market.kappa()),
            result.price().map(BigDecimal::toPlainString).orElse(""),
            result.volume().toPlainString(),
            book.toArray(HouseholdOrder[]::new),
            result.trades().stream().map(SlotTrade::of).toArray(SlotTrade[]::new),
            accounts.stream().map(SlotAccount::of).toArray(SlotAccount[]::new),
            conservation.soldKwh().toPlainString(),
            conservation.boughtKwh().toPlainString(),
            conservation.buyersPaid().toPlainString(),
            conservation.sellersReceived().toPlainString(),
            conservation.fees().toPlainString(),
            conservation.mechanismSurplus().toPlainString(),
            battery.map(Battery::stateOfChargeKwh).orElse(""),
            outcome.batteryAfter().map(s -> s.stateOfChargeKwh().toPlainString()).orElse(""),
            stub.getTxId(),
            stub.getTxTimestamp().toString());

    return new Cleared(
        clearing, battery.map(b -> b.after(slotKey, outcome.batteryAfter().orElse(b.state()))));
  }

  // ---------------------------------------------------------------------------------- residents

  /**
   * Sets the creator's household's standing price limits: the least it sells a surplus for and the
   * most it pays for a deficit, per kWh, grid fee included. Empty text restores the default, the
   * tariff. Bounds: {@code minSellPrice >= feedInTariff}, {@code maxBuyPrice <= retailTariff}
   * ({@code LIMIT_OUT_OF_BOUNDS}).
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public Household SetPriceLimits(
      Context ctx, String householdId, String minSellPrice, String maxBuyPrice) {
    ChaincodeStub stub = ctx.getStub();
    MarketTerms terms = market(stub).terms();
    Household household = acting(ctx, householdId);
    String minSell = optionalDecimal("minSellPrice", minSellPrice);
    String maxBuy = optionalDecimal("maxBuyPrice", maxBuyPrice);
    checkedLimits(terms, minSell, maxBuy);
    Household changed = household.withLimits(minSell, maxBuy);
    stub.putState(EnergyKeys.household(stub, householdId), changed.toState());
    ChainJson.event(stub, "PriceLimitsSet", "householdId", householdId);
    return changed;
  }

  /**
   * Sets the creator's household's price limits for one future slot (one that starts after this
   * transaction's timestamp; {@code SLOT_NOT_IN_FUTURE} otherwise). Empty text keeps the standing
   * limit for that side. Bounds as for {@link #SetPriceLimits}.
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public PriceOverride SetSlotOverride(
      Context ctx, String householdId, String slot, String minSellPrice, String maxBuyPrice) {
    ChaincodeStub stub = ctx.getStub();
    MarketTerms terms = market(stub).terms();
    acting(ctx, householdId);
    String slotKey = slot(slot);
    if (!SlotId.parse(slotKey).start().isAfter(stub.getTxTimestamp())) {
      throw EnergyError.SLOT_NOT_IN_FUTURE.refuse(
          "slot " + slotKey + " began before " + stub.getTxTimestamp());
    }
    PriceOverride override =
        new PriceOverride(
            householdId,
            slotKey,
            optionalDecimal("minSellPrice", minSellPrice),
            optionalDecimal("maxBuyPrice", maxBuyPrice));
    checkedLimits(terms, override.minSellPrice(), override.maxBuyPrice());
    stub.putState(EnergyKeys.override(stub, householdId, slotKey), override.toState());
    ChainJson.event(stub, "SlotOverrideSet", "householdId", householdId, "slot", slotKey);
    return override;
  }

  /**
   * Submits the creator's household's order for {@code slot}: its metered net position (import
   * minus export, read from the private collection) as a bid (deficit) at its maximum buy price or
   * an ask (surplus) at its minimum sell price, the slot's override first, then the standing limit,
   * then the tariff. Refused for a cleared slot ({@code SLOT_CLOSED}), without a reading ({@code
   * METER_READING_MISSING}) and with a zero net ({@code NOTHING_TO_TRADE}). An order, once
   * submitted, is final: submitting again returns it.
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public HouseholdOrder SubmitOrder(Context ctx, String householdId, String slot) {
    ChaincodeStub stub = ctx.getStub();
    MarketTerms terms = market(stub).terms();
    Household household = acting(ctx, householdId);
    SlotId slotId = slotId(slot);
    String slotKey = slotId.toString();
    open(stub, slotKey);
    return switch (order(stub, terms, household, slotId, slotKey)) {
      case SlotOrder.Submitted submitted -> submitted.order();
      case SlotOrder.Skipped skipped -> throw skipped.reason().refuse(skipped.message());
      case SlotOrder.Fresh fresh -> {
        stub.putState(EnergyKeys.order(stub, slotKey, householdId), fresh.order().toState());
        ChainJson.event(
            stub,
            "OrderSubmitted",
            "slot",
            slotKey,
            "householdId",
            householdId,
            "side",
            fresh.order().side(),
            "txId",
            stub.getTxId());
        yield fresh.order();
      }
    };
  }

  /**
   * Submits the creator's household's orders of several slots in one transaction, as {@link
   * #SubmitOrder} does for each, with the same checks and the same records: the daily settlement
   * batch, signed once by the household. A slot without a reading or with a zero net position gets
   * no order and is reported in {@code skipped} rather than refusing the batch; a cleared slot
   * ({@code SLOT_CLOSED}) or a limit outside the bounds refuses the whole batch, naming the slot.
   * Orders submitted before are final and returned as they are. Emits {@code OrdersSubmitted}
   * ({@code householdId}, {@code orders} submitted by this transaction, {@code skipped}, {@code
   * txId}).
   *
   * @param slots a JSON array of slot starts, {@code ["2026-06-21T12:00:00Z", …]}, at most {@value
   *     #MAX_ORDER_SLOTS}
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public OrderBatch SubmitOrders(Context ctx, String householdId, String slots) {
    ChaincodeStub stub = ctx.getStub();
    MarketTerms terms = market(stub).terms();
    Household household = acting(ctx, householdId);
    List<String> slotKeys = slots(slots, MAX_ORDER_SLOTS);
    for (String slotKey : slotKeys) {
      open(stub, slotKey);
    }
    List<HouseholdOrder> orders = new ArrayList<>();
    List<HouseholdOrder> fresh = new ArrayList<>();
    List<SkippedOrder> skipped = new ArrayList<>();
    for (String slotKey : slotKeys) {
      switch (order(stub, terms, household, SlotId.parse(slotKey), slotKey)) {
        case SlotOrder.Submitted submitted -> orders.add(submitted.order());
        case SlotOrder.Skipped skip ->
            skipped.add(new SkippedOrder(slotKey, skip.reason().name(), skip.message()));
        case SlotOrder.Fresh order -> {
          orders.add(order.order());
          fresh.add(order.order());
        }
      }
    }
    for (HouseholdOrder order : fresh) {
      stub.putState(EnergyKeys.order(stub, order.slot(), householdId), order.toState());
    }
    ChainJson.event(
        stub,
        "OrdersSubmitted",
        "householdId",
        householdId,
        "orders",
        fresh.size(),
        "skipped",
        skipped.size(),
        "txId",
        stub.getTxId());
    return new OrderBatch(
        householdId, orders.toArray(HouseholdOrder[]::new), skipped.toArray(SkippedOrder[]::new));
  }

  /** What the household's order of one open slot comes to. */
  private sealed interface SlotOrder {

    /** An order submitted before: final, returned as it is. */
    record Submitted(HouseholdOrder order) implements SlotOrder {}

    /** A new order, to be recorded. */
    record Fresh(HouseholdOrder order) implements SlotOrder {}

    /** No order: no reading ({@code METER_READING_MISSING}) or nothing to trade. */
    record Skipped(EnergyError reason, String message) implements SlotOrder {}
  }

  /**
   * The household's order of open slot {@code slot} ({@code slotKey} its canonical text), writing
   * nothing: its metered net position (import minus export, read from the private collection) at
   * its price limit for the slot.
   *
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code LIMIT_OUT_OF_BOUNDS} if the limit
   *     lies outside the terms' bounds
   */
  private static SlotOrder order(
      ChaincodeStub stub, MarketTerms terms, Household household, SlotId slot, String slotKey) {
    String householdId = household.householdId();
    Optional<HouseholdOrder> submitted =
        read(stub, EnergyKeys.order(stub, slotKey, householdId), HouseholdOrder::fromState);
    if (submitted.isPresent()) {
      return new SlotOrder.Submitted(submitted.get());
    }
    Optional<MeterReading> metered = meterReading(stub, slotKey, householdId);
    if (metered.isEmpty()) {
      return new SlotOrder.Skipped(
          EnergyError.METER_READING_MISSING,
          "household " + householdId + " has no meter reading for slot " + slotKey);
    }
    MeterReading reading = metered.get();
    PriceLimits limits = limits(stub, terms, household, slotKey);
    List<Order> orders;
    try {
      orders =
          SlotMarket.orders(slot, terms, List.of(position(reading)), Map.of(householdId, limits));
    } catch (PriceOutOfBoundsException e) {
      throw EnergyError.LIMIT_OUT_OF_BOUNDS.refuse(
          "household " + householdId + " in slot " + slotKey + ": " + e.getMessage());
    }
    if (orders.isEmpty()) {
      return new SlotOrder.Skipped(
          EnergyError.NOTHING_TO_TRADE,
          "household "
              + householdId
              + " imported as much as it exported in slot "
              + slotKey
              + " ("
              + reading.importKwh()
              + " kWh)");
    }
    Order order = orders.getFirst();
    return new SlotOrder.Fresh(
        new HouseholdOrder(
            slotKey,
            householdId,
            order.side().name(),
            order.price().toPlainString(),
            order.quantity().toPlainString(),
            stub.getTxId()));
  }

  // ---------------------------------------------------------------------------------- queries

  /** The market's terms and operator. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public MarketConfig GetMarket(Context ctx) {
    return market(ctx.getStub());
  }

  /** A household: identity and standing limits. Its own, or anyone's for the operator. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public Household GetHousehold(Context ctx, String householdId) {
    return viewable(ctx, householdId);
  }

  /** The battery and its state of charge. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public Battery GetBattery(Context ctx) {
    ChaincodeStub stub = ctx.getStub();
    return read(stub, EnergyKeys.battery(stub), Battery::fromState)
        .orElseThrow(
            () -> EnergyError.INVALID_ARGUMENT.refuse("the market has no battery registered"));
  }

  /**
   * A household's meter reading of a slot, from the private collection: its own, or anyone's for
   * the operator and the auditor (the collection's other member).
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public MeterReading GetMeterReading(Context ctx, String householdId, String slot) {
    viewable(ctx, householdId);
    String slotKey = slot(slot);
    return meterReading(ctx.getStub(), slotKey, householdId)
        .orElseThrow(
            () ->
                EnergyError.METER_READING_MISSING.refuse(
                    "household " + householdId + " has no meter reading for slot " + slotKey));
  }

  /** The orders of {@code slot} submitted so far, by household id (the battery's is in GetSlot). */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public HouseholdOrder[] GetOrderBook(Context ctx, String slot) {
    return orders(ctx.getStub(), slot(slot)).values().toArray(HouseholdOrder[]::new);
  }

  /** The cleared slot: book, result, accounts and conservation; {@code SLOT_NOT_CLEARED} before. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public SlotClearing GetSlot(Context ctx, String slot) {
    ChaincodeStub stub = ctx.getStub();
    String slotKey = slot(slot);
    return read(stub, EnergyKeys.clearing(stub, slotKey), SlotClearing::fromState)
        .orElseThrow(
            () -> EnergyError.SLOT_NOT_CLEARED.refuse("slot " + slotKey + " is not cleared"));
  }

  /**
   * One household's order, trades and account in {@code slot}: its own, or any for the operator.
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public HouseholdSlot GetHouseholdSlot(Context ctx, String householdId, String slot) {
    viewable(ctx, householdId);
    ChaincodeStub stub = ctx.getStub();
    String slotKey = slot(slot);
    Optional<SlotClearing> clearing =
        read(stub, EnergyKeys.clearing(stub, slotKey), SlotClearing::fromState);
    Optional<HouseholdOrder> order =
        read(stub, EnergyKeys.order(stub, slotKey, householdId), HouseholdOrder::fromState);
    SlotTrade[] trades =
        clearing.stream()
            .flatMap(c -> Arrays.stream(c.trades()))
            .filter(t -> t.involves(householdId))
            .toArray(SlotTrade[]::new);
    SlotAccount[] account =
        clearing.stream()
            .flatMap(c -> Arrays.stream(c.accounts()))
            .filter(a -> a.participant().equals(householdId))
            .toArray(SlotAccount[]::new);
    return new HouseholdSlot(
        householdId,
        slotKey,
        clearing.isPresent(),
        order.stream().toArray(HouseholdOrder[]::new),
        trades,
        account,
        clearing.map(SlotClearing::txId).orElse(""));
  }

  // ---------------------------------------------------------------------------------- checks

  private static MarketConfig market(ChaincodeStub stub) {
    return read(stub, EnergyKeys.market(stub), EnergyMarketContract::parsedMarket)
        .orElseThrow(
            () ->
                EnergyError.MARKET_NOT_CONFIGURED.refuse(
                    "the market has no terms yet; the operator calls ConfigureMarket first"));
  }

  private record ParsedMarket(byte[] state, MarketConfig config) {}

  private static MarketConfig parsedMarket(byte[] state) {
    ParsedMarket last = LAST_MARKET.get();
    if (last != null && Arrays.equals(last.state(), state)) {
      return last.config();
    }
    MarketConfig config = MarketConfig.fromState(state);
    LAST_MARKET.set(new ParsedMarket(state.clone(), config));
    return config;
  }

  /** {@code market}, if the creator is its operator. */
  private static MarketConfig operator(Context ctx, MarketConfig market) {
    ClientIdentity creator = ctx.getClientIdentity();
    if (!creator.getMSPID().equals(market.operatorMsp())
        || !creator.getId().equals(market.operatorId())) {
      throw EnergyError.NOT_OPERATOR.refuse(
          creator.getId() + " of " + creator.getMSPID() + " is not the market's operator");
    }
    return market;
  }

  /** The household {@code householdId}, if the creator is its registered identity. */
  private static Household acting(Context ctx, String householdId) {
    ChaincodeStub stub = ctx.getStub();
    Household household = household(stub, id("householdId", householdId));
    ClientIdentity creator = ctx.getClientIdentity();
    HouseholdIdentity identity = HouseholdIdentity.of(creator.getX509Certificate());
    if (creator.getMSPID().equals(household.mspId())
        && identity.sha256().equals(household.certificateSha256())) {
      return household;
    }
    Optional<String> other = householdOf(stub, identity.sha256());
    if (other.isPresent() && creator.getMSPID().equals(household.mspId())) {
      throw EnergyError.OTHER_HOUSEHOLD.refuse(
          "household " + other.get() + " may not act for household " + householdId);
    }
    throw EnergyError.NOT_A_HOUSEHOLD.refuse(
        identity.subject() + " of " + creator.getMSPID() + " is not household " + householdId);
  }

  /**
   * The household {@code householdId}, if the creator may see it: the household itself, the
   * operator, or an identity of another channel member. Another household is {@code
   * OTHER_HOUSEHOLD}; any other client of the operator's MSP {@code NOT_A_HOUSEHOLD}.
   */
  private static Household viewable(Context ctx, String householdId) {
    ChaincodeStub stub = ctx.getStub();
    MarketConfig market = market(stub);
    Household household = household(stub, id("householdId", householdId));
    ClientIdentity creator = ctx.getClientIdentity();
    if (!creator.getMSPID().equals(market.operatorMsp())
        || creator.getId().equals(market.operatorId())) {
      return household;
    }
    return acting(ctx, householdId);
  }

  private static Household household(ChaincodeStub stub, String householdId) {
    return read(stub, EnergyKeys.household(stub, householdId), Household::fromState)
        .orElseThrow(() -> EnergyError.HOUSEHOLD_NOT_FOUND.refuse("no household " + householdId));
  }

  private static Optional<String> householdOf(ChaincodeStub stub, String certificateSha256) {
    byte[] value = stub.getState(EnergyKeys.householdCertificate(stub, certificateSha256));
    return value == null || value.length == 0
        ? Optional.empty()
        : Optional.of(new String(value, StandardCharsets.UTF_8));
  }

  /** Refuses with {@code SLOT_CLOSED} if {@code slot} is cleared. */
  private static void open(ChaincodeStub stub, String slot) {
    byte[] clearing = stub.getState(EnergyKeys.clearing(stub, slot));
    if (clearing != null && clearing.length > 0) {
      throw EnergyError.SLOT_CLOSED.refuse("slot " + slot + " is cleared");
    }
  }

  /**
   * The household's limits for {@code slot}: per side, the slot's override, else the standing
   * limit, else the tariff.
   */
  private static PriceLimits limits(
      ChaincodeStub stub, MarketTerms terms, Household household, String slot) {
    Optional<PriceOverride> override =
        read(
            stub,
            EnergyKeys.override(stub, household.householdId(), slot),
            PriceOverride::fromState);
    String minSell =
        firstOf(
            override.map(PriceOverride::minSellPrice),
            household.minSellPrice(),
            terms.feedInTariff());
    String maxBuy =
        firstOf(
            override.map(PriceOverride::maxBuyPrice),
            household.maxBuyPrice(),
            terms.retailTariff());
    return new PriceLimits(new BigDecimal(minSell), new BigDecimal(maxBuy));
  }

  private static String firstOf(Optional<String> override, String standing, BigDecimal tariff) {
    if (override.isPresent() && !override.get().isEmpty()) {
      return override.get();
    }
    return standing.isEmpty() ? tariff.toPlainString() : standing;
  }

  /** Checks the limits given (empty = default) against the terms' bounds. */
  private static void checkedLimits(MarketTerms terms, String minSell, String maxBuy) {
    try {
      if (!minSell.isEmpty()) {
        terms.checkLimit(Side.ASK, new BigDecimal(minSell));
      }
      if (!maxBuy.isEmpty()) {
        terms.checkLimit(Side.BID, new BigDecimal(maxBuy));
      }
    } catch (PriceOutOfBoundsException e) {
      throw EnergyError.LIMIT_OUT_OF_BOUNDS.refuse(e.getMessage());
    }
  }

  /**
   * Limits under which {@link SlotMarket} prices {@code order}'s side at the order's price; the
   * other side, unused, is the tariff.
   */
  private static PriceLimits limitsOf(HouseholdOrder order, MarketTerms terms) {
    BigDecimal price = new BigDecimal(order.price());
    return Side.valueOf(order.side()) == Side.ASK
        ? new PriceLimits(price, terms.retailTariff())
        : new PriceLimits(terms.feedInTariff(), price);
  }

  /**
   * Checks that {@link SlotMarket} made from the positions and limits the very orders the
   * households submitted: the submitted order is what each household signed.
   */
  private static void checkSameOrders(
      String slot, Map<String, HouseholdOrder> submitted, SlotOutcome outcome) {
    SlotId slotId = SlotId.parse(slot);
    for (Order order : concat(outcome.bids(), outcome.asks())) {
      HouseholdOrder household = submitted.get(order.participant());
      if (household == null) {
        continue;
      }
      if (!order.id().equals(SlotMarket.orderId(slotId, order.participant()))
          || !order.side().name().equals(household.side())
          || order.price().compareTo(new BigDecimal(household.price())) != 0
          || order.quantity().compareTo(new BigDecimal(household.quantity())) != 0) {
        throw new IllegalStateException(
            "slot " + slot + ": the market made another order for " + order.participant());
      }
    }
  }

  private static Optional<HouseholdOrder> batteryOrder(
      String slot, String batteryId, SlotOutcome outcome, String txId) {
    return concat(outcome.bids(), outcome.asks()).stream()
        .filter(o -> o.participant().equals(batteryId))
        .findFirst()
        .map(
            o ->
                new HouseholdOrder(
                    slot,
                    batteryId,
                    o.side().name(),
                    o.price().toPlainString(),
                    o.quantity().toPlainString(),
                    txId));
  }

  private static List<Order> concat(List<Order> a, List<Order> b) {
    List<Order> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  // ---------------------------------------------------------------------------------- state

  private static Map<String, HouseholdOrder> orders(ChaincodeStub stub, String slot) {
    Map<String, HouseholdOrder> orders = new LinkedHashMap<>();
    try (QueryResultsIterator<KeyValue> entries =
        stub.getStateByPartialCompositeKey(EnergyKeys.orders(stub, slot))) {
      for (KeyValue entry : entries) {
        HouseholdOrder order = HouseholdOrder.fromState(entry.getValue());
        orders.put(order.participant(), order);
      }
    } catch (Exception e) {
      throw closing(e);
    }
    return orders;
  }

  private static List<MeterReading> meterReadings(ChaincodeStub stub, String slot) {
    List<MeterReading> readings = new ArrayList<>();
    try (QueryResultsIterator<KeyValue> entries =
        stub.getPrivateDataByPartialCompositeKey(
            EnergyKeys.METER_COLLECTION, EnergyKeys.meters(stub, slot))) {
      for (KeyValue entry : entries) {
        readings.add(MeterReading.fromState(entry.getValue()));
      }
    } catch (Exception e) {
      throw closing(e);
    }
    return readings;
  }

  private static Optional<MeterReading> meterReading(
      ChaincodeStub stub, String slot, String householdId) {
    byte[] value =
        stub.getPrivateData(EnergyKeys.METER_COLLECTION, EnergyKeys.meter(stub, slot, householdId));
    return value == null || value.length == 0
        ? Optional.empty()
        : Optional.of(MeterReading.fromState(value));
  }

  /** The transient readings of {@link #RecordMeterReadings} and its batch, as text. */
  private static String transientReadings(ChaincodeStub stub) {
    byte[] readings = stub.getTransient().get(READINGS);
    if (readings == null) {
      throw EnergyError.INVALID_ARGUMENT.refuse(
          "readings: the transient data has no '" + READINGS + "' entry");
    }
    return new String(readings, StandardCharsets.UTF_8);
  }

  /**
   * The readings of {@code slot} not recorded yet, after checking every one: its household exists
   * ({@code HOUSEHOLD_NOT_FOUND}), and a reading recorded before has the same values ({@code
   * METER_READING_EXISTS}). {@code known} holds the households found so far in this transaction, so
   * that a batch reads each household once.
   */
  private static List<MeterReading> fresh(
      ChaincodeStub stub,
      String path,
      String slot,
      List<MeterReading> readings,
      Set<String> known) {
    List<MeterReading> fresh = new ArrayList<>();
    for (MeterReading reading : readings) {
      if (!known.contains(reading.householdId())) {
        byte[] household = stub.getState(EnergyKeys.household(stub, reading.householdId()));
        if (household == null || household.length == 0) {
          throw EnergyError.HOUSEHOLD_NOT_FOUND.refuse(
              path + ": no household " + reading.householdId());
        }
        known.add(reading.householdId());
      }
      Optional<MeterReading> recorded = meterReading(stub, slot, reading.householdId());
      if (recorded.isEmpty()) {
        fresh.add(reading);
      } else if (!sameValues(recorded.get(), reading)) {
        throw EnergyError.METER_READING_EXISTS.refuse(
            "household "
                + reading.householdId()
                + " has a reading for slot "
                + slot
                + " with other values");
      }
    }
    return fresh;
  }

  private static void putReading(ChaincodeStub stub, MeterReading reading) {
    stub.putPrivateData(
        EnergyKeys.METER_COLLECTION,
        EnergyKeys.meter(stub, reading.slot(), reading.householdId()),
        reading.toState());
  }

  private static MeteredPosition position(MeterReading reading) {
    return new MeteredPosition(
        reading.householdId(),
        new BigDecimal(reading.importKwh()),
        new BigDecimal(reading.exportKwh()));
  }

  private static boolean sameValues(MeterReading a, MeterReading b) {
    return new BigDecimal(a.importKwh()).compareTo(new BigDecimal(b.importKwh())) == 0
        && new BigDecimal(a.exportKwh()).compareTo(new BigDecimal(b.exportKwh())) == 0;
  }

  private static <T> Optional<T> read(ChaincodeStub stub, String key, Function<byte[], T> parse) {
    byte[] value = stub.getState(key);
    return value == null || value.length == 0 ? Optional.empty() : Optional.of(parse.apply(value));
  }

  // ---------------------------------------------------------------------------------- arguments

  /**
   * The readings at {@code path}, checked: one per household, kWh not negative, at most 3 decimals.
   */
  private static List<MeterReading> readings(String path, String slot, JSONArray array) {
    if (array.isEmpty()) {
      throw EnergyError.INVALID_ARGUMENT.refuse(path + ": at least one reading");
    }
    List<MeterReading> readings = new ArrayList<>(array.length());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < array.length(); i++) {
      String at = path + "[" + i + "]";
      if (!(array.opt(i) instanceof JSONObject reading)) {
        throw EnergyError.INVALID_ARGUMENT.refuse(at + ": not an object");
      }
      String household = reading.opt("household") instanceof String s ? s : null;
      id(at + ".household", household);
      if (!seen.add(household)) {
        throw EnergyError.INVALID_ARGUMENT.refuse(
            at + ".household: " + household + " appears twice");
      }
      MeteredPosition position =
          checkedAt(
              at,
              () ->
                  new MeteredPosition(
                      household,
                      kwh(at + ".importKwh", reading.opt("importKwh")),
                      kwh(at + ".exportKwh", reading.opt("exportKwh"))));
      readings.add(
          new MeterReading(
              household,
              slot,
              position.importKwh().toPlainString(),
              position.exportKwh().toPlainString()));
    }
    return readings;
  }

  /** The batch's number of slots, checked: at least one, at most {@code max}. */
  private static void batchSize(String name, int slots, int max) {
    if (slots == 0 || slots > max) {
      throw EnergyError.INVALID_ARGUMENT.refuse(
          name + ": from 1 to " + max + " slots in one transaction, not " + slots);
    }
  }

  /**
   * The slots argument of a batch: a JSON array of slot starts, each canonical and at most once, in
   * slot order whatever the order given.
   */
  private static List<String> slots(String json, int max) {
    JSONArray array;
    try {
      array = new JSONArray(json == null ? "" : json);
    } catch (JSONException e) {
      throw EnergyError.INVALID_ARGUMENT.refuse(
          "slots: a JSON array of slot starts (\"2026-06-21T12:00:00Z\"), not " + json);
    }
    batchSize("slots", array.length(), max);
    Set<String> slots = new java.util.TreeSet<>();
    for (int i = 0; i < array.length(); i++) {
      String slot = slot(array.opt(i) instanceof String text ? text : String.valueOf(array.opt(i)));
      if (!slots.add(slot)) {
        throw EnergyError.INVALID_ARGUMENT.refuse("slots[" + i + "]: " + slot + " appears twice");
      }
    }
    return List.copyOf(slots);
  }

  /**
   * A register increment as given, a decimal string or number; its range and scale are {@link
   * MeteredPosition}'s to check.
   */
  private static BigDecimal kwh(String path, Object value) {
    try {
      if (value instanceof String || value instanceof Number) {
        return new BigDecimal(value.toString());
      }
    } catch (NumberFormatException e) {
      // refused below, naming the path
    }
    throw EnergyError.INVALID_ARGUMENT.refuse(path + ": a decimal number of kWh, not " + value);
  }

  /** {@code text} as a canonical slot start, {@link SlotId#toString()}. */
  private static String slot(String text) {
    return slotId(text).toString();
  }

  /** {@code text} as a slot. */
  private static SlotId slotId(String text) {
    try {
      return SlotId.parse(text == null ? "" : text);
    } catch (IllegalArgumentException e) {
      throw EnergyError.INVALID_ARGUMENT.refuse(
          "slot: the ISO-8601 UTC start of a 15-minute slot, not " + text);
    }
  }

  /** A decimal argument, at least 0, in plain notation. */
  private static String decimal(String name, String text) {
    BigDecimal value;
    try {
      value = new BigDecimal(text == null ? "" : text);
    } catch (NumberFormatException e) {
      throw EnergyError.INVALID_ARGUMENT.refuse(name + ": a decimal number, not " + text);
    }
    if (value.signum() < 0) {
      throw EnergyError.INVALID_ARGUMENT.refuse(name + ": must not be negative, not " + text);
    }
    return value.toPlainString();
  }

  private static String optionalDecimal(String name, String text) {
    return text == null || text.isEmpty() ? "" : decimal(name, text);
  }

  private static String id(String name, String id) {
    return checked(() -> Arguments.id(name, id));
  }

  /** {@code check}'s result, or its {@link IllegalArgumentException} as an INVALID_ARGUMENT. */
  private static <T> T checked(Supplier<T> check) {
    try {
      return check.get();
    } catch (IllegalArgumentException e) {
      throw EnergyError.INVALID_ARGUMENT.refuse(e.getMessage());
    }
  }

  /**
   * {@code check}'s result, or its {@link IllegalArgumentException} as an INVALID_ARGUMENT at
   * {@code path}.
   */
  private static <T> T checkedAt(String path, Supplier<T> check) {
    try {
      return check.get();
    } catch (IllegalArgumentException e) {
      throw EnergyError.INVALID_ARGUMENT.refuse(path + ": " + e.getMessage());
    }
  }

  /** {@code QueryResultsIterator.close} is declared to throw Exception. */
  private static RuntimeException closing(Exception e) {
    return e instanceof RuntimeException runtime
        ? runtime
        : new IllegalStateException("closing a query failed", e);
  }
}
