package io.twinledger.finance.risk.fit;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Independent beta-distributed shares in (0, 1), such as non-revenue water as a fraction of system
 * input: {@code x_t = F⁻¹(Φ(z_t))} with {@code F} the beta distribution function.
 *
 * <p>The beta quantile has no closed form and Commons Math inverts it iteratively, far too slowly
 * for the inner loop of a simulation. {@link #next} therefore interpolates linearly in a table of
 * {@code F⁻¹(Φ(z))} computed once for {@code z} from -6 to 6 in steps of 1/64; draws beyond ±6
 * (probability 2·10⁻⁹) take the end values. The interpolation error is below 10⁻⁴ for shape
 * parameters of 1 or more.
 */
public final class BetaProcess implements KpiProcess {

  private static final double Z_LIMIT = 6;
  private static final int STEPS_PER_UNIT = 64;
  private static final int TABLE_SIZE = (int) (2 * Z_LIMIT * STEPS_PER_UNIT) + 1;
  private static final double TAIL = 1e-12;
  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

  private final double alpha;
  private final double beta;
  private final BetaDistribution distribution;
  private final double[] quantileByZ;

  /**
   * @param alpha the first shape parameter, above zero
   * @param beta the second shape parameter, above zero
   */
  public BetaProcess(double alpha, double beta) {
    Parameters.requirePositive("alpha", alpha);
    Parameters.requirePositive("beta", beta);
    this.alpha = alpha;
    this.beta = beta;
    this.distribution = new BetaDistribution(null, alpha, beta);
    this.quantileByZ = new double[TABLE_SIZE];
    for (int i = 0; i < TABLE_SIZE; i++) {
      double z = -Z_LIMIT + (double) i / STEPS_PER_UNIT;
      quantileByZ[i] =
          distribution.inverseCumulativeProbability(STANDARD_NORMAL.cumulativeProbability(z));
    }
  }

  public double alpha() {
    return alpha;
  }

  public double beta() {
    return beta;
  }

  @Override
  public String family() {
    return "beta";
  }

  @Override
  public int parameterCount() {
    return 2;
  }

  @Override
  public double logDensity(double previous, double value) {
    return distribution.logDensity(value);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Probabilities are kept within 10⁻¹² of 0 and 1 so that an observation in the far tail gives
   * a large but finite innovation.
   */
  @Override
  public double innovation(double previous, double value) {
    double p = Math.clamp(distribution.cumulativeProbability(value), TAIL, 1 - TAIL);
    return STANDARD_NORMAL.inverseCumulativeProbability(p);
  }

  @Override
  public double next(double previous, double z) {
    double position = (z + Z_LIMIT) * STEPS_PER_UNIT;
    if (!(position > 0)) {
      return quantileByZ[0];
    }
    if (position >= TABLE_SIZE - 1) {
      return quantileByZ[TABLE_SIZE - 1];
    }
    int index = (int) position;
    double fraction = position - index;
    return quantileByZ[index] + fraction * (quantileByZ[index + 1] - quantileByZ[index]);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BetaProcess that
        && Double.compare(alpha, that.alpha) == 0
        && Double.compare(beta, that.beta) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * Double.hashCode(alpha) + Double.hashCode(beta);
  }

  @Override
  public String toString() {
    return "BetaProcess[alpha=" + alpha + ", beta=" + beta + "]";
  }
}
