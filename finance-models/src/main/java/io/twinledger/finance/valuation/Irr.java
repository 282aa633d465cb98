package io.twinledger.finance.valuation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Internal rate of return of periodic cash flows: the rates per period at which {@link Npv} is
 * zero, searched from -99 % to 1,000 % per period by bracketing and Brent refinement (see {@link
 * RootSearch} for the grid and accuracy), rounded to 1e-10.
 */
public final class Irr {

  private Irr() {}

  /**
   * Solves for the IRR.
   *
   * @param flows the flow of each period, the first at time 0
   * @return {@link RootResult.Unique}, {@link RootResult.Multiple} when several rates fit (flows
   *     that change sign more than once), or {@link RootResult.None} with the reason
   * @throws IllegalArgumentException if there are fewer than two flows
   */
  public static RootResult of(List<BigDecimal> flows) {
    Objects.requireNonNull(flows, "flows");
    if (flows.size() < 2) {
      throw new IllegalArgumentException("IRR needs at least two cash flows, got " + flows.size());
    }
    double[] amounts = flows.stream().mapToDouble(BigDecimal::doubleValue).toArray();
    return RootSearch.solve(flows, rate -> Npv.inDouble(rate, amounts));
  }
}
