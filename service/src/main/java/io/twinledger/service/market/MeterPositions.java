package io.twinledger.service.market;

import io.twinledger.market.settlement.MeteredPosition;
import io.twinledger.market.slot.SlotId;
import io.twinledger.twin.reading.Reading;
import io.twinledger.twin.store.ReadingQuery;
import io.twinledger.twin.store.ReadingStore;
import io.twinledger.twin.store.StoredReading;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The households' metered positions per slot, from their meters' twin readings: each household's
 * meter is an asset with the household's id and two cumulative registers, {@value #IMPORT} and
 * {@value #EXPORT} (kWh, read at the end of every slot, through the twin adapter's mapping, quality
 * checks and batch digests). A slot's import and export are the registers' increments over it, the
 * reading at its end less the reading at its start; a household without both readings, or whose
 * register went backwards (a replaced meter), has no position in that slot and is left out of its
 * market.
 */
public final class MeterPositions {

  /** The KPI of a household meter's import register, kWh, cumulative. */
  public static final String IMPORT = "energy-import-register";

  /** The KPI of a household meter's export register, kWh, cumulative. */
  public static final String EXPORT = "energy-export-register";

  private static final Logger log = LoggerFactory.getLogger(MeterPositions.class);

  private final ReadingStore readings;
  private final Village village;

  public MeterPositions(ReadingStore readings, Village village) {
    this.readings = readings;
    this.village = village;
  }

  /**
   * The positions of every slot in {@code [first, first + count)}, by slot; a slot in which no
   * household has a position maps to an empty list.
   */
  public Map<SlotId, List<MeteredPosition>> of(SlotId first, int count) {
    Map<SlotId, List<MeteredPosition>> positions = new TreeMap<>();
    SlotId slot = first;
    for (int i = 0; i < count; i++) {
      positions.put(slot, new ArrayList<>());
      slot = slot.next();
    }
    for (String household : village.households()) {
      of(household, first, count).forEach((at, position) -> positions.get(at).add(position));
    }
    return positions;
  }

  /** One household's positions in the slots of {@code [first, first + count)} that have one. */
  public Map<SlotId, MeteredPosition> of(String household, SlotId first, int count) {
    Instant from = first.start();
    Instant to = first.start().plus(SlotId.LENGTH.multipliedBy(count));
    Map<Instant, BigDecimal> imports = registers(household, IMPORT, from, to);
    Map<Instant, BigDecimal> exports = registers(household, EXPORT, from, to);
    Map<SlotId, MeteredPosition> positions = new TreeMap<>();
    SlotId slot = first;
    for (int i = 0; i < count; i++) {
      SlotId at = slot;
      increment(household, at, imports, exports).ifPresent(p -> positions.put(at, p));
      slot = slot.next();
    }
    return positions;
  }

  /** When the first register reading of any household was taken, if any was. */
  public Optional<Instant> firstReading(Instant notBefore) {
    Optional<Instant> first = Optional.empty();
    for (String household : village.households()) {
      List<StoredReading> found =
          readings.find(
              new ReadingQuery(
                  household,
                  Optional.of(IMPORT),
                  Optional.empty(),
                  notBefore,
                  Instant.now().plus(1, ChronoUnit.DAYS),
                  1));
      if (!found.isEmpty()) {
        Instant at = found.getFirst().reading().observedAt();
        first = first.filter(f -> f.isBefore(at)).or(() -> Optional.of(at));
      }
    }
    return first;
  }

  private Optional<MeteredPosition> increment(
      String household,
      SlotId slot,
      Map<Instant, BigDecimal> imports,
      Map<Instant, BigDecimal> exports) {
    BigDecimal importStart = imports.get(slot.start());
    BigDecimal importEnd = imports.get(slot.end());
    BigDecimal exportStart = exports.get(slot.start());
    BigDecimal exportEnd = exports.get(slot.end());
    if (importStart == null || importEnd == null || exportStart == null || exportEnd == null) {
      return Optional.empty();
    }
    BigDecimal imported = importEnd.subtract(importStart);
    BigDecimal exported = exportEnd.subtract(exportStart);
    if (imported.signum() < 0 || exported.signum() < 0) {
      log.warn(
          "Meter of {} went backwards in slot {} (import {}, export {}); left out of its market",
          household,
          slot,
          imported.toPlainString(),
          exported.toPlainString());
      return Optional.empty();
    }
    return Optional.of(new MeteredPosition(household, imported, exported));
  }

  /** A register's readings in {@code [from, to]}, by observation time; the first one at a time. */
  private Map<Instant, BigDecimal> registers(
      String household, String kpi, Instant from, Instant to) {
    Map<Instant, BigDecimal> values = new HashMap<>();
    Instant start = from;
    Instant end = to.plusNanos(1_000);
    while (start.isBefore(end)) {
      List<StoredReading> page =
          readings.find(
              new ReadingQuery(
                  household,
                  Optional.of(kpi),
                  Optional.empty(),
                  start,
                  end,
                  ReadingQuery.MAX_LIMIT));
      for (StoredReading stored : page) {
        Reading reading = stored.reading();
        values.putIfAbsent(reading.observedAt(), reading.value());
      }
      if (page.size() < ReadingQuery.MAX_LIMIT) {
        break;
      }
      start = page.getLast().reading().observedAt().plusNanos(1_000);
    }
    return values;
  }
}
