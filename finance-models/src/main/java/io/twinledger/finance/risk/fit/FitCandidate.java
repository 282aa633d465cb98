package io.twinledger.finance.risk.fit;

import java.util.Objects;

/**
 * One process fitted to a KPI's history, with its goodness of fit.
 *
 * @param process the fitted process and its parameters
 * @param goodnessOfFit likelihood, information criterion and distribution test
 */
public record FitCandidate(KpiProcess process, GoodnessOfFit goodnessOfFit) {

  public FitCandidate {
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(goodnessOfFit, "goodnessOfFit");
  }
}
