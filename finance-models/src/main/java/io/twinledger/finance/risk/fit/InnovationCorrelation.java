package io.twinledger.finance.risk.fit;

import java.util.List;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

/**
 * Estimates how KPIs move together from the innovations their selected processes imply for the
 * history, with Pearson's correlation (Commons Math {@link PearsonsCorrelation}).
 *
 * <p>Using innovations rather than raw values keeps a shared trend or a mean-reverting level from
 * passing for correlation. The histories must cover the same periods, so they must be of equal
 * length.
 */
public final class InnovationCorrelation {

  private InnovationCorrelation() {}

  /**
   * @param fits one report per KPI, in the order the simulation will use
   * @throws IllegalArgumentException if the histories differ in length or the estimated matrix is
   *     not positive definite
   */
  public static CorrelationMatrix estimate(List<FitReport> fits) {
    if (fits.isEmpty()) {
      throw new IllegalArgumentException("no KPI fits to correlate");
    }
    List<String> names = fits.stream().map(f -> f.series().name()).toList();
    if (fits.size() == 1) {
      return CorrelationMatrix.independent(names);
    }
    int length = fits.getFirst().series().length();
    double[][] columns = new double[fits.size()][];
    for (int k = 0; k < fits.size(); k++) {
      FitReport fit = fits.get(k);
      if (fit.series().length() != length) {
        throw new IllegalArgumentException(
            "KPI '"
                + fit.series().name()
                + "' has "
                + fit.series().length()
                + " observations but '"
                + names.getFirst()
                + "' has "
                + length
                + ": correlation needs histories over the same periods");
      }
      columns[k] = fit.innovations();
    }
    double[][] rows = new double[length - 1][fits.size()];
    for (int k = 0; k < columns.length; k++) {
      for (int t = 0; t < length - 1; t++) {
        rows[t][k] = columns[k][t];
      }
    }
    return new CorrelationMatrix(
        names, new PearsonsCorrelation(rows).getCorrelationMatrix().getData());
  }
}
