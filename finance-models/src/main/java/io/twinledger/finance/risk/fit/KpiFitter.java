package io.twinledger.finance.risk.fit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Fits candidate processes to a KPI's history and selects one by Akaike's information criterion.
 *
 * <p>Candidates:
 *
 * <ul>
 *   <li>normal, by maximum likelihood (mean, standard deviation with divisor n);
 *   <li>log-normal, by maximum likelihood on the logarithms, when every value is above zero;
 *   <li>beta, by the method of moments (Commons Math has no beta maximum-likelihood estimator),
 *       when every value lies strictly between 0 and 1 and the variance is below {@code m(1 − m)};
 *   <li>AR(1) {@code x_t = c + phi · x_{t−1} + ε}, by ordinary least squares of {@code x_t} on
 *       {@code x_{t−1}} (Commons Math {@link SimpleRegression}), with the innovation's standard
 *       deviation {@code sqrt(SSE / (n − 1))} (maximum likelihood), when {@code |phi| < 1}.
 * </ul>
 *
 * <p>The AR(1) likelihood is conditional on the first observation, so every candidate's
 * log-likelihood and AIC ({@code 2k − 2 ln L}) are computed over the same observations 2..n: the
 * independent distributions are fitted to all n values but scored on the last n − 1, so that the
 * criterion compares like with like. The lowest AIC wins; ties go to the candidate tried first.
 */
public final class KpiFitter {

  /** The shortest history accepted: a year of monthly values. */
  public static final int MINIMUM_OBSERVATIONS = 12;

  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

  /**
   * Fits every applicable candidate and selects the one with the lowest AIC.
   *
   * @throws IllegalArgumentException if the history is shorter than {@link #MINIMUM_OBSERVATIONS}
   *     or constant
   */
  public FitReport fit(KpiSeries series) {
    double[] x = series.values();
    if (x.length < MINIMUM_OBSERVATIONS) {
      throw new IllegalArgumentException(
          "KPI '"
              + series.name()
              + "' has "
              + x.length
              + " observations; fitting needs at least "
              + MINIMUM_OBSERVATIONS);
    }
    double mean = StatUtils.mean(x);
    double populationVariance = StatUtils.populationVariance(x, mean);
    if (!(populationVariance > 0)) {
      throw new IllegalArgumentException(
          "KPI '"
              + series.name()
              + "' is constant (every observation is "
              + x[0]
              + "): it has no distribution to fit; model it as a fixed input");
    }

    List<FitCandidate> candidates = new ArrayList<>();
    Map<String, String> notApplicable = new LinkedHashMap<>();
    candidates.add(score(new NormalProcess(mean, Math.sqrt(populationVariance)), x));
    fitLogNormal(x, candidates, notApplicable);
    fitBeta(x, mean, candidates, notApplicable);
    fitAr1(x, candidates, notApplicable);

    FitCandidate selected =
        candidates.stream()
            .min(Comparator.comparingDouble(c -> c.goodnessOfFit().aic()))
            .orElseThrow();
    return new FitReport(series, candidates, notApplicable, selected);
  }

  private static void fitLogNormal(
      double[] x, List<FitCandidate> candidates, Map<String, String> notApplicable) {
    double[] logs = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] > 0)) {
        notApplicable.put(
            "log-normal", "observation " + (i + 1) + " is " + x[i] + ", not above zero");
        return;
      }
      logs[i] = Math.log(x[i]);
    }
    double mu = StatUtils.mean(logs);
    double sigma = Math.sqrt(StatUtils.populationVariance(logs, mu));
    candidates.add(score(new LogNormalProcess(mu, sigma), x));
  }

  private static void fitBeta(
      double[] x, double mean, List<FitCandidate> candidates, Map<String, String> notApplicable) {
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] > 0 && x[i] < 1)) {
        notApplicable.put(
            "beta", "observation " + (i + 1) + " is " + x[i] + ", not strictly between 0 and 1");
        return;
      }
    }
    double sampleVariance = StatUtils.variance(x, mean);
    double common = mean * (1 - mean) / sampleVariance - 1;
    if (!(common > 0)) {
      notApplicable.put(
          "beta",
          "variance "
              + sampleVariance
              + " is not below mean·(1 − mean) = "
              + mean * (1 - mean)
              + ", which a beta distribution requires");
      return;
    }
    candidates.add(score(new BetaProcess(mean * common, (1 - mean) * common), x));
  }

  private static void fitAr1(
      double[] x, List<FitCandidate> candidates, Map<String, String> notApplicable) {
    SimpleRegression regression = new SimpleRegression(true);
    for (int t = 1; t < x.length; t++) {
      regression.addData(x[t - 1], x[t]);
    }
    double phi = regression.getSlope();
    if (!(Math.abs(phi) < 1)) {
      notApplicable.put(
          "ar1", "least-squares phi = " + phi + " is not mean-reverting (|phi| must be below 1)");
      return;
    }
    double sigma = Math.sqrt(regression.getSumSquaredErrors() / (x.length - 1));
    if (!(sigma > 0)) {
      notApplicable.put("ar1", "the history is an exact AR(1) line: no innovation to model");
      return;
    }
    candidates.add(score(new Ar1Process(regression.getIntercept(), phi, sigma), x));
  }

  private static FitCandidate score(KpiProcess process, double[] x) {
    double logLikelihood = 0;
    double[] innovations = new double[x.length - 1];
    for (int t = 1; t < x.length; t++) {
      logLikelihood += process.logDensity(x[t - 1], x[t]);
      innovations[t - 1] = process.innovation(x[t - 1], x[t]);
    }
    double aic = 2.0 * process.parameterCount() - 2 * logLikelihood;
    KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
    return new FitCandidate(
        process,
        new GoodnessOfFit(
            logLikelihood,
            aic,
            ks.kolmogorovSmirnovStatistic(STANDARD_NORMAL, innovations),
            ks.kolmogorovSmirnovTest(STANDARD_NORMAL, innovations, false)));
  }
}
