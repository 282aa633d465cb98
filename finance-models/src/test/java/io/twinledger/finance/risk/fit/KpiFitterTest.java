package io.twinledger.finance.risk.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class KpiFitterTest {

  private final KpiFitter fitter = new KpiFitter();

  @Test
  void normalMaximumLikelihoodOfOneToTwelve() {
    // mean = 78 / 12 = 6.5; population variance of 1..n = (n² − 1) / 12 = 143 / 12 = 11.916…
    FitReport report = fitter.fit(new KpiSeries("ramp", series(1, 12)));

    NormalProcess normal = (NormalProcess) candidate(report, "normal").process();
    assertThat(normal.mean()).isEqualTo(6.5);
    assertThat(normal.standardDeviation()).isCloseTo(Math.sqrt(143.0 / 12), within(1e-12));
    // x_t = 1 + 1 · x_{t−1} exactly: phi = 1 is a random walk with drift, not mean reversion.
    assertThat(report.notApplicable().get("ar1")).contains("phi = 1.0").contains("not mean");
    assertThat(report.notApplicable().get("beta")).contains("observation 1 is 1.0");
  }

  @Test
  void aicIsTwoKMinusTwiceTheLogLikelihoodOverObservationsTwoToN() {
    FitReport report = fitter.fit(new KpiSeries("ramp", series(1, 12)));
    FitCandidate normal = candidate(report, "normal");
    NormalProcess process = (NormalProcess) normal.process();
    double logLikelihood = 0;
    for (int x = 2; x <= 12; x++) {
      double u = (x - process.mean()) / process.standardDeviation();
      logLikelihood +=
          -0.5 * Math.log(2 * Math.PI) - Math.log(process.standardDeviation()) - 0.5 * u * u;
    }
    assertThat(normal.goodnessOfFit().logLikelihood()).isCloseTo(logLikelihood, within(1e-9));
    assertThat(normal.goodnessOfFit().aic()).isCloseTo(4 - 2 * logLikelihood, within(1e-9));
  }

  @Test
  void recoversNormalParameters() {
    RandomGenerator rng = new Well19937c(11);
    double[] x = new double[5000];
    for (int i = 0; i < x.length; i++) {
      x[i] = 100 + 15 * rng.nextGaussian();
    }
    NormalProcess normal =
        (NormalProcess) candidate(fitter.fit(new KpiSeries("flow", x)), "normal").process();
    // standard errors: 15 / √5000 ≈ 0.21 for the mean, 15 / √10000 = 0.15 for the sd; allow 4.
    assertThat(normal.mean()).isCloseTo(100, within(0.85));
    assertThat(normal.standardDeviation()).isCloseTo(15, within(0.6));
  }

  @Test
  void recoversAndSelectsLogNormal() {
    RandomGenerator rng = new Well19937c(12);
    double[] x = new double[5000];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.exp(2 + 0.5 * rng.nextGaussian());
    }
    FitReport report = fitter.fit(new KpiSeries("volume", x));
    LogNormalProcess logNormal = (LogNormalProcess) report.selected().process();
    // standard errors 0.5 / √5000 ≈ 0.007 and 0.5 / √10000 = 0.005; allow 4.
    assertThat(logNormal.mu()).isCloseTo(2, within(0.03));
    assertThat(logNormal.sigma()).isCloseTo(0.5, within(0.02));
    assertThat(report.selected().goodnessOfFit().ksPValue()).isGreaterThan(0.01);
    assertThat(candidate(report, "normal").goodnessOfFit().ksPValue()).isLessThan(1e-6);
  }

  @Test
  void recoversAndSelectsMeanRevertingAr1() {
    RandomGenerator rng = new Well19937c(13);
    double[] x = new double[5000];
    x[0] = 0.30;
    for (int t = 1; t < x.length; t++) {
      x[t] = 0.066 + 0.7 * x[t - 1] + 0.01 * rng.nextGaussian();
    }
    FitReport report = fitter.fit(new KpiSeries("nrw", x));
    Ar1Process ar1 = (Ar1Process) report.selected().process();
    // se(phi) ≈ √((1 − 0.49) / 5000) ≈ 0.010; long-run mean 0.066 / 0.3 = 0.22.
    assertThat(ar1.phi()).isCloseTo(0.7, within(0.04));
    assertThat(ar1.longRunMean()).isCloseTo(0.22, within(0.002));
    assertThat(ar1.sigma()).isCloseTo(0.01, within(0.0005));
  }

  @Test
  void recoversBetaShareByMoments() {
    BetaDistribution beta = new BetaDistribution(new Well19937c(14), 2, 6);
    double[] x = beta.sample(5000);
    FitReport report = fitter.fit(new KpiSeries("share", x));
    BetaProcess fitted = (BetaProcess) candidate(report, "beta").process();
    assertThat(fitted.alpha()).isCloseTo(2, within(0.15));
    assertThat(fitted.beta()).isCloseTo(6, within(0.45));
    assertThat(report.selected().process().family()).isEqualTo("beta");
  }

  @Test
  void refusesTooShortHistory() {
    assertThatThrownBy(() -> fitter.fit(new KpiSeries("nrw", series(1, 11))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("KPI 'nrw' has 11 observations; fitting needs at least 12");
  }

  @Test
  void refusesConstantHistory() {
    double[] constant = new double[12];
    java.util.Arrays.fill(constant, 0.25);
    assertThatThrownBy(() -> fitter.fit(new KpiSeries("nrw", constant)))
        .hasMessageContaining("KPI 'nrw' is constant (every observation is 0.25)");
  }

  @Test
  void logNormalNotApplicableToNonPositiveValues() {
    double[] x = series(-3, 12);
    FitReport report = fitter.fit(new KpiSeries("margin", x));
    assertThat(report.notApplicable())
        .containsEntry("log-normal", "observation 1 is -3.0, not above zero");
    assertThat(report.candidates()).extracting(c -> c.process().family()).containsExactly("normal");
  }

  @Test
  void seriesRejectsNaNNamingTheObservation() {
    assertThatThrownBy(() -> new KpiSeries("nrw", new double[] {0.2, Double.NaN}))
        .hasMessage("KPI 'nrw' observation 2 is NaN, not a number");
  }

  @Test
  void innovationCorrelationRecoversTarget() {
    RandomGenerator rng = new Well19937c(15);
    int n = 4000;
    double rho = 0.6;
    double[] a = new double[n];
    double[] b = new double[n];
    for (int t = 0; t < n; t++) {
      double u = rng.nextGaussian();
      double v = rng.nextGaussian();
      a[t] = 10 + 2 * u;
      b[t] = 50 + 5 * (rho * u + Math.sqrt(1 - rho * rho) * v);
    }
    CorrelationMatrix matrix =
        InnovationCorrelation.estimate(
            List.of(fitter.fit(new KpiSeries("a", a)), fitter.fit(new KpiSeries("b", b))));
    // se of Pearson's r ≈ (1 − ρ²) / √n = 0.64 / 63 ≈ 0.010.
    assertThat(matrix.get(0, 1)).isCloseTo(0.6, within(0.04));
    assertThat(matrix.names()).containsExactly("a", "b");
  }

  @Test
  void innovationCorrelationNeedsEqualLengths() {
    FitReport twelve = fitter.fit(new KpiSeries("a", series(1, 12)));
    FitReport thirteen = fitter.fit(new KpiSeries("b", series(1, 13)));
    assertThatThrownBy(() -> InnovationCorrelation.estimate(List.of(twelve, thirteen)))
        .hasMessage(
            "KPI 'b' has 13 observations but 'a' has 12: correlation needs histories over the"
                + " same periods");
  }

  private static double[] series(int from, int count) {
    double[] x = new double[count];
    for (int i = 0; i < count; i++) {
      x[i] = from + i;
    }
    return x;
  }

  private static FitCandidate candidate(FitReport report, String family) {
    return report.candidates().stream()
        .filter(c -> c.process().family().equals(family))
        .findFirst()
        .orElseThrow();
  }
}
