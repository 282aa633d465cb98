package io.twinledger.service.market;

import io.twinledger.contracts.energy.Battery;
import io.twinledger.contracts.energy.EnergyMarketContract;
import io.twinledger.contracts.energy.Household;
import io.twinledger.contracts.energy.HouseholdOrder;
import io.twinledger.contracts.energy.HouseholdSlot;
import io.twinledger.contracts.energy.MarketConfig;
import io.twinledger.contracts.energy.MeterReading;
import io.twinledger.contracts.energy.OrderBatch;
import io.twinledger.contracts.energy.SlotClearing;
import io.twinledger.contracts.energy.SlotReadings;
import io.twinledger.ledger.gateway.ChaincodeRefusal;
import io.twinledger.ledger.gateway.TransactionLogContext;
import io.twinledger.market.settlement.MeteredPosition;
import io.twinledger.market.slot.SlotId;
import io.twinledger.network.msp.MspIdentity;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import tools.jackson.databind.json.JsonMapper;

/**
 * The energy market on the ledger, through the Fabric Gateway: the operator's calls signed with the
 * Energy Community's client identity, and each household's signed with that household's own client
 * identity (the service holds the households' keys in embedded mode and signs for them; docs say
 * so). Refusals of the {@code EnergyMarketContract} come back as {@link MarketRefusal}s with its
 * error code.
 */
public final class EnergyMarketLedger {

  private static final String CONTRACT = "EnergyMarketContract:";

  private final Network network;
  private final Contract operator;
  private final Function<String, Contract> households;
  private final JsonMapper json;

  /**
   * @param network the energy channel, as the community operator
   * @param operator the contract as the community operator
   * @param households the contract as the household of the given id
   */
  public EnergyMarketLedger(
      Network network, Contract operator, Function<String, Contract> households, JsonMapper json) {
    this.network = network;
    this.operator = operator;
    this.households = households;
    this.json = json;
  }

  /** A transaction committed with its result. */
  public record Committed<T>(T value, String txId, long blockNumber) {}

  /** The market's terms, if the operator has set them. */
  public Optional<MarketConfig> market() {
    return optional(() -> evaluate(operator, "GetMarket", MarketConfig.class));
  }

  /** Sets the market's terms; the first call makes the operator's identity the operator. */
  public MarketConfig configure(MarketProperties.Terms terms) {
    String kappa = "uniform".equals(terms.rule()) ? terms.kappa().toPlainString() : "";
    return submit(
            operator,
            "ConfigureMarket",
            Map.of(),
            MarketConfig.class,
            terms.rule(),
            kappa,
            terms.gridFee().toPlainString(),
            terms.feedInTariff().toPlainString(),
            terms.retailTariff().toPlainString(),
            terms.currency())
        .value();
  }

  /** Registers a household with the client identity that signs for it. */
  public Household register(String household, MspIdentity identity) {
    return submit(
            operator, "RegisterHousehold", Map.of(), Household.class, household, pem(identity))
        .value();
  }

  /** Registers the community battery (again with the same parameters: no change). */
  public Battery registerBattery(MarketProperties.BatteryEntry battery) {
    return submit(
            operator,
            "RegisterBattery",
            Map.of(),
            Battery.class,
            battery.id(),
            battery.capacityKwh().toPlainString(),
            battery.powerKw().toPlainString(),
            battery.roundTripEfficiency().toPlainString(),
            battery.minSocKwh().toPlainString(),
            battery.initialKwh().toPlainString())
        .value();
  }

  /**
   * Records a slot's meter readings in the private collection (the channel gets their hashes only):
   * they travel as transient data, never in the transaction.
   */
  public void recordReadings(SlotId slot, List<MeteredPosition> positions) {
    submit(
        operator,
        "RecordMeterReadings",
        Map.of(EnergyMarketContract.READINGS, readings(positions).getBytes(StandardCharsets.UTF_8)),
        String[].class,
        slot.toString());
  }

  /**
   * Records the meter readings of several slots in one transaction (the daily settlement batch), at
   * most {@value EnergyMarketContract#MAX_BATCH_SLOTS} slots; as private data, like {@link
   * #recordReadings}.
   */
  public void recordReadings(Map<SlotId, List<MeteredPosition>> bySlot) {
    StringBuilder readings = new StringBuilder("{");
    for (Map.Entry<SlotId, List<MeteredPosition>> slot : bySlot.entrySet()) {
      if (readings.length() > 1) {
        readings.append(',');
      }
      readings.append('"').append(slot.getKey()).append("\":").append(readings(slot.getValue()));
    }
    readings.append('}');
    submit(
        operator,
        "RecordMeterReadingsForSlots",
        Map.of(EnergyMarketContract.READINGS, readings.toString().getBytes(StandardCharsets.UTF_8)),
        SlotReadings[].class);
  }

  /** A slot's readings as the contract takes them: {@code [{"household", "importKwh", …}]}. */
  private String readings(List<MeteredPosition> positions) {
    StringBuilder readings = new StringBuilder("[");
    for (MeteredPosition position : positions) {
      if (readings.length() > 1) {
        readings.append(',');
      }
      readings
          .append("{\"household\":")
          .append(json.writeValueAsString(position.participant()))
          .append(",\"importKwh\":\"")
          .append(position.importKwh().toPlainString())
          .append("\",\"exportKwh\":\"")
          .append(position.exportKwh().toPlainString())
          .append("\"}");
    }
    return readings.append(']').toString();
  }

  /**
   * Submits a household's orders of several slots in one transaction signed by the household, at
   * most {@value EnergyMarketContract#MAX_ORDER_SLOTS}; slots without a position are skipped.
   */
  public OrderBatch submitOrders(String household, List<SlotId> slots) {
    return submit(
            households.apply(household),
            "SubmitOrders",
            Map.of(),
            OrderBatch.class,
            household,
            json.writeValueAsString(slots.stream().map(SlotId::toString).toList()))
        .value();
  }

  /**
   * Clears several slots in one transaction, in slot order, at most {@value
   * EnergyMarketContract#MAX_BATCH_SLOTS}; the result names its transaction and block.
   */
  public Committed<SlotClearing[]> clear(List<SlotId> slots) {
    return submit(
        operator,
        "ClearSlots",
        Map.of(),
        SlotClearing[].class,
        json.writeValueAsString(slots.stream().map(SlotId::toString).toList()));
  }

  /** Submits a household's order for a slot, signed by the household. */
  public HouseholdOrder submitOrder(String household, SlotId slot) {
    return submit(
            households.apply(household),
            "SubmitOrder",
            Map.of(),
            HouseholdOrder.class,
            household,
            slot.toString())
        .value();
  }

  /** Clears a slot; the result names its transaction, and its block. */
  public Committed<SlotClearing> clear(SlotId slot) {
    return submit(operator, "ClearSlot", Map.of(), SlotClearing.class, slot.toString());
  }

  /**
   * The block of the transaction that cleared {@code slot}, from the contract's {@value
   * EnergyMarketContract#SLOT_CLEARED} and {@value EnergyMarketContract#SLOTS_CLEARED} events from
   * block {@code fromBlock} on; for a slot the ledger cleared but the service did not record (it
   * stopped in between).
   */
  public long clearedIn(SlotId slot, long fromBlock) {
    try (CloseableIterator<ChaincodeEvent> events =
        network
            .newChaincodeEventsRequest(operator.getChaincodeName())
            .startBlock(fromBlock)
            .build()
            .getEvents()) {
      while (events.hasNext()) {
        ChaincodeEvent event = events.next();
        if (event.getEventName().equals(EnergyMarketContract.SLOT_CLEARED)
            && slot.toString().equals(json.readTree(event.getPayload()).path("slot").asString())) {
          return event.getBlockNumber();
        }
      }
    }
    throw new IllegalStateException("No SlotCleared event of slot " + slot);
  }

  /** A cleared slot as the ledger holds it. */
  public Optional<SlotClearing> slot(SlotId slot) {
    return optional(() -> evaluate(operator, "GetSlot", SlotClearing.class, slot.toString()));
  }

  /** A household as the ledger holds it, read by the household itself. */
  public Household household(String household) {
    return evaluate(households.apply(household), "GetHousehold", Household.class, household);
  }

  /** One household's order, trades and account of a slot, read by the household itself. */
  public HouseholdSlot householdSlot(String household, SlotId slot) {
    return evaluate(
        households.apply(household),
        "GetHouseholdSlot",
        HouseholdSlot.class,
        household,
        slot.toString());
  }

  /** A household's meter reading of a slot, from the private collection, read by the operator. */
  public Optional<MeterReading> meterReading(String household, SlotId slot) {
    return optional(
        () ->
            evaluate(operator, "GetMeterReading", MeterReading.class, household, slot.toString()));
  }

  /** The battery and its state of charge, if the market has one. */
  public Optional<Battery> battery() {
    return optional(() -> evaluate(operator, "GetBattery", Battery.class));
  }

  /**
   * Sets a household's standing price limits, signed by the household; a blank limit restores the
   * tariff.
   */
  public Household setLimits(
      String household, Optional<BigDecimal> minSellPrice, Optional<BigDecimal> maxBuyPrice) {
    return submit(
            households.apply(household),
            "SetPriceLimits",
            Map.of(),
            Household.class,
            household,
            minSellPrice.map(BigDecimal::toPlainString).orElse(""),
            maxBuyPrice.map(BigDecimal::toPlainString).orElse(""))
        .value();
  }

  /** Sets a household's limits for one future slot, signed by the household. */
  public void setOverride(
      String household,
      SlotId slot,
      Optional<BigDecimal> minSellPrice,
      Optional<BigDecimal> maxBuyPrice) {
    submit(
        households.apply(household),
        "SetSlotOverride",
        Map.of(),
        Object.class,
        household,
        slot.toString(),
        minSellPrice.map(BigDecimal::toPlainString).orElse(""),
        maxBuyPrice.map(BigDecimal::toPlainString).orElse(""));
  }

  private <T> Committed<T> submit(
      Contract contract,
      String function,
      Map<String, byte[]> transientData,
      Class<T> type,
      String... args) {
    Proposal proposal =
        contract
            .newProposal(CONTRACT + function)
            .addArguments(args)
            .putAllTransient(transientData)
            .build();
    // What is logged while the transaction is under way carries its id.
    try (var tx = TransactionLogContext.of(proposal.getTransactionId())) {
      SubmittedTransaction submitted = proposal.endorse().submitAsync();
      Status status = submitted.getStatus();
      if (!status.isSuccessful()) {
        throw new IllegalStateException(
            function
                + " was not committed: "
                + status.getCode()
                + " in block "
                + status.getBlockNumber()
                + " (transaction "
                + status.getTransactionId()
                + ")");
      }
      return new Committed<>(
          json.readValue(submitted.getResult(), type),
          status.getTransactionId(),
          status.getBlockNumber());
    } catch (EndorseException | SubmitException | CommitStatusException e) {
      throw refusal(e, function);
    }
  }

  private <T> T evaluate(Contract contract, String function, Class<T> type, String... args) {
    try {
      return json.readValue(contract.evaluateTransaction(CONTRACT + function, args), type);
    } catch (GatewayException e) {
      throw refusal(e, function);
    }
  }

  /** The value, or empty where the contract answers that there is none. */
  private static <T> Optional<T> optional(Supplier<T> read) {
    try {
      return Optional.of(read.get());
    } catch (MarketRefusal refusal) {
      boolean none =
          switch (refusal.code()) {
            case "HOUSEHOLD_NOT_FOUND",
                "MARKET_NOT_CONFIGURED",
                "SLOT_NOT_CLEARED",
                "METER_READING_MISSING" ->
                true;
            case "INVALID_ARGUMENT" -> refusal.getMessage().contains("no battery");
            default -> false;
          };
      if (none) {
        return Optional.empty();
      }
      throw refusal;
    }
  }

  private static RuntimeException refusal(GatewayException e, String function) {
    return ChaincodeRefusal.in(e)
        .<RuntimeException>map(r -> new MarketRefusal(r.code(), r.message()))
        .orElseGet(
            () ->
                new IllegalStateException(
                    function + " failed: " + ChaincodeRefusal.describe(e), e));
  }

  private static String pem(MspIdentity identity) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(identity.certificate().getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("Cannot encode the certificate of " + identity.mspId(), e);
    }
  }
}
