package io.twinledger.service.market;

import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.market.slot.SlotId;
import io.twinledger.service.problem.NotFoundException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * What the market's pages read from their addresses: a slot in a path names a page, so a slot that
 * does not parse names nothing (404); a day in a query is a filter, so a bad one is a 400 naming
 * {@code date}.
 */
final class MarketPageInputs {

  private MarketPageInputs() {}

  /** The slot a path names by its start, {@code 2026-05-01T01:15:00Z}. */
  static SlotId slotNamed(String text) {
    try {
      return SlotId.parse(text);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException(
          "No slot '" + text + "': a slot is named by its start, such as 2026-05-01T01:15:00Z");
    }
  }

  /**
   * The day of a {@code date} query parameter, {@code 2026-05-01}; today in the zone without one.
   */
  static LocalDate day(String date, ZoneId zone) {
    if (date == null || date.isBlank()) {
      return LocalDate.now(zone);
    }
    try {
      return LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(
          "date", "must be a date such as 2026-05-01, was '" + date + "'");
    }
  }
}
