package io.twinledger.twin.kpi.stormwater;

import io.twinledger.twin.kpi.Ratio;
import io.twinledger.twin.kpi.Require;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Runoff of one storm event at a green-infrastructure site, observed and against its baseline.
 *
 * <p>The baseline is the runoff the same storm would have produced without the site: from
 * pre-construction monitoring or a calibrated model. An observed runoff above the baseline is a
 * valid, if poor, outcome and gives a negative reduction and a negative volume captured.
 *
 * @param baselineRunoffM3 baseline runoff volume, m³, zero or more
 * @param observedRunoffM3 observed runoff volume, m³, zero or more
 */
public record EventRunoff(BigDecimal baselineRunoffM3, BigDecimal observedRunoffM3) {

  public EventRunoff {
    baselineRunoffM3 = Require.nonNegative(baselineRunoffM3, "baselineRunoffM3");
    observedRunoffM3 = Require.nonNegative(observedRunoffM3, "observedRunoffM3");
  }

  /** Volume captured, m³: baseline − observed runoff, exact; negative if the site added runoff. */
  public BigDecimal volumeCapturedM3() {
    return Require.normalised(baselineRunoffM3.subtract(observedRunoffM3));
  }

  /**
   * Runoff reduction in percent: (baseline − observed) / baseline × 100, rounded to {@link
   * Ratio#PRECISION}. At most 100; negative if the site added runoff.
   *
   * @return empty when the baseline is zero: with nothing to reduce the reduction is undefined
   */
  public Optional<BigDecimal> reductionPercent() {
    return Ratio.percent(volumeCapturedM3(), baselineRunoffM3);
  }
}
