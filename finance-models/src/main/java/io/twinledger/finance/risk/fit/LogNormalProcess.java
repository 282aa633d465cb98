package io.twinledger.finance.risk.fit;

/**
 * Independent log-normal values: {@code x_t = exp(mu + sigma · z_t)}, for KPIs that are strictly
 * positive (volumes, prices).
 *
 * @param mu the mean of {@code ln x}
 * @param sigma the standard deviation of {@code ln x}, zero or more
 */
public record LogNormalProcess(double mu, double sigma) implements KpiProcess {

  public LogNormalProcess {
    Parameters.requireFinite("mu", mu);
    Parameters.requireNonNegative("sigma", sigma);
  }

  @Override
  public String family() {
    return "log-normal";
  }

  @Override
  public int parameterCount() {
    return 2;
  }

  @Override
  public double logDensity(double previous, double value) {
    double log = Math.log(value);
    return NormalProcess.logNormalDensity(log, mu, sigma) - log;
  }

  @Override
  public double innovation(double previous, double value) {
    return (Math.log(value) - mu) / sigma;
  }

  @Override
  public double next(double previous, double z) {
    return Math.exp(mu + sigma * z);
  }
}
