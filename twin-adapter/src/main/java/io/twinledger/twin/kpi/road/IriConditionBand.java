package io.twinledger.twin.kpi.road;

import io.twinledger.twin.kpi.Require;
import java.math.BigDecimal;

/**
 * Pavement condition rated by roughness under 23 CFR 490.313 (US federal performance measures).
 *
 * <p>The regulation rates IRI below 95 in/mi good, above 170 in/mi poor and everything from 95 to
 * 170 in/mi inclusive fair. Both limits are parameters with those defaults. The regulation states
 * its limits in in/mi; 1.50 m/km is 95.04 in/mi and so rates fair, although tables often quote "≈
 * 1.50 m/km" for the good limit.
 */
public enum IriConditionBand {
  /** IRI strictly below the good limit. */
  GOOD,
  /** IRI from the good limit to the poor limit, both inclusive. */
  FAIR,
  /** IRI strictly above the poor limit. */
  POOR;

  /** 23 CFR 490.313: IRI below this, in/mi, is good. */
  public static final BigDecimal FHWA_GOOD_BELOW_IN_PER_MI = BigDecimal.valueOf(95);

  /** 23 CFR 490.313: IRI above this, in/mi, is poor. */
  public static final BigDecimal FHWA_POOR_ABOVE_IN_PER_MI = BigDecimal.valueOf(170);

  /** The band of an IRI under the 23 CFR 490.313 limits, compared exactly in in/mi. */
  public static IriConditionBand of(BigDecimal iriMPerKm) {
    return of(
        iriMPerKm, FHWA_GOOD_BELOW_IN_PER_MI, FHWA_POOR_ABOVE_IN_PER_MI, IriUnit.INCHES_PER_MILE);
  }

  /**
   * The band of an IRI under contractual limits.
   *
   * @param iriMPerKm the IRI, m/km, zero or more; converted to {@code limitUnit} before comparing
   * @param goodBelow IRI strictly below this is good, greater than zero
   * @param poorAbove IRI strictly above this is poor; at least {@code goodBelow}
   * @param limitUnit the unit both limits are in
   */
  public static IriConditionBand of(
      BigDecimal iriMPerKm, BigDecimal goodBelow, BigDecimal poorAbove, IriUnit limitUnit) {
    BigDecimal good = Require.positive(goodBelow, "goodBelow");
    BigDecimal poor = Require.positive(poorAbove, "poorAbove");
    if (poor.compareTo(good) < 0) {
      throw new IllegalArgumentException(
          "poorAbove: must not be below goodBelow ("
              + good.toPlainString()
              + "), was "
              + poor.toPlainString());
    }
    BigDecimal iri =
        IriUnit.METRES_PER_KILOMETRE.convert(
            Require.nonNegative(iriMPerKm, "iriMPerKm"), Require.present(limitUnit, "limitUnit"));
    if (iri.compareTo(good) < 0) {
      return GOOD;
    }
    return iri.compareTo(poor) > 0 ? POOR : FAIR;
  }
}
