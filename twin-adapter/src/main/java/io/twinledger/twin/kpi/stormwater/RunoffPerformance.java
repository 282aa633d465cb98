package io.twinledger.twin.kpi.stormwater;

import io.twinledger.twin.kpi.Ratio;
import io.twinledger.twin.kpi.Require;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Runoff reduction of a site over many storm events, the measure of an environmental impact bond
 * such as DC Water's 2016 EIB.
 *
 * <p>Two aggregates are offered. The contractual default, {@link #reductionPercent()}, is
 * volume-weighted: (Σ baseline − Σ observed) / Σ baseline. It counts every cubic metre kept out of
 * the sewer once, whatever storm it fell in, so it agrees with {@link #volumeCapturedM3()}, and a
 * drizzle with a tiny baseline cannot swing it. {@link #meanEventReductionPercent()}, the plain
 * mean of per-event reductions, weights every storm equally and so favours small storms, which
 * green infrastructure absorbs almost entirely; it is for diagnostics, not payment.
 *
 * @param events per-event runoff, in any order; may be empty
 */
public record RunoffPerformance(List<EventRunoff> events) {

  public RunoffPerformance {
    events = Require.elements(events, "events");
  }

  /** Σ baseline runoff over the events, m³, exact. */
  public BigDecimal baselineRunoffM3() {
    return Require.normalised(
        events.stream()
            .map(EventRunoff::baselineRunoffM3)
            .reduce(BigDecimal.ZERO, BigDecimal::add));
  }

  /** Σ observed runoff over the events, m³, exact. */
  public BigDecimal observedRunoffM3() {
    return Require.normalised(
        events.stream()
            .map(EventRunoff::observedRunoffM3)
            .reduce(BigDecimal.ZERO, BigDecimal::add));
  }

  /** Total volume captured, m³: Σ baseline − Σ observed, exact. */
  public BigDecimal volumeCapturedM3() {
    return Require.normalised(baselineRunoffM3().subtract(observedRunoffM3()));
  }

  /**
   * Volume-weighted runoff reduction, percent: (Σ baseline − Σ observed) / Σ baseline × 100,
   * rounded to {@link Ratio#PRECISION}. The contractual default.
   *
   * @return empty when the total baseline is zero (no events, or no baseline runoff)
   */
  public Optional<BigDecimal> reductionPercent() {
    return Ratio.percent(volumeCapturedM3(), baselineRunoffM3());
  }

  /**
   * Mean of the per-event reductions, percent. Events with a zero baseline have no reduction and
   * are left out. Each per-event value is rounded to {@link Ratio#PRECISION}, then their mean is
   * rounded again.
   *
   * @return empty when no event has a baseline above zero
   */
  public Optional<BigDecimal> meanEventReductionPercent() {
    List<BigDecimal> reductions =
        events.stream().flatMap(event -> event.reductionPercent().stream()).toList();
    return Ratio.of(
        reductions.stream().reduce(BigDecimal.ZERO, BigDecimal::add),
        BigDecimal.valueOf(reductions.size()));
  }
}
