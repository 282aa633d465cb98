package io.twinledger.twin.kpi.water;

import io.twinledger.twin.kpi.Require;
import java.math.BigDecimal;

/**
 * Why a {@link Uarl} figure lies outside the range its coefficients were fitted for (Lambert et
 * al., 1999): more than 5,000 service connections, more than 20 connections per km of mains, and
 * 25–100 m of average pressure. The figure is still reported; the warning travels with it so that a
 * contract or a reviewer can decide whether to rely on it.
 */
public sealed interface UarlWarning {

  /** A sentence for reports, naming the measured value and the fitted range. */
  String message();

  /**
   * The system has 5,000 service connections or fewer. Exactly 5,000 warns: the fit is for "more
   * than 5,000".
   *
   * @param serviceConnections Nc
   */
  record FewConnections(long serviceConnections) implements UarlWarning {

    public FewConnections {
      if (serviceConnections < 0) {
        throw new IllegalArgumentException(
            "serviceConnections: must not be negative, was " + serviceConnections);
      }
    }

    @Override
    public String message() {
      return "UARL fitted for more than "
          + Uarl.MIN_FITTED_CONNECTIONS_EXCLUSIVE
          + " service connections; system has "
          + serviceConnections;
    }
  }

  /**
   * The system has 20 connections per km of mains or fewer. Exactly 20 warns.
   *
   * @param connectionsPerKm Nc / Lm, rounded to {@link io.twinledger.twin.kpi.Ratio#PRECISION} (the
   *     decision to warn is made on exact values)
   */
  record LowConnectionDensity(BigDecimal connectionsPerKm) implements UarlWarning {

    public LowConnectionDensity {
      connectionsPerKm = Require.nonNegative(connectionsPerKm, "connectionsPerKm");
    }

    @Override
    public String message() {
      return "UARL fitted for more than "
          + Uarl.MIN_FITTED_CONNECTIONS_PER_KM_EXCLUSIVE
          + " connections per km of mains; system has "
          + connectionsPerKm.toPlainString();
    }
  }

  /**
   * The average operating pressure is below 25 m or above 100 m; both ends are inside the range.
   *
   * @param averagePressureM P, metres of head
   */
  record PressureOutsideRange(BigDecimal averagePressureM) implements UarlWarning {

    public PressureOutsideRange {
      averagePressureM = Require.positive(averagePressureM, "averagePressureM");
    }

    @Override
    public String message() {
      return "UARL fitted for "
          + Uarl.MIN_FITTED_PRESSURE_M.toPlainString()
          + "–"
          + Uarl.MAX_FITTED_PRESSURE_M.toPlainString()
          + " m average pressure; system has "
          + averagePressureM.toPlainString()
          + " m";
    }
  }
}
