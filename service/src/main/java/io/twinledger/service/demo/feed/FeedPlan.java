package io.twinledger.service.demo.feed;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a start of the feed has to send, by publication time: {@code [from, bulkUntil)} as bulk
 * files, then {@code [bulkUntil, now)} over the live channels, after which it follows the clock.
 *
 * <p>{@code from} is where the previous run got to, or {@code now − history} on the first run, so a
 * restart sends only what is missing. Whatever is older than {@code now − replay} goes as files:
 * replaying a long outage message by message would take long and flood the broker.
 */
record FeedPlan(Instant from, Instant bulkUntil, Instant now) {

  FeedPlan {
    if (bulkUntil.isBefore(from) || now.isBefore(bulkUntil)) {
      throw new IllegalArgumentException("from ≤ bulkUntil ≤ now must hold");
    }
  }

  static FeedPlan of(Optional<Instant> fedUntil, Instant now, Duration history, Duration replay) {
    Instant from = fedUntil.orElse(now.minus(history));
    if (from.isAfter(now)) {
      // The clock went back since the last run: nothing is missing.
      from = now;
    }
    Instant replayFrom = now.minus(replay);
    return new FeedPlan(from, replayFrom.isAfter(from) ? replayFrom : from, now);
  }

  /**
   * The bulk span cut at the start of each UTC month. A file per month keeps files small, and its
   * name, which becomes the readings' source, then depends only on the month: a span fed again
   * after a crash lands in files of the same names, so its readings are recognised as duplicates.
   */
  List<Span> months() {
    List<Span> months = new ArrayList<>();
    Instant start = from;
    while (start.isBefore(bulkUntil)) {
      Instant next =
          ZonedDateTime.ofInstant(start, ZoneOffset.UTC)
              .truncatedTo(ChronoUnit.DAYS)
              .withDayOfMonth(1)
              .plusMonths(1)
              .toInstant();
      Instant end = next.isBefore(bulkUntil) ? next : bulkUntil;
      months.add(new Span(start, end));
      start = end;
    }
    return months;
  }

  /** A half-open span of publication times. */
  record Span(Instant from, Instant to) {}
}
