package io.twinledger.market.simulation.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The 15-minute slots of one calendar year in a local time zone: slot 0 starts at 1 January 00:00
 * local time, the last ends at the next 1 January 00:00 (exclusive). A slot is {@code [start, start
 * + 15 min)}. A common year has 35,040 slots, a leap year 35,136; a zone with daylight saving time
 * has its usual 4 fewer or more in the changeover days. Slot starts are aligned to 15 minutes in
 * UTC only where the zone's offset is a whole number of quarter-hours (as Asia/Seoul's +09:00 is).
 *
 * @param year the calendar year
 * @param zone the local time zone whose calendar and clock the load shape and tariffs follow
 */
public record SimulationYear(int year, ZoneId zone) {

  /** The slot length. */
  public static final Duration SLOT = Duration.ofMinutes(15);

  /** Slots per hour, to turn a slot's mean power in kW into kWh (divide by this). */
  public static final int SLOTS_PER_HOUR = 4;

  public SimulationYear {
    if (year < 1900 || year > 9999) {
      throw new IllegalArgumentException("year must be within 1900..9999, was " + year);
    }
    if (zone == null) {
      throw new IllegalArgumentException("zone is required");
    }
  }

  /** The first slot's start: 1 January 00:00 local time. */
  public Instant start() {
    return LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant();
  }

  /** The end of the last slot (exclusive): the next year's 1 January 00:00 local time. */
  public Instant end() {
    return LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant();
  }

  /** The number of slots. */
  public int slots() {
    return (int) (Duration.between(start(), end()).toMinutes() / SLOT.toMinutes());
  }

  /** Slot {@code index}'s start, 0-based. */
  public Instant slotStart(int index) {
    return start().plus(SLOT.multipliedBy(index));
  }

  /** The local date and time at which slot {@code index} starts. */
  public LocalDateTime localStart(int index) {
    return ZonedDateTime.ofInstant(slotStart(index), zone).toLocalDateTime();
  }

  /**
   * The slots' local start times, all at once (what the profile generators iterate over).
   *
   * @return an array of {@link #slots()} local date-times, index = slot
   */
  public LocalDateTime[] localStarts() {
    int slots = slots();
    LocalDateTime[] starts = new LocalDateTime[slots];
    Instant start = start();
    for (int i = 0; i < slots; i++) {
      starts[i] = ZonedDateTime.ofInstant(start.plus(SLOT.multipliedBy(i)), zone).toLocalDateTime();
    }
    return starts;
  }

  /**
   * The slot containing {@code instant}.
   *
   * @throws IllegalArgumentException if the instant is outside the year
   */
  public int slotOf(Instant instant) {
    if (instant.isBefore(start()) || !instant.isBefore(end())) {
      throw new IllegalArgumentException(
          "instant " + instant + " is outside the year " + year + " in " + zone);
    }
    return (int) (Duration.between(start(), instant).toMinutes() / SLOT.toMinutes());
  }
}
