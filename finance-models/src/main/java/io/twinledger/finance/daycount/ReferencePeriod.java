package io.twinledger.finance.daycount;

import io.twinledger.finance.schedule.Frequency;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The regular coupon period that an accrual period belongs to, needed by {@link
 * DayCount#ACT_ACT_ICMA}: the year fraction of {@code [start, end)} is {@code days(start, end) /
 * (periodsPerYear × days(referenceStart, referenceEnd))}.
 *
 * <p>For a regular period the reference period is the period itself. For a short stub it is the
 * notional regular period that contains the stub (for a short front stub: from the first regular
 * coupon date one period back).
 *
 * @param start the start of the regular period
 * @param end the end of the regular period, after {@code start}
 * @param frequency the coupon frequency
 */
public record ReferencePeriod(LocalDate start, LocalDate end, Frequency frequency) {

  public ReferencePeriod {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(frequency, "frequency");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "reference period end " + end + " must be after its start " + start);
    }
  }
}
