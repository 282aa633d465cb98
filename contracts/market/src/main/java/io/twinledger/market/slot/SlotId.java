package io.twinledger.market.slot;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A 15-minute market slot, named by its start: an instant on a quarter hour in UTC ({@code 00:00,
 * 00:15, ...}). The slot covers {@code [start, start + 15 min)}, start inclusive, end exclusive.
 *
 * @param start the slot's first instant, aligned to 15 minutes
 */
public record SlotId(Instant start) implements Comparable<SlotId> {

  /** The length of a slot. */
  public static final Duration LENGTH = Duration.ofMinutes(15);

  private static final long SECONDS = LENGTH.toSeconds();

  public SlotId {
    Objects.requireNonNull(start, "start");
    if (start.getNano() != 0 || Math.floorMod(start.getEpochSecond(), SECONDS) != 0) {
      throw new IllegalArgumentException(
          "a slot starts on a quarter hour (UTC); " + start + " does not");
    }
  }

  /**
   * The slot starting at {@code start}.
   *
   * @throws IllegalArgumentException if {@code start} is not on a quarter hour
   */
  public static SlotId of(Instant start) {
    return new SlotId(start);
  }

  /** The slot containing {@code instant}. */
  public static SlotId containing(Instant instant) {
    long second = instant.getEpochSecond();
    return new SlotId(Instant.ofEpochSecond(second - Math.floorMod(second, SECONDS)));
  }

  /**
   * Parses the ISO-8601 form {@link #toString()} gives, such as {@code 2026-06-01T10:15:00Z}.
   *
   * @throws IllegalArgumentException if the text is not an instant on a quarter hour
   */
  public static SlotId parse(String text) {
    try {
      return new SlotId(Instant.parse(text));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 instant", e);
    }
  }

  /** The first instant after the slot: {@code start + 15 min}. */
  public Instant end() {
    return start.plus(LENGTH);
  }

  /** The slot that follows. */
  public SlotId next() {
    return new SlotId(end());
  }

  /** The slot before. */
  public SlotId previous() {
    return new SlotId(start.minus(LENGTH));
  }

  @Override
  public int compareTo(SlotId other) {
    return start.compareTo(other.start);
  }

  /** The start in ISO-8601, UTC, for example {@code 2026-06-01T10:15:00Z}. */
  @Override
  public String toString() {
    return start.toString();
  }
}
