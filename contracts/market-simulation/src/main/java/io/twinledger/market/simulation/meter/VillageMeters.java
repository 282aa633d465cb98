package io.twinledger.market.simulation.meter;

import io.twinledger.market.simulation.calendar.SimulationYear;
import io.twinledger.market.simulation.load.LoadShape;
import io.twinledger.market.simulation.village.Village;
import io.twinledger.market.simulation.village.VillageProfiles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The demo village's meters: every household's import and export registers, read at the end of
 * every slot, from the same seeded profiles the simulation clears ({@link VillageProfiles}, one per
 * calendar year in the village's zone). The registers read zero when the meters are installed, at 1
 * January 00:00 local time of {@code installedYear}, and count up from there, across years.
 *
 * <p>Thread-safe; keeps the profiles of the last {@value #CACHED_YEARS} years it generated (about
 * 16 MB each for 56 households).
 */
public final class VillageMeters {

  static final int CACHED_YEARS = 3;

  private final Village village;
  private final int installedYear;
  private final LoadShape shape;
  private final Map<Integer, VillageProfiles> cache =
      new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, VillageProfiles> eldest) {
          return size() > CACHED_YEARS;
        }
      };

  /**
   * The meters of {@code village}, installed at the start of {@code installedYear}.
   *
   * @param village the village (its seed makes the readings)
   * @param installedYear the year whose 1 January 00:00 local time the registers read zero
   */
  public VillageMeters(Village village, int installedYear) {
    this.village = village;
    this.installedYear = installedYear;
    this.shape = LoadShape.h0Style();
  }

  /** When the registers read zero. */
  public Instant installed() {
    return new SimulationYear(installedYear, village.site().zone()).start();
  }

  /**
   * The readings closing the slots that start in {@code [from, to)}, slot by slot in time order,
   * households in id order within a slot.
   *
   * @param from the first slot's start: at or after {@link #installed()}, on a slot boundary
   * @param to the end (exclusive) of the last slot, on a slot boundary, after {@code from}
   * @param sink receives each reading
   * @throws IllegalArgumentException naming the bound that is before installation, off the slot
   *     grid, or not after {@code from}
   */
  public void readings(Instant from, Instant to, Consumer<MeterReading> sink) {
    Instant installed = installed();
    checkOnGrid("from", from, installed);
    checkOnGrid("to", to, installed);
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("to " + to + " must be after from " + from);
    }
    int households = village.households().size();
    long[] importWh = new long[households];
    long[] exportWh = new long[households];
    for (int year = installedYear; ; year++) {
      SimulationYear calendar = new SimulationYear(year, village.site().zone());
      if (!calendar.start().isBefore(to)) {
        return;
      }
      VillageProfiles profiles = profiles(year);
      for (int slot = 0; slot < profiles.slots(); slot++) {
        Instant start = calendar.slotStart(slot);
        if (!start.isBefore(to)) {
          return;
        }
        boolean emit = !start.isBefore(from);
        Instant end = start.plus(SimulationYear.SLOT);
        for (int h = 0; h < households; h++) {
          importWh[h] += profiles.importWh(h, slot);
          exportWh[h] += profiles.exportWh(h, slot);
          if (emit) {
            sink.accept(
                new MeterReading(
                    village.households().get(h).id(),
                    end,
                    VillageProfiles.kwh(importWh[h]),
                    VillageProfiles.kwh(exportWh[h])));
          }
        }
      }
    }
  }

  /** The readings of {@link #readings(Instant, Instant, Consumer)} as a list. */
  public List<MeterReading> readings(Instant from, Instant to) {
    List<MeterReading> readings = new ArrayList<>();
    readings(from, to, readings::add);
    return readings;
  }

  private synchronized VillageProfiles profiles(int year) {
    return cache.computeIfAbsent(year, y -> VillageProfiles.generate(village, y, shape));
  }

  private static void checkOnGrid(String name, Instant instant, Instant installed) {
    if (instant == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    if (instant.isBefore(installed)) {
      throw new IllegalArgumentException(
          name + " " + instant + " is before the meters were installed at " + installed);
    }
    if (Duration.between(installed, instant).toSeconds() % SimulationYear.SLOT.toSeconds() != 0) {
      throw new IllegalArgumentException(
          name + " " + instant + " is not on a 15-minute slot boundary");
    }
  }
}
