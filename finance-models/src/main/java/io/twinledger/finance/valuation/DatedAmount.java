package io.twinledger.finance.valuation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A cash flow: an exact amount on a date. Sign convention: money received is positive, money paid
 * (an investment, a debt service) negative. The currency is the caller's: all flows of one
 * calculation are in the same currency.
 *
 * @param date the payment date
 * @param amount the exact amount, any sign
 */
public record DatedAmount(LocalDate date, BigDecimal amount) {

  public DatedAmount {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(amount, "amount");
  }

  /** A flow from an ISO date and a decimal string: {@code of("2008-01-01", "-10000")}. */
  public static DatedAmount of(String isoDate, String amount) {
    return new DatedAmount(LocalDate.parse(isoDate), new BigDecimal(amount));
  }
}
