package io.twinledger.finance.risk.fit;

/**
 * How one KPI evolves from period to period, driven by a standard normal innovation.
 *
 * <p>Every process is written in the same innovation form so that KPIs can be correlated through
 * their innovations (a Gaussian copula): {@link #next} maps the previous value and a standard
 * normal draw to the next value, and {@link #innovation} is its inverse, the draw that history
 * implies. Independent distributions ignore the previous value.
 *
 * <p>Values are doubles: these are statistical models, not money.
 */
public sealed interface KpiProcess
    permits NormalProcess, LogNormalProcess, BetaProcess, Ar1Process {

  /** A short name of the model family, such as {@code normal} or {@code ar1}. */
  String family();

  /** The number of fitted parameters, as counted by the information criterion. */
  int parameterCount();

  /** The log density of {@code value} given the previous period's value. */
  double logDensity(double previous, double value);

  /** The standard normal innovation that turns {@code previous} into {@code value}. */
  double innovation(double previous, double value);

  /** The next value after {@code previous} for the standard normal innovation {@code z}. */
  double next(double previous, double z);
}
