package io.twinledger.service.support;

import io.twinledger.market.slot.SlotId;
import io.twinledger.service.market.MarketBook;
import io.twinledger.service.market.MarketJobs;
import io.twinledger.service.market.MeterPositions;
import io.twinledger.twin.reading.AssessedReading;
import io.twinledger.twin.reading.Reading;
import io.twinledger.twin.store.ReadingStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The test village's (OnEmbeddedDb) one traded slot, metered and cleared once per application
 * context, so every test class of the market reads the same ledger: the market clears slots in
 * order and never goes back, so a second class storing readings for its own slot would find it
 * already cleared empty. In the traded slot, an hour before the first call, household-01 exports 1
 * kWh and household-02 and household-03 import 0.6 and 0.7 kWh; the three slots after it have
 * positions of zero. Feed-in 110, retail 170, grid fee 10 KRW/kWh, uniform price, kappa 1/2: the
 * kWh clears at 160, shared pro rata as 0.462 and 0.538 kWh.
 */
public final class TestVillage {

  /** The source the meters' registers are stored under. */
  public static final String SOURCE = "test:village-meters";

  private static final Map<MarketBook, SlotId> TRADED = new IdentityHashMap<>();

  private TestVillage() {}

  /**
   * The traded slot of this context's village: on the first call its registers are stored and the
   * due slots cleared on the ledger through {@link MarketJobs#runDue()}.
   */
  public static synchronized SlotId traded(
      ReadingStore readings, MarketJobs jobs, MarketBook book) {
    SlotId known = TRADED.get(book);
    if (known != null) {
      return known;
    }
    Instant now = Instant.now();
    SlotId traded = SlotId.containing(now.minus(1, ChronoUnit.HOURS));
    List<AssessedReading> stored = new ArrayList<>();
    // Registers at the four quarter hours from the traded slot's start: only its increments differ
    // from zero.
    for (int i = 0; i <= 4; i++) {
      Instant at = traded.start().plus(SlotId.LENGTH.multipliedBy(i));
      boolean after = i >= 1;
      stored.add(register("household-01", MeterPositions.IMPORT, at, "10.000"));
      stored.add(register("household-01", MeterPositions.EXPORT, at, after ? "21.000" : "20.000"));
      stored.add(register("household-02", MeterPositions.IMPORT, at, after ? "30.600" : "30.000"));
      stored.add(register("household-02", MeterPositions.EXPORT, at, "0.000"));
      stored.add(register("household-03", MeterPositions.IMPORT, at, after ? "40.700" : "40.000"));
      stored.add(register("household-03", MeterPositions.EXPORT, at, "5.000"));
    }
    readings.store(SOURCE, stored, now);
    jobs.runDue();
    if (book.slot(traded).isEmpty()) {
      throw new IllegalStateException(
          "the test village's slot " + traded + " did not clear: was another slot cleared first?");
    }
    TRADED.put(book, traded);
    return traded;
  }

  private static AssessedReading register(String household, String kpi, Instant at, String kwh) {
    return new AssessedReading(
        new Reading(
            SOURCE,
            household + ":" + kpi,
            household,
            kpi,
            at,
            new BigDecimal(kwh),
            "KWH",
            new BigDecimal(kwh),
            "KWH"),
        Set.of());
  }
}
