package io.twinledger.service.risk;

import io.twinledger.finance.model.LineKind;
import io.twinledger.finance.money.Money;
import io.twinledger.finance.risk.fit.Ar1Process;
import io.twinledger.finance.risk.fit.BetaProcess;
import io.twinledger.finance.risk.fit.CorrelationMatrix;
import io.twinledger.finance.risk.fit.FitCandidate;
import io.twinledger.finance.risk.fit.GoodnessOfFit;
import io.twinledger.finance.risk.fit.KpiProcess;
import io.twinledger.finance.risk.fit.LogNormalProcess;
import io.twinledger.finance.risk.fit.NormalProcess;
import io.twinledger.finance.risk.model.KpiAssumption;
import io.twinledger.finance.risk.model.RiskScenario;
import io.twinledger.finance.risk.simulation.EstimatedProbability;
import io.twinledger.finance.risk.simulation.HistogramBin;
import io.twinledger.finance.risk.simulation.KpiThreshold;
import io.twinledger.finance.risk.simulation.NpvDistribution;
import io.twinledger.finance.risk.simulation.PercentileEstimate;
import io.twinledger.finance.risk.simulation.RiskReport;
import io.twinledger.finance.risk.simulation.ThresholdResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The risk API's JSON documents. Money is a decimal rounded half-even to the currency's minor unit
 * (never a binary floating-point number); probabilities, process parameters and fit statistics are
 * statistical estimates and are plain numbers.
 */
final class RiskViews {

  private static final double Z_95 = 1.959963984540054;

  private RiskViews() {}

  /** A job with everything known about it; {@code report} once COMPLETED. */
  record Job(
      String jobId,
      String status,
      boolean cancelRequested,
      String assetId,
      ModelRef model,
      Request request,
      Progress progress,
      Instant submittedAt,
      Instant startedAt,
      Instant finishedAt,
      YearMonth firstSimulatedMonth,
      String currency,
      List<Kpi> kpis,
      Correlation correlation,
      Report report,
      String failure) {

    static Job of(RiskJob job) {
      RiskJob.State state = job.state();
      RiskScenario scenario = job.request().scenario();
      var simulation = job.simulation();
      return new Job(
          job.id(),
          state.status().name(),
          state.cancelRequested(),
          job.request().assetId(),
          ModelRef.of(job),
          Request.of(job.request()),
          Progress.of(state.pathsDone(), scenario.paths()),
          job.submittedAt(),
          state.startedAt().orElse(null),
          state.finishedAt().orElse(null),
          simulation.firstMonth(),
          simulation.spec().currency().getCurrencyCode(),
          simulation.kpis().stream().map(Kpi::of).toList(),
          Correlation.of(simulation.spec().correlation()),
          state.report().map(r -> Report.of(r, hasDebtService(job), job)).orElse(null),
          state.failure().orElse(null));
    }
  }

  /** A job in a list: its state without the fitted processes and the report. */
  record Summary(
      String jobId,
      String status,
      String assetId,
      ModelRef model,
      int paths,
      int years,
      long seed,
      Progress progress,
      Instant submittedAt,
      Instant startedAt,
      Instant finishedAt) {

    static Summary of(RiskJob job) {
      RiskJob.State state = job.state();
      RiskScenario scenario = job.request().scenario();
      return new Summary(
          job.id(),
          state.status().name(),
          job.request().assetId(),
          ModelRef.of(job),
          scenario.paths(),
          scenario.years(),
          scenario.seed(),
          Progress.of(state.pathsDone(), scenario.paths()),
          job.submittedAt(),
          state.startedAt().orElse(null),
          state.finishedAt().orElse(null));
    }
  }

  /** The model version the job simulates. */
  record ModelRef(String modelId, int version) {
    static ModelRef of(RiskJob job) {
      return new ModelRef(job.model().modelId(), job.model().version());
    }
  }

  /** The request as checked, defaults (seed, covenant, debt service) filled in. */
  record Request(
      String assetId,
      int paths,
      int years,
      long seed,
      BigDecimal discountRate,
      BigDecimal annualDebtService,
      BigDecimal dscrCovenant,
      List<Threshold> thresholds) {

    static Request of(RiskRequests.Checked checked) {
      RiskScenario s = checked.scenario();
      return new Request(
          checked.assetId(),
          s.paths(),
          s.years(),
          s.seed(),
          s.discountRate(),
          s.annualDebtService(),
          s.dscrCovenant(),
          s.thresholds().stream().map(Threshold::of).toList());
    }
  }

  /** A threshold as requested; {@code level} in the KPI's unit. */
  record Threshold(String kpi, String direction, BigDecimal level) {
    static Threshold of(KpiThreshold threshold) {
      return new Threshold(
          threshold.kpi(), threshold.direction().name(), BigDecimal.valueOf(threshold.level()));
    }
  }

  /** Paths done of the total; {@code fraction} from 0 to 1. */
  record Progress(long pathsDone, long totalPaths, double fraction) {
    static Progress of(long done, long total) {
      return new Progress(done, total, (double) done / total);
    }
  }

  /**
   * What was assumed about one KPI: its history, the fitted process and the annual one.
   *
   * @param months how many monthly values were fitted
   * @param partialMonthsSkipped how many months with a value the fit left out because they are
   *     partial (covered less than the model's complete coverage)
   * @param partialMonths those months, oldest first
   */
  record Kpi(
      String kpi,
      String unit,
      boolean readByModel,
      int months,
      int partialMonthsSkipped,
      List<YearMonth> partialMonths,
      YearMonth firstMonth,
      YearMonth lastMonth,
      double startValue,
      Process monthlyProcess,
      Process annualProcess,
      Fit fit,
      List<Candidate> candidates,
      Map<String, String> notApplicable) {

    static Kpi of(KpiAssumption kpi) {
      boolean constant = kpi.fit().isEmpty();
      return new Kpi(
          kpi.kpiId(),
          kpi.unit(),
          kpi.readByModel(),
          kpi.months(),
          kpi.partialMonthsSkipped().size(),
          kpi.partialMonthsSkipped(),
          kpi.firstMonth(),
          kpi.lastMonth(),
          kpi.startValue(),
          Process.of(kpi.monthly(), constant),
          Process.of(kpi.annual(), constant),
          kpi.fit().map(f -> Fit.of(f.selected().goodnessOfFit())).orElse(null),
          kpi.fit().map(f -> f.candidates().stream().map(Candidate::of).toList()).orElse(List.of()),
          kpi.fit().map(f -> Map.copyOf(f.notApplicable())).orElse(Map.of()));
    }
  }

  /** A process: its family and parameters, in the KPI's unit. */
  record Process(String family, Map<String, Double> parameters) {
    static Process of(KpiProcess process, boolean constant) {
      Map<String, Double> parameters = new LinkedHashMap<>();
      String family = process.family();
      switch (process) {
        case NormalProcess normal when constant -> {
          family = "constant";
          parameters.put("value", normal.mean());
        }
        case NormalProcess normal -> {
          parameters.put("mean", normal.mean());
          parameters.put("standardDeviation", normal.standardDeviation());
        }
        case LogNormalProcess logNormal -> {
          parameters.put("mu", logNormal.mu());
          parameters.put("sigma", logNormal.sigma());
        }
        case BetaProcess beta -> {
          parameters.put("alpha", beta.alpha());
          parameters.put("beta", beta.beta());
        }
        case Ar1Process ar1 -> {
          parameters.put("intercept", ar1.intercept());
          parameters.put("phi", ar1.phi());
          parameters.put("sigma", ar1.sigma());
          parameters.put("longRunMean", ar1.longRunMean());
        }
      }
      return new Process(family, parameters);
    }
  }

  /** Goodness of fit: log-likelihood, AIC (lower is better), Kolmogorov–Smirnov distance. */
  record Fit(double logLikelihood, double aic, double ksStatistic, double ksPValue) {
    static Fit of(GoodnessOfFit fit) {
      return new Fit(fit.logLikelihood(), fit.aic(), fit.ksStatistic(), fit.ksPValue());
    }
  }

  /** One candidate process tried on the history. */
  record Candidate(Process process, Fit fit) {
    static Candidate of(FitCandidate candidate) {
      return new Candidate(
          Process.of(candidate.process(), false), Fit.of(candidate.goodnessOfFit()));
    }
  }

  /** The correlation of the KPIs' annual innovations, rows and columns in {@code kpis} order. */
  record Correlation(List<String> kpis, double[][] matrix) {
    static Correlation of(CorrelationMatrix correlation) {
      int k = correlation.size();
      double[][] matrix = new double[k][k];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          matrix[i][j] = correlation.get(i, j);
        }
      }
      return new Correlation(correlation.names(), matrix);
    }
  }

  /** The estimates of a completed run. {@code dscrBreach} is null when no debt service is due. */
  record Report(
      String currency,
      int paths,
      int years,
      long seed,
      Npv npv,
      Probability dscrBreach,
      List<ThresholdCrossing> thresholds) {

    static Report of(RiskReport report, boolean debtService, RiskJob job) {
      List<KpiAssumption> kpis = job.simulation().kpis();
      return new Report(
          report.npv().mean().currency().getCurrencyCode(),
          report.paths(),
          report.periods(),
          report.seed(),
          Npv.of(report.npv()),
          debtService ? Probability.of(report.dscrBreach()) : null,
          report.thresholds().stream().map(t -> ThresholdCrossing.of(t, kpis)).toList());
    }
  }

  /** The NPV distribution; percentiles keyed P1 … P99. */
  record Npv(
      BigDecimal mean,
      BigDecimal standardDeviation,
      BigDecimal minimum,
      BigDecimal maximum,
      Map<String, BigDecimal> percentiles,
      List<Bin> histogram) {

    static Npv of(NpvDistribution npv) {
      Map<String, BigDecimal> percentiles = new LinkedHashMap<>();
      for (PercentileEstimate p : npv.percentiles()) {
        percentiles.put(percentileKey(p.percent()), money(p.value()));
      }
      return new Npv(
          money(npv.mean()),
          money(npv.standardDeviation()),
          money(npv.minimum()),
          money(npv.maximum()),
          percentiles,
          npv.histogram().stream().map(Bin::of).toList());
    }
  }

  /** Paths with {@code lower ≤ NPV < upper} (the last bin includes its upper bound). */
  record Bin(BigDecimal lower, BigDecimal upper, long count) {
    static Bin of(HistogramBin bin) {
      return new Bin(money(bin.lower()), money(bin.upper()), bin.count());
    }
  }

  /**
   * A probability estimated from {@code hits} of {@code paths}, with its binomial standard error
   * and the 95 % normal-approximation interval, clipped to [0, 1].
   */
  record Probability(
      long hits,
      long paths,
      double probability,
      double standardError,
      double lower95,
      double upper95) {
    static Probability of(EstimatedProbability estimate) {
      double p = estimate.probability();
      double margin = Z_95 * estimate.standardError();
      return new Probability(
          estimate.hits(),
          estimate.paths(),
          p,
          estimate.standardError(),
          Math.max(0, p - margin),
          Math.min(1, p + margin));
    }
  }

  /** How often a threshold was crossed in at least one simulated year. */
  record ThresholdCrossing(
      String kpi, String unit, String direction, BigDecimal level, Probability crossed) {
    static ThresholdCrossing of(ThresholdResult result, List<KpiAssumption> kpis) {
      KpiThreshold threshold = result.threshold();
      String unit =
          kpis.stream()
              .filter(k -> k.kpiId().equals(threshold.kpi()))
              .findFirst()
              .map(KpiAssumption::unit)
              .orElseThrow();
      return new ThresholdCrossing(
          threshold.kpi(),
          unit,
          threshold.direction().name(),
          BigDecimal.valueOf(threshold.level()),
          Probability.of(result.crossed()));
    }
  }

  private static boolean hasDebtService(RiskJob job) {
    return job.request().scenario().annualDebtService().signum() > 0
        || job.model().definition().lines().stream()
            .anyMatch(line -> line.kind() == LineKind.FINANCING);
  }

  private static String percentileKey(double percent) {
    return percent == Math.rint(percent) ? "P" + (long) percent : "P" + percent;
  }

  private static BigDecimal money(Money money) {
    return money
        .amount()
        .setScale(money.currency().getDefaultFractionDigits(), RoundingMode.HALF_EVEN);
  }
}
