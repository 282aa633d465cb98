package io.twinledger.finance.schedule;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How often a regular period repeats: coupon or payment frequency. */
public enum Frequency {
  ANNUAL(12),
  SEMI_ANNUAL(6),
  QUARTERLY(3),
  MONTHLY(1);

  private final int months;

  Frequency(int months) {
    this.months = months;
  }

  /** The length of one regular period in months. */
  public int months() {
    return months;
  }

  /** How many regular periods make a year: 1, 2, 4 or 12. */
  public int periodsPerYear() {
    return 12 / months;
  }

  /**
   * The frequency with the given number of periods per year, as in Excel's {@code frequency}
   * argument.
   *
   * @throws IllegalArgumentException for any count other than 1, 2, 4 or 12
   */
  public static Frequency ofPeriodsPerYear(int periodsPerYear) {
    return Arrays.stream(values())
        .filter(f -> f.periodsPerYear() == periodsPerYear)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "frequency "
                        + periodsPerYear
                        + " is not supported: periods per year must be one of "
                        + Arrays.stream(values())
                            .map(f -> String.valueOf(f.periodsPerYear()))
                            .collect(Collectors.joining(", "))));
  }
}
