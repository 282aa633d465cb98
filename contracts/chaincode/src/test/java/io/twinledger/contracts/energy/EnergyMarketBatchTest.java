package io.twinledger.contracts.energy;

import static io.twinledger.contracts.energy.EnergyMarketPeer.pem;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;
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
 * The daily settlement batch ({@code RecordMeterReadingsForSlots}, {@code SubmitOrders}, {@code
 * ClearSlots}) on the embedded peer of channel {@code energy-market}, against the per-slot path on
 * a second peer configured alike: the same readings give the same records, and a refused batch
 * records nothing.
 *
 * <p>Both markets: uniform price, kappa 1/2, grid fee 5, feed-in 80 and retail 160 KRW/kWh, six
 * households with varied standing limits and the village battery (400 kWh, 180 kW, 90 %, 120 kWh
 * stored).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnergyMarketBatchTest {

  private static final int HOUSEHOLDS = 6;
  private static final List<String> DAY =
      List.of(
          "2026-06-21T10:00:00Z",
          "2026-06-21T10:15:00Z",
          "2026-06-21T10:30:00Z",
          "2026-06-21T10:45:00Z");

  @TempDir static Path data;

  private static Market perSlot;
  private static Market batch;

  @BeforeAll
  static void markets() throws Exception {
    perSlot =
        new Market(new EnergyMarketPeer(data.resolve("per-slot"), EnergyMarketPeer.QUICK_BLOCKS));
    batch = new Market(new EnergyMarketPeer(data.resolve("batch"), EnergyMarketPeer.QUICK_BLOCKS));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    perSlot.fixture().close();
    batch.fixture().close();
  }

  @Test
  @Order(1)
  void aBatchRecordsWhatThePerSlotPathRecords() throws Exception {
    Map<String, JSONArray> readings = readings(new Random(17));
    // household-06 has no reading in the last slot: skipped there, not refused.
    JSONArray last = readings.get(DAY.getLast());
    last.remove(HOUSEHOLDS - 1);
    // household-05 imports what it exports in the first slot: nothing to trade.
    readings.get(DAY.getFirst()).put(4, reading(household(5), "0.250", "0.250"));

    for (String slot : DAY) {
      perSlot.recordReadings(slot, readings.get(slot));
      for (int h = 1; h <= HOUSEHOLDS; h++) {
        if (hasPosition(readings.get(slot), household(h))) {
          perSlot.as(household(h)).submitTransaction("SubmitOrder", household(h), slot);
        }
      }
      perSlot.operator().submitTransaction("ClearSlot", slot);
    }

    JSONObject bySlot = new JSONObject();
    readings.forEach(bySlot::put);
    JSONArray recorded =
        array(
            batch
                .operator()
                .newProposal("RecordMeterReadingsForSlots")
                .putTransient(EnergyMarketContract.READINGS, bySlot.toString())
                .build()
                .endorse()
                .submit());
    assertThat(recorded.length()).isEqualTo(DAY.size());
    assertThat(recorded.getJSONObject(3).getString("slot")).isEqualTo(DAY.getLast());
    assertThat(recorded.getJSONObject(3).getJSONArray("households").length())
        .isEqualTo(HOUSEHOLDS - 1);
    List<JSONObject> batches = new ArrayList<>();
    for (int h = 1; h <= HOUSEHOLDS; h++) {
      batches.add(
          json(
              batch
                  .as(household(h))
                  .submitTransaction(
                      "SubmitOrders", household(h), new JSONArray(DAY.reversed()).toString())));
    }
    JSONArray cleared =
        array(batch.operator().submitTransaction("ClearSlots", new JSONArray(DAY).toString()));

    JSONObject five = batches.get(4);
    assertThat(five.getJSONArray("skipped").length()).isEqualTo(1);
    assertThat(five.getJSONArray("skipped").getJSONObject(0).getString("slot"))
        .isEqualTo(DAY.getFirst());
    assertThat(five.getJSONArray("skipped").getJSONObject(0).getString("reason"))
        .isEqualTo("NOTHING_TO_TRADE");
    JSONObject six = batches.get(5);
    assertThat(six.getJSONArray("skipped").getJSONObject(0).getString("reason"))
        .isEqualTo("METER_READING_MISSING");
    assertThat(six.getJSONArray("orders").length()).isEqualTo(DAY.size() - 1);
    assertThat(six.getJSONArray("orders").getJSONObject(0).getString("slot"))
        .as("in slot order whatever the order given")
        .isEqualTo(DAY.getFirst());

    assertThat(cleared.length()).isEqualTo(DAY.size());
    for (int s = 0; s < DAY.size(); s++) {
      String slot = DAY.get(s);
      JSONObject expected = json(perSlot.operator().evaluateTransaction("GetSlot", slot));
      JSONObject actual = json(batch.operator().evaluateTransaction("GetSlot", slot));
      assertThat(withoutTransactions(actual).similar(withoutTransactions(expected)))
          .as("slot %s: %s%nagainst the per-slot path's %s", slot, actual, expected)
          .isTrue();
      assertThat(cleared.getJSONObject(s).similar(actual)).isTrue();
      assertThat(new BigDecimal(actual.getString("batteryBeforeKwh")))
          .as("the battery's state runs from slot to slot")
          .isEqualByComparingTo(
              s == 0 ? "120" : cleared.getJSONObject(s - 1).getString("batteryAfterKwh"));
      for (int h = 1; h <= HOUSEHOLDS; h++) {
        assertThat(meterReading(batch, household(h), slot))
            .isEqualTo(meterReading(perSlot, household(h), slot));
      }
    }
    assertThat(
            json(batch.operator().evaluateTransaction("GetBattery"))
                .similar(json(perSlot.operator().evaluateTransaction("GetBattery"))))
        .isTrue();
    assertThat(
            new BigDecimal(
                json(batch.operator().evaluateTransaction("GetSlot", DAY.get(1)))
                    .getString("volume")))
        .as("the day trades")
        .isPositive();
  }

  @Test
  @Order(2)
  void aRefusedBatchRecordsNothing() throws Exception {
    List<String> later = List.of("2026-06-21T12:00:00Z", "2026-06-21T12:15:00Z");
    JSONObject unknown =
        new JSONObject()
            .put(later.get(0), new JSONArray().put(reading(household(1), "0.4", "0")))
            .put(later.get(1), new JSONArray().put(reading("household-99", "0.4", "0")));
    assertThat(refusal(() -> batch.recordReadingsForSlots(unknown)))
        .isEqualTo("HOUSEHOLD_NOT_FOUND");
    JSONObject closed =
        new JSONObject()
            .put(later.get(0), new JSONArray().put(reading(household(1), "0.4", "0")))
            .put(DAY.getFirst(), new JSONArray().put(reading(household(1), "0.4", "0")));
    assertThat(refusal(() -> batch.recordReadingsForSlots(closed))).isEqualTo("SLOT_CLOSED");
    assertThat(
            refusal(
                () ->
                    batch
                        .operator()
                        .evaluateTransaction("GetMeterReading", household(1), later.get(0))))
        .as("the first slot of a refused batch has no reading")
        .isEqualTo("METER_READING_MISSING");

    JSONObject good =
        new JSONObject()
            .put(later.get(0), new JSONArray().put(reading(household(1), "0.4", "0")))
            .put(later.get(1), new JSONArray().put(reading(household(1), "0.4", "0")));
    batch.recordReadingsForSlots(good);
    long height = batch.fixture().peer().channel(EnergyMarketPeer.CHANNEL).height();
    String withClosed = new JSONArray().put(later.get(0)).put(DAY.getLast()).toString();
    assertThat(
            refusal(
                () ->
                    batch
                        .as(household(1))
                        .submitTransaction("SubmitOrders", household(1), withClosed)))
        .isEqualTo("SLOT_CLOSED");
    assertThat(
            refusal(
                () ->
                    batch
                        .as(household(2))
                        .submitTransaction(
                            "SubmitOrders", household(1), new JSONArray(later).toString())))
        .isEqualTo("OTHER_HOUSEHOLD");
    assertThat(batch.operator().evaluateTransaction("GetOrderBook", later.get(0)))
        .asString()
        .isEqualTo("[]");

    assertThat(refusal(() -> batch.operator().submitTransaction("ClearSlots", withClosed)))
        .isEqualTo("SLOT_CLOSED");
    String beforeTheBattery =
        new JSONArray().put("2026-06-21T09:45:00Z").put(later.get(0)).toString();
    assertThat(refusal(() -> batch.operator().submitTransaction("ClearSlots", beforeTheBattery)))
        .isEqualTo("SLOT_OUT_OF_ORDER");
    String twice = new JSONArray().put(later.get(0)).put(later.get(0)).toString();
    assertThat(refusal(() -> batch.operator().submitTransaction("ClearSlots", twice)))
        .isEqualTo("INVALID_ARGUMENT");
    JSONArray seventeen = new JSONArray();
    for (int s = 0; s < EnergyMarketContract.MAX_BATCH_SLOTS + 1; s++) {
      seventeen.put("2026-06-22T%02d:%02d:00Z".formatted(s / 4, 15 * (s % 4)));
    }
    assertThat(
            refusal(() -> batch.operator().submitTransaction("ClearSlots", seventeen.toString())))
        .isEqualTo("INVALID_ARGUMENT");
    assertThat(
            refusal(
                () ->
                    batch
                        .as(household(1))
                        .submitTransaction("ClearSlots", new JSONArray(later).toString())))
        .isEqualTo("NOT_OPERATOR");
    assertThat(refusal(() -> batch.operator().evaluateTransaction("GetSlot", later.get(0))))
        .isEqualTo("SLOT_NOT_CLEARED");
    assertThat(batch.fixture().peer().channel(EnergyMarketPeer.CHANNEL).height())
        .as("refusals commit nothing")
        .isEqualTo(height);

    JSONObject orders =
        json(
            batch
                .as(household(1))
                .submitTransaction("SubmitOrders", household(1), new JSONArray(later).toString()));
    assertThat(orders.getJSONArray("orders").length()).isEqualTo(2);
    assertThat(
            json(batch
                    .as(household(1))
                    .submitTransaction(
                        "SubmitOrders", household(1), new JSONArray(later).toString()))
                .similar(orders))
        .as("orders are final: the batch again returns them")
        .isTrue();
  }

  /** The four slots' readings of the six households, seeded: kWh with three decimals. */
  private static Map<String, JSONArray> readings(Random random) {
    Map<String, JSONArray> readings = new LinkedHashMap<>();
    for (String slot : DAY) {
      JSONArray slotReadings = new JSONArray();
      for (int h = 1; h <= HOUSEHOLDS; h++) {
        boolean seller = h % 2 == 0;
        String kwh = BigDecimal.valueOf(50 + random.nextInt(900), 3).toPlainString();
        slotReadings.put(reading(household(h), seller ? "0" : kwh, seller ? kwh : "0"));
      }
      readings.put(slot, slotReadings);
    }
    return readings;
  }

  private static boolean hasPosition(JSONArray readings, String household) {
    for (int i = 0; i < readings.length(); i++) {
      JSONObject reading = readings.getJSONObject(i);
      if (reading.getString("household").equals(household)) {
        return new BigDecimal(reading.getString("importKwh"))
                .compareTo(new BigDecimal(reading.getString("exportKwh")))
            != 0;
      }
    }
    return false;
  }

  /** A clearing record without what names its transactions, which the two paths do not share. */
  private static JSONObject withoutTransactions(JSONObject clearing) {
    JSONObject copy = new JSONObject(clearing.toString());
    copy.remove("txId");
    copy.remove("clearedAt");
    JSONArray orders = copy.getJSONArray("orders");
    for (int i = 0; i < orders.length(); i++) {
      orders.getJSONObject(i).remove("txId");
    }
    return copy;
  }

  private static String meterReading(Market market, String household, String slot) {
    try {
      return new String(
          market.operator().evaluateTransaction("GetMeterReading", household, slot),
          StandardCharsets.UTF_8);
    } catch (GatewayException e) {
      return EnergyMarketPeer.code(e).orElseThrow();
    }
  }

  private static String household(int i) {
    return "household-%02d".formatted(i);
  }

  private static JSONObject reading(String household, String importKwh, String exportKwh) {
    return new JSONObject(
        Map.of("household", household, "importKwh", importKwh, "exportKwh", exportKwh));
  }

  private static JSONObject json(byte[] result) {
    return new JSONObject(new String(result, StandardCharsets.UTF_8));
  }

  private static JSONArray array(byte[] result) {
    return new JSONArray(new String(result, StandardCharsets.UTF_8));
  }

  /** Runs {@code call}, which must be refused by the chaincode, and gives the error code. */
  private static String refusal(ThrowingCall call) {
    try {
      call.run();
    } catch (GatewayException e) {
      return EnergyMarketPeer.code(e).orElseThrow(() -> new AssertionError("no code in " + e, e));
    } catch (Exception e) {
      throw new AssertionError("refused otherwise than by the chaincode", e);
    }
    throw new AssertionError("not refused");
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws Exception;
  }

  /** One configured market: the peer, its operator, six households with limits and the battery. */
  private record Market(EnergyMarketPeer fixture, Contract operator) {

    Market(EnergyMarketPeer fixture) throws Exception {
      this(fixture, fixture.contract(fixture.operator()));
      operator.submitTransaction("ConfigureMarket", "uniform", "0.5", "5", "80", "160", "KRW");
      operator.submitTransaction("RegisterBattery", "battery", "400", "180", "0.9", "40", "120");
      for (int h = 1; h <= HOUSEHOLDS; h++) {
        String household = household(h);
        operator.submitTransaction(
            "RegisterHousehold", household, pem(fixture.household(household)));
        as(household)
            .submitTransaction(
                "SetPriceLimits",
                household,
                String.valueOf(85 + 5 * h),
                String.valueOf(155 - 4 * h));
      }
    }

    Contract as(String household) {
      return fixture.contract(fixture.household(household));
    }

    void recordReadings(String slot, JSONArray readings) throws Exception {
      operator
          .newProposal("RecordMeterReadings")
          .addArguments(slot)
          .putTransient(EnergyMarketContract.READINGS, readings.toString())
          .build()
          .endorse()
          .submit();
    }

    void recordReadingsForSlots(JSONObject bySlot) throws Exception {
      operator
          .newProposal("RecordMeterReadingsForSlots")
          .putTransient(EnergyMarketContract.READINGS, bySlot.toString())
          .build()
          .endorse()
          .submit();
    }
  }
}
