package io.twinledger.finance.risk.simulation;

/**
 * A probability estimated as the share of simulated paths on which an event happened.
 *
 * @param hits the paths on which it happened
 * @param paths the paths simulated
 */
public record EstimatedProbability(long hits, long paths) {

  public EstimatedProbability {
    if (paths <= 0 || hits < 0 || hits > paths) {
      throw new IllegalArgumentException(
          "hits must be between 0 and paths, paths above 0; were " + hits + " of " + paths);
    }
  }

  /** {@code hits / paths}. */
  public double probability() {
    return (double) hits / paths;
  }

  /** The binomial standard error of the estimate, {@code sqrt(p(1 − p) / paths)}. */
  public double standardError() {
    double p = probability();
    return Math.sqrt(p * (1 - p) / paths);
  }
}
