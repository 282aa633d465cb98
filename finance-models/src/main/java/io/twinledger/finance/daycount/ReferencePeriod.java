package io.twinledger.finance.daycount;

import io.twinledger.finance.schedule.Frequency;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The regular coupon period that an accrual period belongs to, needed by {@link
 * DayCount#ACT_ACT_ICMA}: the year fraction of {@code [start, end)} is {@code days(start, end) /
 * (periodsPerYear × days(referenceStart, referenceEnd))}.
 *
 * <p>For a regular period the reference period is the period itself. For a short stub it is the
 * notional regular period that contains the stub (for a short front stub: from the first regular
 * coupon date one period back). For a long stub it is any one regular period of the bond's coupon
 * grid, usually the one next to the stub: the stub is then split into the notional periods of that
 * grid ({@link #split}), as ISDA's 1999 memo "EMU and market conventions: recent developments"
 * does.
 *
 * <p>The notional coupon grid: the reference period's dates stepped by whole periods of {@code
 * frequency.months()}, each computed from the reference date rather than from the previous step, on
 * the larger of the two reference dates' days of month (clipped to the length of the month), or on
 * month ends when both reference dates are month ends. So 2003-01-15 – 2003-07-15 gives 2002-07-15,
 * 2004-01-15, ...; 2017-02-28 – 2017-08-31 gives 2016-08-31, 2018-02-28, ...; and 2017-02-28 –
 * 2017-08-30 gives 2016-08-30, 2018-02-28. Shift and split from the period that defines the grid: a
 * period taken from it may define another (on a grid of 30ths, 2030-11-30 – 2031-02-28 is two month
 * ends, whose own grid would be month ends).
 *
 * @param start the start of the regular period
 * @param end the end of the regular period, after {@code start}
 * @param frequency the coupon frequency
 */
public record ReferencePeriod(LocalDate start, LocalDate end, Frequency frequency) {

  /** A larger day of month than any month has: "the last day of every month". */
  private static final int MONTH_END = 31;

  public ReferencePeriod {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(frequency, "frequency");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "reference period end " + end + " must be after its start " + start);
    }
  }

  /**
   * One part of an accrual split at the notional coupon dates.
   *
   * @param start the first day of the part
   * @param end the day after the part, after {@code start}
   * @param period the notional coupon period that holds the part
   */
  public record Part(LocalDate start, LocalDate end, ReferencePeriod period) {

    /** Whether the part is its whole notional period. */
    public boolean isWholePeriod() {
      return start.equals(period.start()) && end.equals(period.end());
    }
  }

  /**
   * Whether this period is one regular period of its frequency long (its end is its start stepped
   * by {@code frequency.months()} on the grid's day of month), as it must be for accruals that
   * reach outside it.
   */
  public boolean isRegular() {
    LocalDate oneStep = start.plusMonths(frequency.months());
    return end.equals(oneStep.withDayOfMonth(Math.min(rollDay(), oneStep.lengthOfMonth())));
  }

  /** Whether {@code [from, to]} lies within this period, ends included. */
  public boolean contains(LocalDate from, LocalDate to) {
    return !from.isBefore(start) && !to.isAfter(end);
  }

  /**
   * The notional coupon period {@code periods} whole periods after this one (before it when
   * negative; this period for 0), on the grid described in the class comment.
   *
   * @throws IllegalArgumentException if this period is not one regular period long
   */
  public ReferencePeriod shifted(int periods) {
    if (periods == 0) {
      return this;
    }
    requireRegular();
    return new ReferencePeriod(gridDate(periods), gridDate(periods + 1), frequency);
  }

  /**
   * Splits {@code [from, to)} at the notional coupon dates, in date order. An accrual within this
   * period is one part; a long stub gives a part per notional period it touches.
   *
   * @throws IllegalArgumentException if {@code to} is not after {@code from}, or the accrual
   *     reaches outside this period and this period is not one regular period long (then the grid
   *     beyond it is undefined)
   */
  public List<Part> split(LocalDate from, LocalDate to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("accrual end " + to + " must be after its start " + from);
    }
    if (contains(from, to)) {
      return List.of(new Part(from, to, this));
    }
    requireRegular();
    int n = indexOfPeriodContaining(from);
    List<Part> parts = new ArrayList<>();
    for (LocalDate partStart = from; partStart.isBefore(to); n++) {
      ReferencePeriod notional = new ReferencePeriod(gridDate(n), gridDate(n + 1), frequency);
      LocalDate partEnd = notional.end().isBefore(to) ? notional.end() : to;
      parts.add(new Part(partStart, partEnd, notional));
      partStart = partEnd;
    }
    return parts;
  }

  /**
   * The notional coupon period of this period's grid that holds {@code date}: its start is on or
   * before the date, its end after it.
   *
   * @throws IllegalArgumentException if the date is outside this period and this period is not one
   *     regular period long
   */
  public ReferencePeriod periodContaining(LocalDate date) {
    Objects.requireNonNull(date, "date");
    if (!date.isBefore(start) && date.isBefore(end)) {
      return this;
    }
    requireRegular();
    int n = indexOfPeriodContaining(date);
    return new ReferencePeriod(gridDate(n), gridDate(n + 1), frequency);
  }

  /** The index n with {@code gridDate(n) ≤ date < gridDate(n + 1)}. */
  private int indexOfPeriodContaining(LocalDate date) {
    // Estimate from the months between, then step: the estimate is off by at most one period.
    long months = ChronoUnit.MONTHS.between(start, date);
    int n = (int) Math.floorDiv(months, frequency.months());
    while (gridDate(n).isAfter(date)) {
      n--;
    }
    while (!gridDate(n + 1).isAfter(date)) {
      n++;
    }
    return n;
  }

  /** The n-th notional coupon date: {@code start} for 0, {@code end} for 1. */
  private LocalDate gridDate(int n) {
    if (n == 0) {
      return start;
    }
    if (n == 1) {
      return end;
    }
    LocalDate stepped =
        n < 0
            ? start.plusMonths((long) n * frequency.months())
            : end.plusMonths((long) (n - 1) * frequency.months());
    return stepped.withDayOfMonth(Math.min(rollDay(), stepped.lengthOfMonth()));
  }

  private int rollDay() {
    return isMonthEnd(start) && isMonthEnd(end)
        ? MONTH_END
        : Math.max(start.getDayOfMonth(), end.getDayOfMonth());
  }

  private void requireRegular() {
    if (!isRegular()) {
      throw new IllegalArgumentException(
          "reference period "
              + start
              + " to "
              + end
              + " is not one regular "
              + frequency.months()
              + "-month period, so the notional coupon periods beyond it are undefined");
    }
  }

  private static boolean isMonthEnd(LocalDate date) {
    return date.getDayOfMonth() == date.lengthOfMonth();
  }
}
