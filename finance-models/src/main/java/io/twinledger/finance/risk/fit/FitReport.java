package io.twinledger.finance.risk.fit;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of fitting a KPI's history: every candidate that applied, why the others did not, and
 * the one selected (lowest AIC).
 *
 * @param series the history that was fitted
 * @param candidates the fitted candidates, in the order tried
 * @param notApplicable for each family that could not be fitted, the reason
 * @param selected the candidate with the lowest AIC
 */
public record FitReport(
    KpiSeries series,
    List<FitCandidate> candidates,
    Map<String, String> notApplicable,
    FitCandidate selected) {

  public FitReport {
    Objects.requireNonNull(series, "series");
    candidates = List.copyOf(candidates);
    notApplicable = Map.copyOf(notApplicable);
    Objects.requireNonNull(selected, "selected");
  }

  /**
   * The standard normal innovations that the selected process implies for observations 2..n, in
   * order: the input to the correlation between KPIs.
   */
  public double[] innovations() {
    double[] values = series.values();
    double[] innovations = new double[values.length - 1];
    KpiProcess process = selected.process();
    for (int t = 1; t < values.length; t++) {
      innovations[t - 1] = process.innovation(values[t - 1], values[t]);
    }
    return innovations;
  }
}
