package io.twinledger.finance.risk.fit;

/**
 * Independent normal values: {@code x_t = mean + standardDeviation · z_t}.
 *
 * @param mean the mean
 * @param standardDeviation the standard deviation, zero or more (zero gives a constant)
 */
public record NormalProcess(double mean, double standardDeviation) implements KpiProcess {

  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  public NormalProcess {
    Parameters.requireFinite("mean", mean);
    Parameters.requireNonNegative("standard deviation", standardDeviation);
  }

  @Override
  public String family() {
    return "normal";
  }

  @Override
  public int parameterCount() {
    return 2;
  }

  @Override
  public double logDensity(double previous, double value) {
    return logNormalDensity(value, mean, standardDeviation);
  }

  @Override
  public double innovation(double previous, double value) {
    return (value - mean) / standardDeviation;
  }

  @Override
  public double next(double previous, double z) {
    return mean + standardDeviation * z;
  }

  static double logNormalDensity(double value, double mean, double standardDeviation) {
    double u = (value - mean) / standardDeviation;
    return -HALF_LOG_TWO_PI - Math.log(standardDeviation) - 0.5 * u * u;
  }
}
