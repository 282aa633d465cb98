package io.twinledger.finance.schedule;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One period of a {@link Schedule}: the dates as generated and as moved to business days.
 *
 * @param unadjustedStart the generated start date
 * @param unadjustedEnd the generated end date
 * @param start the start date after the business day convention
 * @param end the end date after the business day convention (the payment date)
 */
public record SchedulePeriod(
    LocalDate unadjustedStart, LocalDate unadjustedEnd, LocalDate start, LocalDate end) {

  public SchedulePeriod {
    Objects.requireNonNull(unadjustedStart, "unadjustedStart");
    Objects.requireNonNull(unadjustedEnd, "unadjustedEnd");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
  }
}
