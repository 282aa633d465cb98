package io.twinledger.twin.kpi.water;

import io.twinledger.twin.kpi.Ratio;
import io.twinledger.twin.kpi.Require;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Unavoidable annual real losses (UARL), IWA Water Loss Task Force (Lambert et al., 1999): the
 * lowest real losses technically achievable for a system at its pressure.
 *
 * <pre>
 * UARL [litres/day] = (18 × Lm + 0.8 × Nc + 25 × Lp) × P
 * </pre>
 *
 * with Lm the length of mains in km, Nc the number of service connections, Lp the length of private
 * pipe between property line and customer meter in km and P the average operating pressure in m.
 * The formula and the unit conversions (1 m³ = 1,000 L; a year is 365 days) are exact; only {@link
 * #infrastructureLeakageIndex} divides. Worked check: Lm = 100, Nc = 5,000, Lp = 50, P = 50 gives
 * 352,500 L/day = 128,662.5 m³/year.
 *
 * @param litresPerDay the UARL in litres per day, zero or more
 * @param warnings why the figure lies outside the range the formula was fitted for; empty when
 *     inside it
 */
public record Uarl(BigDecimal litresPerDay, List<UarlWarning> warnings) {

  /** Nc must exceed this for the fit to apply. */
  public static final long MIN_FITTED_CONNECTIONS_EXCLUSIVE = 5_000;

  /** Nc / Lm must exceed this for the fit to apply. */
  public static final BigDecimal MIN_FITTED_CONNECTIONS_PER_KM_EXCLUSIVE = BigDecimal.valueOf(20);

  /** Lowest average pressure, m, inside the fitted range. */
  public static final BigDecimal MIN_FITTED_PRESSURE_M = BigDecimal.valueOf(25);

  /** Highest average pressure, m, inside the fitted range. */
  public static final BigDecimal MAX_FITTED_PRESSURE_M = BigDecimal.valueOf(100);

  /** Days in the year the UARL is annualised over; a leap-year period uses {@link #m3Over}. */
  public static final BigDecimal DAYS_PER_YEAR = BigDecimal.valueOf(365);

  private static final BigDecimal MAINS_L_PER_KM_PER_M = BigDecimal.valueOf(18);
  private static final BigDecimal CONNECTION_L_PER_M = new BigDecimal("0.8");
  private static final BigDecimal PRIVATE_PIPE_L_PER_KM_PER_M = BigDecimal.valueOf(25);

  public Uarl {
    litresPerDay = Require.nonNegative(litresPerDay, "litresPerDay");
    warnings = Require.elements(warnings, "warnings");
  }

  /**
   * The UARL of a distribution system, with a warning for each way the system lies outside the
   * fitted range.
   *
   * @param mainsLengthKm Lm, greater than zero
   * @param serviceConnections Nc, zero or more
   * @param privatePipeLengthKm Lp, total over all connections, zero or more
   * @param averagePressureM P, greater than zero
   */
  public static Uarl of(
      BigDecimal mainsLengthKm,
      long serviceConnections,
      BigDecimal privatePipeLengthKm,
      BigDecimal averagePressureM) {
    Require.positive(mainsLengthKm, "mainsLengthKm");
    if (serviceConnections < 0) {
      throw new IllegalArgumentException(
          "serviceConnections: must not be negative, was " + serviceConnections);
    }
    Require.nonNegative(privatePipeLengthKm, "privatePipeLengthKm");
    Require.positive(averagePressureM, "averagePressureM");

    BigDecimal connections = BigDecimal.valueOf(serviceConnections);
    BigDecimal litresPerDay =
        MAINS_L_PER_KM_PER_M
            .multiply(mainsLengthKm)
            .add(CONNECTION_L_PER_M.multiply(connections))
            .add(PRIVATE_PIPE_L_PER_KM_PER_M.multiply(privatePipeLengthKm))
            .multiply(averagePressureM);

    List<UarlWarning> warnings = new ArrayList<>();
    if (serviceConnections <= MIN_FITTED_CONNECTIONS_EXCLUSIVE) {
      warnings.add(new UarlWarning.FewConnections(serviceConnections));
    }
    // Compare Nc with 20 × Lm rather than Nc / Lm with 20, so the boundary is decided exactly.
    if (connections.compareTo(MIN_FITTED_CONNECTIONS_PER_KM_EXCLUSIVE.multiply(mainsLengthKm))
        <= 0) {
      warnings.add(
          new UarlWarning.LowConnectionDensity(Ratio.of(connections, mainsLengthKm).orElseThrow()));
    }
    if (averagePressureM.compareTo(MIN_FITTED_PRESSURE_M) < 0
        || averagePressureM.compareTo(MAX_FITTED_PRESSURE_M) > 0) {
      warnings.add(new UarlWarning.PressureOutsideRange(averagePressureM));
    }
    return new Uarl(litresPerDay, warnings);
  }

  /** Whether the system lies inside the range the formula was fitted for. */
  public boolean withinFittedRange() {
    return warnings.isEmpty();
  }

  /** The UARL in m³ per day: litres per day / 1,000, exact. */
  public BigDecimal m3PerDay() {
    return Require.normalised(litresPerDay.movePointLeft(3));
  }

  /** The UARL in m³ per 365-day year, exact. */
  public BigDecimal m3PerYear() {
    return m3Over(DAYS_PER_YEAR);
  }

  /**
   * The UARL over a period, m³, exact.
   *
   * @param days length of the period in days, greater than zero; may be fractional
   */
  public BigDecimal m3Over(BigDecimal days) {
    return Require.normalised(m3PerDay().multiply(Require.positive(days, "days")));
  }

  /**
   * Infrastructure Leakage Index: current real losses (CARL) / UARL over the same period.
   *
   * <p>Taking the period rather than an already-annualised CARL makes the "same units and period"
   * rule hold by construction: the UARL is scaled to {@code days} before dividing. Rounded to
   * {@link Ratio#PRECISION}.
   *
   * @param currentRealLossesM3 real losses measured over the period, m³, zero or more; from a
   *     {@link WaterBalance} or a {@link MinimumNightFlow}
   * @param days length of that period in days, greater than zero
   * @return empty when the UARL is zero, since the index is then undefined
   */
  public Optional<BigDecimal> infrastructureLeakageIndex(
      BigDecimal currentRealLossesM3, BigDecimal days) {
    return Ratio.of(Require.nonNegative(currentRealLossesM3, "currentRealLossesM3"), m3Over(days));
  }
}
