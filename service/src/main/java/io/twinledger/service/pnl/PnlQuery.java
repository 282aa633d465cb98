package io.twinledger.service.pnl;

import io.twinledger.finance.pnl.PeriodKind;
import io.twinledger.finance.pnl.StatementPeriod;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.reporting.pnl.PnlStatements;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checked query parameters of the P&amp;L API.
 *
 * @param kind the statement period kind
 * @param from the first month, inclusive
 * @param to the last month, inclusive
 */
record PnlQuery(PeriodKind kind, YearMonth from, YearMonth to) {

  private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
  private static final Pattern YEAR = Pattern.compile("\\d{4}");

  static PnlQuery parse(String period, String from, String to) {
    PeriodKind kind;
    try {
      kind = PeriodKind.valueOf(period.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException("period", "must be MONTH, QUARTER or YEAR");
    }
    YearMonth first = month(from, "from", PnlStatements.EARLIEST);
    YearMonth last = month(to, "to", PnlStatements.LATEST);
    if (last.isBefore(first)) {
      throw new InvalidFieldException("to", "is before from");
    }
    return new PnlQuery(kind, first, last);
  }

  /** A statement period written as {@code 2026-03}, {@code 2026-Q1} or {@code 2026}. */
  static StatementPeriod period(String text, String field) {
    String value = text == null ? "" : text.trim();
    Matcher quarter = QUARTER.matcher(value);
    if (quarter.matches()) {
      return new StatementPeriod(
          PeriodKind.QUARTER,
          YearMonth.of(
              Integer.parseInt(quarter.group(1)), 3 * Integer.parseInt(quarter.group(2)) - 2));
    }
    if (YEAR.matcher(value).matches()) {
      return new StatementPeriod(PeriodKind.YEAR, YearMonth.of(Integer.parseInt(value), 1));
    }
    return new StatementPeriod(PeriodKind.MONTH, month(value, field, null));
  }

  private static YearMonth month(String value, String field, YearMonth otherwise) {
    if (value == null || value.isBlank()) {
      if (otherwise == null) {
        throw new InvalidFieldException(
            field, "is required: a month (2026-03), quarter (2026-Q1) or year (2026)");
      }
      return otherwise;
    }
    try {
      return YearMonth.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(
          field,
          "'"
              + value
              + "' is not "
              + (otherwise == null
                  ? "a month (2026-03), quarter (2026-Q1) or year (2026)"
                  : "a month such as 2026-03"));
    }
  }
}
