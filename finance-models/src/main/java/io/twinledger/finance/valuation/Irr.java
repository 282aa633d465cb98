package io.twinledger.finance.valuation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.stream.LongStream;

/**
 * Internal rate of return of periodic cash flows: the rates per period at which {@link Npv} is
 * zero. The NPV is a polynomial in {@code x = 1/(1 + r)}; all its positive roots (all rates above
 * -100 %) are found, however close together, by Descartes' rule of signs and Rolle's theorem with
 * Brent refinement (see {@link RootSearch} for the method and accuracy), and rounded to 1e-10.
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
    for (int t = 0; t < flows.size(); t++) {
      int index = t;
      Objects.requireNonNull(flows.get(t), () -> "flow " + index + " is missing");
    }
    return RootSearch.solve(flows, LongStream.range(0, flows.size()).toArray(), 1);
  }
}
