package io.twinledger.contracts.energy;

import static io.twinledger.contracts.energy.EnergyMarketPeer.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.twinledger.network.msp.MspIdentity;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.protos.common.Block;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EnergyMarketContract} on the embedded peer of channel {@code energy-market}, configured
 * from the consortium, through the real Fabric Gateway client. The operator is the Energy
 * Community's client; each household signs its own limits and orders with its named client.
 *
 * <p>Terms: uniform price, kappa 1/2, no grid fee, feed-in 80 and retail 160 KRW/kWh (other tests
 * change the fee and put it back). The battery comes last, in slots after every other test's,
 * because the battery's slots clear in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnergyMarketContractTest {

  private static final String WORKED_SLOT = "2026-06-21T10:00:00Z";

  @TempDir static Path data;

  private static EnergyMarketPeer fixture;
  private static Contract operator;

  @BeforeAll
  static void market() throws Exception {
    fixture = new EnergyMarketPeer(data, EnergyMarketPeer.QUICK_BLOCKS);
    operator = fixture.contract(fixture.operator());
    operator.submitTransaction("ConfigureMarket", "uniform", "0.5", "0", "80", "160", "KRW");
    for (int i = 1; i <= 16; i++) {
      String household = household(i);
      operator.submitTransaction("RegisterHousehold", household, pem(fixture.household(household)));
    }
  }

  @AfterAll
  static void stop() throws InterruptedException {
    fixture.close();
  }

  @Test
  @Order(1)
  void theWorkedExampleClearsOnChainAt115For1Point3Kwh() throws Exception {
    // Bids 150 for 0.6, 130 for 0.7, 110 for 0.9; asks 90 for 0.8, 100 for 0.5, 120 for 1.0.
    String[][] book = {
      {"01", "", "150", "0.6", "0"},
      {"02", "", "130", "0.7", "0"},
      {"03", "", "110", "0.9", "0"},
      {"04", "90", "", "0", "0.8"},
      {"05", "100", "", "0", "0.5"},
      {"06", "120", "", "0", "1.0"}
    };
    JSONArray readings = new JSONArray();
    for (String[] row : book) {
      String household = "household-" + row[0];
      as(household).submitTransaction("SetPriceLimits", household, row[1], row[2]);
      readings.put(reading(household, row[3], row[4]));
    }
    readings.put(reading("household-07", "0.25", "0"));
    recordReadings(WORKED_SLOT, readings);
    for (String[] row : book) {
      String household = "household-" + row[0];
      as(household).submitTransaction("SubmitOrder", household, WORKED_SLOT);
    }

    SubmittedTransaction clearing =
        operator.newProposal("ClearSlot").addArguments(WORKED_SLOT).build().endorse().submitAsync();
    Status status = clearing.getStatus();
    assertThat(status.isSuccessful()).isTrue();
    JSONObject cleared = json(clearing.getResult());
    ChaincodeEvent event = slotCleared(status.getBlockNumber());
    assertThat(event.getTransactionId()).isEqualTo(status.getTransactionId());
    JSONObject payload = new JSONObject(new String(event.getPayload(), StandardCharsets.UTF_8));
    assertThat(payload.getString("slot")).isEqualTo(WORKED_SLOT);
    assertThat(payload.getString("price")).isEqualTo("115");
    assertThat(payload.getInt("accounts")).isEqualTo(7);

    assertThat(cleared.getString("price")).isEqualTo("115");
    assertThat(new BigDecimal(cleared.getString("volume"))).isEqualByComparingTo("1.3");
    assertConserved(cleared);
    JSONArray accounts = cleared.getJSONArray("accounts");
    assertThat(accounts.length())
        .as("six traders and household-07, who settles alone")
        .isEqualTo(7);
    JSONObject seller = account(cleared, "household-04");
    assertThat(new BigDecimal(seller.getString("soldKwh"))).isEqualByComparingTo("0.8");
    assertThat(new BigDecimal(seller.getString("soldAmount"))).isEqualByComparingTo("92");
    JSONObject alone = account(cleared, "household-07");
    assertThat(new BigDecimal(alone.getString("utilityImportAmount"))).isEqualByComparingTo("40");
    assertThat(new BigDecimal(alone.getString("savings"))).isZero();
    assertThat(json(operator.evaluateTransaction("GetSlot", WORKED_SLOT)).similar(cleared))
        .isTrue();

    JSONObject mine =
        json(
            as("household-01")
                .evaluateTransaction("GetHouseholdSlot", "household-01", WORKED_SLOT));
    assertThat(mine.getBoolean("cleared")).isTrue();
    assertThat(mine.getJSONArray("order").getJSONObject(0).getString("side")).isEqualTo("BID");
    assertThat(mine.getJSONArray("order").getJSONObject(0).getString("price")).isEqualTo("150");
    assertThat(mine.getJSONArray("trades").length()).isPositive();
    assertThat(
            new BigDecimal(mine.getJSONArray("account").getJSONObject(0).getString("boughtAmount")))
        .isEqualByComparingTo("69");
    assertThat(mine.getString("clearingTxId")).isEqualTo(cleared.getString("txId"));
  }

  @Test
  @Order(2)
  void everyClearedSlotConservesEnergyAndMoney() throws Exception {
    operator.submitTransaction("ConfigureMarket", "uniform", "0.5", "7.5", "80", "160", "KRW");
    try {
      Random random = new Random(17);
      List<String> households = List.of(household(8), household(9), household(10), household(11));
      for (int slot = 0; slot < 6; slot++) {
        String start = "2026-06-22T1%d:%02d:00Z".formatted(slot / 4, 15 * (slot % 4));
        JSONArray readings = new JSONArray();
        List<String> withPosition = new ArrayList<>();
        for (String household : households) {
          String in = kwh(random);
          String out = kwh(random);
          readings.put(reading(household, in, out));
          if (new BigDecimal(in).compareTo(new BigDecimal(out)) != 0) {
            withPosition.add(household);
          }
        }
        recordReadings(start, readings);
        for (String household : withPosition) {
          as(household).submitTransaction("SubmitOrder", household, start);
        }
        JSONObject cleared = json(operator.submitTransaction("ClearSlot", start));
        assertConserved(cleared);
        assertThat(cleared.getJSONArray("accounts").length()).isEqualTo(households.size());
      }
    } finally {
      operator.submitTransaction("ConfigureMarket", "uniform", "0.5", "0", "80", "160", "KRW");
    }
  }

  @Test
  @Order(3)
  void aHouseholdMayNotOrderForAnother() throws Exception {
    String slot = "2026-06-23T08:00:00Z";
    recordReadings(slot, new JSONArray().put(reading("household-12", "0.4", "0")));

    assertThat(
            refusal(
                () -> as("household-13").submitTransaction("SubmitOrder", "household-12", slot)))
        .isEqualTo("OTHER_HOUSEHOLD");
    assertThat(
            refusal(
                () ->
                    as("household-13")
                        .submitTransaction("SetPriceLimits", "household-12", "", "100")))
        .isEqualTo("OTHER_HOUSEHOLD");
    assertThat(
            refusal(
                () ->
                    as("household-13")
                        .evaluateTransaction("GetMeterReading", "household-12", slot)))
        .isEqualTo("OTHER_HOUSEHOLD");
    assertThat(operator.evaluateTransaction("GetOrderBook", slot)).asString().isEqualTo("[]");
    assertThat(
            json(operator.evaluateTransaction("GetHousehold", "household-12"))
                .getString("maxBuyPrice"))
        .isEmpty();

    JSONObject order =
        json(as("household-12").submitTransaction("SubmitOrder", "household-12", slot));
    assertThat(order.getString("side")).isEqualTo("BID");
    assertThat(order.getString("price")).isEqualTo("160");
    assertThat(order.getString("quantity")).isEqualTo("0.400");
    assertThat(
            json(as("household-12").submitTransaction("SubmitOrder", "household-12", slot))
                .similar(order))
        .as("an order is final: submitting again returns it")
        .isTrue();
  }

  @Test
  @Order(4)
  void clientsThatAreNoHouseholdAreRefused() throws Exception {
    String slot = "2026-06-23T09:00:00Z";
    recordReadings(slot, new JSONArray().put(reading("household-14", "0", "0.3")));
    Contract stranger = fixture.contract(fixture.household("not-registered"));
    Contract city = fixture.contract(fixture.client("CityFinanceMSP"));

    assertThat(refusal(() -> stranger.submitTransaction("SubmitOrder", "household-14", slot)))
        .isEqualTo("NOT_A_HOUSEHOLD");
    assertThat(refusal(() -> city.submitTransaction("SubmitOrder", "household-14", slot)))
        .isEqualTo("NOT_A_HOUSEHOLD");
    assertThat(refusal(() -> stranger.evaluateTransaction("GetHousehold", "household-14")))
        .isEqualTo("NOT_A_HOUSEHOLD");
    assertThat(refusal(() -> as("household-14").submitTransaction("ClearSlot", slot)))
        .isEqualTo("NOT_OPERATOR");
    assertThat(
            refusal(
                () ->
                    stranger.submitTransaction(
                        "ConfigureMarket", "uniform", "1", "0", "0", "1000", "KRW")))
        .isEqualTo("NOT_OPERATOR");
    assertThat(
            refusal(
                () ->
                    stranger.submitTransaction(
                        "RegisterHousehold", "h-x", pem(fixture.household("not-registered")))))
        .isEqualTo("NOT_OPERATOR");
    assertThat(operator.evaluateTransaction("GetOrderBook", slot)).asString().isEqualTo("[]");
    assertThat(json(operator.evaluateTransaction("GetMarket")).getString("retailTariff"))
        .isEqualTo("160");
    assertThat(
            refusal(
                () ->
                    operator.submitTransaction(
                        "RegisterHousehold",
                        "household-99",
                        pem(fixture.household("household-01")))))
        .as("one certificate, one household")
        .isEqualTo("HOUSEHOLD_EXISTS");
  }

  @Test
  @Order(5)
  void aClosedSlotTakesNoOrdersReadingsOrSecondClearing() throws Exception {
    String slot = "2026-06-23T10:00:00Z";
    recordReadings(
        slot,
        new JSONArray()
            .put(reading("household-15", "0.5", "0"))
            .put(reading("household-16", "0", "0.5")));
    as("household-15").submitTransaction("SubmitOrder", "household-15", slot);
    operator.submitTransaction("ClearSlot", slot);
    long height = fixture.peer().channel("energy-market").height();

    assertThat(
            refusal(
                () -> as("household-16").submitTransaction("SubmitOrder", "household-16", slot)))
        .isEqualTo("SLOT_CLOSED");
    assertThat(refusal(() -> operator.submitTransaction("ClearSlot", slot)))
        .isEqualTo("SLOT_CLOSED");
    assertThat(
            refusal(
                () ->
                    operator
                        .newProposal("RecordMeterReadings")
                        .addArguments(slot)
                        .putTransient(
                            EnergyMarketContract.READINGS,
                            new JSONArray().put(reading("household-01", "1", "0")).toString())
                        .build()
                        .endorse()
                        .submit()))
        .isEqualTo("SLOT_CLOSED");
    assertThat(fixture.peer().channel("energy-market").height())
        .as("refusals commit nothing")
        .isEqualTo(height);
    JSONObject cleared = json(operator.evaluateTransaction("GetSlot", slot));
    assertThat(cleared.getJSONArray("orders").length()).isEqualTo(1);
    assertThat(new BigDecimal(account(cleared, "household-16").getString("utilityExportKwh")))
        .isEqualByComparingTo("0.5");
  }

  @Test
  @Order(6)
  void limitsOutsideTheTariffBoundsAreRefused() throws Exception {
    Contract household = as("household-09");
    JSONObject before = json(operator.evaluateTransaction("GetHousehold", "household-09"));

    assertThat(
            refusal(
                () -> household.submitTransaction("SetPriceLimits", "household-09", "79.99", "")))
        .isEqualTo("LIMIT_OUT_OF_BOUNDS");
    assertThat(
            refusal(
                () -> household.submitTransaction("SetPriceLimits", "household-09", "", "160.01")))
        .isEqualTo("LIMIT_OUT_OF_BOUNDS");
    assertThat(
            refusal(
                () ->
                    household.submitTransaction(
                        "SetSlotOverride", "household-09", "2030-01-01T12:00:00Z", "", "161")))
        .isEqualTo("LIMIT_OUT_OF_BOUNDS");
    assertThat(
            refusal(() -> household.submitTransaction("SetPriceLimits", "household-09", "-1", "")))
        .isEqualTo("INVALID_ARGUMENT");
    assertThat(json(operator.evaluateTransaction("GetHousehold", "household-09")).similar(before))
        .isTrue();

    JSONObject limits =
        json(household.submitTransaction("SetPriceLimits", "household-09", "80", "160"));
    assertThat(limits.getString("minSellPrice")).isEqualTo("80");
    assertThat(limits.getString("maxBuyPrice")).isEqualTo("160");
  }

  @Test
  @Order(7)
  void aSlotOverrideIsForFutureSlotsAndPricesThatSlotsOrder() throws Exception {
    String future = "2030-01-01T12:00:00Z";
    Contract household = as("household-10");

    assertThat(
            refusal(
                () ->
                    household.submitTransaction(
                        "SetSlotOverride", "household-10", "2026-06-21T10:00:00Z", "95", "")))
        .isEqualTo("SLOT_NOT_IN_FUTURE");
    household.submitTransaction("SetSlotOverride", "household-10", future, "95", "");
    recordReadings(future, new JSONArray().put(reading("household-10", "0.1", "0.6")));

    JSONObject order = json(household.submitTransaction("SubmitOrder", "household-10", future));

    assertThat(order.getString("side")).isEqualTo("ASK");
    assertThat(order.getString("price")).isEqualTo("95");
    assertThat(order.getString("quantity")).isEqualTo("0.500");
  }

  @Test
  @Order(8)
  void badMeterReadingsRecordNothing() throws Exception {
    String slot = "2026-06-24T10:00:00Z";

    assertThat(
            refusal(
                () ->
                    recordReadings(
                        slot,
                        new JSONArray()
                            .put(reading("household-11", "0.2", "0"))
                            .put(reading("household-77", "0.2", "0")))))
        .isEqualTo("HOUSEHOLD_NOT_FOUND");
    assertThat(
            refusal(
                () ->
                    recordReadings(
                        slot,
                        new JSONArray()
                            .put(reading("household-11", "0.2", "0"))
                            .put(reading("household-12", "-0.1", "0")))))
        .isEqualTo("INVALID_ARGUMENT");
    assertThat(
            refusal(
                () ->
                    recordReadings(
                        slot, new JSONArray().put(reading("household-11", "0.0001", "0")))))
        .isEqualTo("INVALID_ARGUMENT");
    assertThat(refusal(() -> as("household-11").submitTransaction("RecordMeterReadings", slot)))
        .isEqualTo("NOT_OPERATOR");
    assertThat(
            refusal(
                () ->
                    as("household-11")
                        .evaluateTransaction("GetMeterReading", "household-11", slot)))
        .isEqualTo("METER_READING_MISSING");
    assertThat(
            refusal(
                () -> as("household-11").submitTransaction("SubmitOrder", "household-11", slot)))
        .isEqualTo("METER_READING_MISSING");

    recordReadings(slot, new JSONArray().put(reading("household-11", "0.2", "0")));
    assertThat(
            refusal(
                () ->
                    recordReadings(slot, new JSONArray().put(reading("household-11", "0.3", "0")))))
        .isEqualTo("METER_READING_EXISTS");
  }

  @Test
  @Order(9)
  void meterReadingsStayOffTheChannelWithOnlyTheirHashesInTheBlock() throws Exception {
    String slot = "2026-06-25T10:00:00Z";
    Status status =
        operator
            .newProposal("RecordMeterReadings")
            .addArguments(slot)
            .putTransient(
                EnergyMarketContract.READINGS,
                new JSONArray().put(reading("household-13", "3.141", "0.577")).toString())
            .build()
            .endorse()
            .submitAsync()
            .getStatus();
    assertThat(status.isSuccessful()).isTrue();

    Block block =
        fixture.peer().channel("energy-market").block(status.getBlockNumber()).orElseThrow();
    byte[] onChain = block.toByteArray();
    MeterReading reading = new MeterReading("household-13", slot, "3.141", "0.577");
    assertThat(new String(onChain, StandardCharsets.ISO_8859_1)).doesNotContain("3.141", "0.577");
    assertThat(indexOf(onChain, sha256(reading.toState())))
        .as("the private write's value hash is in the block")
        .isNotNegative();

    assertThat(
            json(as("household-13").evaluateTransaction("GetMeterReading", "household-13", slot))
                .getString("importKwh"))
        .isEqualTo("3.141");
    Contract auditor = fixture.contract(fixture.client("IndependentAuditorMSP"));
    assertThat(
            json(auditor.evaluateTransaction("GetMeterReading", "household-13", slot))
                .getString("exportKwh"))
        .isEqualTo("0.577");
    Contract city = fixture.contract(fixture.client("CityFinanceMSP"));
    GatewayException denied =
        catchThrowableOfType(
            GatewayException.class,
            () -> city.evaluateTransaction("GetMeterReading", "household-13", slot));
    assertThat(denied.getMessage() + denied.getStatus().getDescription())
        .contains("does not have read access permission on privatedata");
  }

  @Test
  @Order(10)
  void theBatteryChargesFromTheCommunitysSurplusInSlotOrder() throws Exception {
    operator.submitTransaction("RegisterBattery", "battery", "400", "180", "0.9", "40", "100");
    String first = "2031-06-21T11:00:00Z";
    recordReadings(
        first,
        new JSONArray()
            .put(reading("household-14", "0", "5"))
            .put(reading("household-15", "1", "0")));
    as("household-14").submitTransaction("SubmitOrder", "household-14", first);
    as("household-15").submitTransaction("SubmitOrder", "household-15", first);

    JSONObject cleared = json(operator.submitTransaction("ClearSlot", first));

    assertConserved(cleared);
    JSONObject battery = account(cleared, "battery");
    assertThat(new BigDecimal(battery.getString("boughtKwh"))).isEqualByComparingTo("4");
    assertThat(cleared.getString("batteryBeforeKwh")).isEqualTo("100");
    assertThat(new BigDecimal(cleared.getString("batteryAfterKwh"))).isEqualByComparingTo("103.6");
    JSONObject stored = json(operator.evaluateTransaction("GetBattery"));
    assertThat(new BigDecimal(stored.getString("stateOfChargeKwh"))).isEqualByComparingTo("103.6");
    assertThat(stored.getString("lastSlot")).isEqualTo(first);
    assertThat(refusal(() -> operator.submitTransaction("ClearSlot", "2031-06-21T10:45:00Z")))
        .isEqualTo("SLOT_OUT_OF_ORDER");
  }

  // ---------------------------------------------------------------------------------- helpers

  /** The first {@code SlotCleared} event from block {@code block} on. */
  private static ChaincodeEvent slotCleared(long block) {
    try (CloseableIterator<ChaincodeEvent> events =
        fixture
            .gateway(fixture.operator())
            .getNetwork(EnergyMarketPeer.CHANNEL)
            .newChaincodeEventsRequest(EnergyMarketPeer.CHAINCODE)
            .startBlock(block)
            .build()
            .getEvents()) {
      while (events.hasNext()) {
        ChaincodeEvent event = events.next();
        if (event.getEventName().equals(EnergyMarketContract.SLOT_CLEARED)) {
          return event;
        }
      }
    }
    throw new AssertionError("no SlotCleared event from block " + block);
  }

  private static String household(int i) {
    return "household-%02d".formatted(i);
  }

  private static Contract as(String household) {
    MspIdentity identity = fixture.household(household);
    return fixture.contract(identity);
  }

  private static JSONObject reading(String household, String importKwh, String exportKwh) {
    return new JSONObject(
        Map.of("household", household, "importKwh", importKwh, "exportKwh", exportKwh));
  }

  private static void recordReadings(String slot, JSONArray readings) {
    try {
      operator
          .newProposal("RecordMeterReadings")
          .addArguments(slot)
          .putTransient(EnergyMarketContract.READINGS, readings.toString())
          .build()
          .endorse()
          .submit();
    } catch (GatewayException | CommitException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String kwh(Random random) {
    return BigDecimal.valueOf(random.nextInt(3000), 3).toPlainString();
  }

  /** Runs {@code call}, which must be refused by the chaincode, and gives the error code. */
  private static String refusal(ThrowingCall call) {
    try {
      call.run();
    } catch (GatewayException e) {
      return EnergyMarketPeer.code(e).orElseThrow(() -> new AssertionError("no code in " + e, e));
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof GatewayException cause) {
        return EnergyMarketPeer.code(cause)
            .orElseThrow(() -> new AssertionError("no code in " + cause, cause));
      }
      throw e;
    } catch (Exception e) {
      throw new AssertionError("refused otherwise than by the chaincode", e);
    }
    throw new AssertionError("not refused");
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws Exception;
  }

  private static JSONObject json(byte[] result) {
    return new JSONObject(new String(result, StandardCharsets.UTF_8));
  }

  private static JSONObject account(JSONObject cleared, String participant) {
    JSONArray accounts = cleared.getJSONArray("accounts");
    for (int i = 0; i < accounts.length(); i++) {
      if (accounts.getJSONObject(i).getString("participant").equals(participant)) {
        return accounts.getJSONObject(i);
      }
    }
    throw new AssertionError(participant + " has no account in " + cleared);
  }

  /**
   * Conservation recomputed from the recorded accounts: kWh sold = kWh bought; what buyers paid
   * (fees included) = what sellers received + fees + the mechanism's surplus; every account's
   * energy balances its metered net.
   */
  private static void assertConserved(JSONObject cleared) {
    BigDecimal sold = BigDecimal.ZERO;
    BigDecimal bought = BigDecimal.ZERO;
    BigDecimal paid = BigDecimal.ZERO;
    BigDecimal received = BigDecimal.ZERO;
    BigDecimal fees = BigDecimal.ZERO;
    JSONArray accounts = cleared.getJSONArray("accounts");
    for (int i = 0; i < accounts.length(); i++) {
      JSONObject a = accounts.getJSONObject(i);
      sold = sold.add(new BigDecimal(a.getString("soldKwh")));
      bought = bought.add(new BigDecimal(a.getString("boughtKwh")));
      paid =
          paid.add(new BigDecimal(a.getString("boughtAmount")))
              .add(new BigDecimal(a.getString("feesAmount")));
      received = received.add(new BigDecimal(a.getString("soldAmount")));
      fees = fees.add(new BigDecimal(a.getString("feesAmount")));
      BigDecimal balance =
          new BigDecimal(a.getString("boughtKwh"))
              .add(new BigDecimal(a.getString("utilityImportKwh")))
              .subtract(new BigDecimal(a.getString("soldKwh")))
              .subtract(new BigDecimal(a.getString("utilityExportKwh")));
      assertThat(balance)
          .as(a.getString("participant"))
          .isEqualByComparingTo(a.getString("netKwh"));
    }
    assertThat(sold).isEqualByComparingTo(bought);
    assertThat(sold).isEqualByComparingTo(cleared.getString("volume"));
    assertThat(paid)
        .isEqualByComparingTo(
            received.add(fees).add(new BigDecimal(cleared.getString("mechanismSurplus"))));
    assertThat(new BigDecimal(cleared.getString("soldKwh"))).isEqualByComparingTo(sold);
    assertThat(new BigDecimal(cleared.getString("buyersPaid"))).isEqualByComparingTo(paid);
  }

  private static byte[] sha256(byte[] data) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
