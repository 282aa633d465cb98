package io.twinledger.twin.kpi.road;

import io.twinledger.twin.kpi.Require;
import java.math.BigDecimal;

/**
 * A two-level rut depth requirement: every segment within an absolute limit, and a share of
 * segments within a tighter one. A Virginia P3 asks for at most 3/4 inch on 100% of segments and at
 * most 1/2 inch on 85%: {@link #VIRGINIA_P3}.
 *
 * <p>Both limits are inclusive ("rut depth ≤ limit"), and the share is checked exactly on counts,
 * {@code segments within × 100 ≥ share × segments}, so 85 of 100 segments meets 85%.
 *
 * @param absoluteLimitMm rut depth no segment may exceed, mm, greater than zero
 * @param tighterLimitMm the tighter limit, mm, greater than zero and at most the absolute limit
 * @param tighterLimitSharePercent least share of segments within the tighter limit, percent, 0–100
 */
public record RutDepthRequirement(
    BigDecimal absoluteLimitMm, BigDecimal tighterLimitMm, BigDecimal tighterLimitSharePercent) {

  /** 3/4 in = 19.05 mm on every segment, 1/2 in = 12.7 mm on 85% of them. */
  public static final RutDepthRequirement VIRGINIA_P3 =
      new RutDepthRequirement(
          new BigDecimal("19.05"), new BigDecimal("12.7"), BigDecimal.valueOf(85));

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  public RutDepthRequirement {
    absoluteLimitMm = Require.positive(absoluteLimitMm, "absoluteLimitMm");
    tighterLimitMm = Require.positive(tighterLimitMm, "tighterLimitMm");
    tighterLimitSharePercent =
        Require.percent(tighterLimitSharePercent, "tighterLimitSharePercent");
    if (tighterLimitMm.compareTo(absoluteLimitMm) > 0) {
      throw new IllegalArgumentException(
          "tighterLimitMm: must not exceed absoluteLimitMm ("
              + absoluteLimitMm.toPlainString()
              + "), was "
              + tighterLimitMm.toPlainString());
    }
  }

  /** Whether the survey meets both levels of the requirement. */
  public boolean isMetBy(RutDepthSurvey survey) {
    Require.present(survey, "survey");
    int segments = survey.segmentCount();
    boolean allWithinAbsolute = survey.segmentsAtOrBelow(absoluteLimitMm) == segments;
    BigDecimal withinTighter = BigDecimal.valueOf(survey.segmentsAtOrBelow(tighterLimitMm));
    return allWithinAbsolute
        && withinTighter
                .multiply(HUNDRED)
                .compareTo(tighterLimitSharePercent.multiply(BigDecimal.valueOf(segments)))
            >= 0;
  }
}
