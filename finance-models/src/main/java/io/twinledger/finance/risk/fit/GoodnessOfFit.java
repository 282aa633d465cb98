package io.twinledger.finance.risk.fit;

/**
 * How well a fitted process explains the history.
 *
 * <p>The Kolmogorov–Smirnov test compares the innovations the process implies for the history with
 * the standard normal distribution they should follow (for an independent distribution this is the
 * same test as comparing the values with the fitted distribution). The parameters were estimated
 * from the same data, so the p-value is optimistic (Lilliefors): read it as a ranking aid and a red
 * flag when small, not as an exact test.
 *
 * @param logLikelihood the log-likelihood of observations 2..n given their predecessors
 * @param aic Akaike's information criterion, {@code 2k − 2 ln L}; lower is better
 * @param ksStatistic the Kolmogorov–Smirnov distance between the innovations and N(0, 1)
 * @param ksPValue the p-value of that distance (Commons Math, not forced exact)
 */
public record GoodnessOfFit(
    double logLikelihood, double aic, double ksStatistic, double ksPValue) {}
