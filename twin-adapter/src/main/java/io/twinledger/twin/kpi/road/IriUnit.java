package io.twinledger.twin.kpi.road;

import io.twinledger.twin.kpi.Ratio;
import io.twinledger.twin.kpi.Require;
import java.math.BigDecimal;

/**
 * Units of the International Roughness Index, a slope: vertical travel of a quarter-car over
 * distance travelled.
 *
 * <p>1 m/km = 63.36 in/mi exactly (1 mi = 1,609.344 m and 1 in = 0.0254 m, so 1 m/km = 1.609344
 * m/mi = 63.36 in/mi). Conversion to in/mi is therefore exact; conversion to m/km divides by 63.36
 * and is rounded to {@link Ratio#PRECISION}, since 63.36 = 2⁶ × 3² × 11 / 100 leaves most quotients
 * non-terminating.
 */
public enum IriUnit {
  /** m/km, the SI form and the canonical unit of KPI inputs. */
  METRES_PER_KILOMETRE,
  /** in/mi, the unit of US federal and many contractual limits. */
  INCHES_PER_MILE;

  /** In/mi per m/km, exact. */
  public static final BigDecimal INCHES_PER_MILE_PER_METRE_PER_KILOMETRE = new BigDecimal("63.36");

  /**
   * Converts an IRI value from this unit to {@code target}.
   *
   * @param value IRI in this unit, zero or more
   */
  public BigDecimal convert(BigDecimal value, IriUnit target) {
    BigDecimal iri = Require.nonNegative(value, "value");
    Require.present(target, "target");
    if (this == target) {
      return iri;
    }
    if (target == INCHES_PER_MILE) {
      return Require.normalised(iri.multiply(INCHES_PER_MILE_PER_METRE_PER_KILOMETRE));
    }
    return Ratio.of(iri, INCHES_PER_MILE_PER_METRE_PER_KILOMETRE).orElseThrow();
  }
}
