package io.twinledger.finance.risk.fit;

/**
 * A mean-reverting first-order autoregression: {@code x_t = c + phi · x_{t-1} + sigma · z_t}.
 *
 * <p>With {@code |phi| < 1} the process reverts to its long-run mean {@code c / (1 - phi)}.
 *
 * @param intercept {@code c}
 * @param phi the autoregressive coefficient, strictly between -1 and 1
 * @param sigma the standard deviation of the innovation, zero or more
 */
public record Ar1Process(double intercept, double phi, double sigma) implements KpiProcess {

  public Ar1Process {
    Parameters.requireFinite("intercept", intercept);
    if (!(Math.abs(phi) < 1)) {
      throw new IllegalArgumentException(
          "AR(1) coefficient phi = " + phi + " is not mean-reverting: |phi| must be below 1");
    }
    Parameters.requireNonNegative("sigma", sigma);
  }

  /** The level the process reverts to, {@code c / (1 - phi)}. */
  public double longRunMean() {
    return intercept / (1 - phi);
  }

  @Override
  public String family() {
    return "ar1";
  }

  @Override
  public int parameterCount() {
    return 3;
  }

  @Override
  public double logDensity(double previous, double value) {
    return NormalProcess.logNormalDensity(value, intercept + phi * previous, sigma);
  }

  @Override
  public double innovation(double previous, double value) {
    return (value - intercept - phi * previous) / sigma;
  }

  @Override
  public double next(double previous, double z) {
    return intercept + phi * previous + sigma * z;
  }
}
