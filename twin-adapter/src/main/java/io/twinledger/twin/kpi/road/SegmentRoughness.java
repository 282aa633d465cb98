package io.twinledger.twin.kpi.road;

import io.twinledger.twin.kpi.Ratio;
import io.twinledger.twin.kpi.Require;
import java.math.BigDecimal;
import java.util.List;

/**
 * The roughness profile of a road segment as consecutive sections, each with its length and IRI.
 *
 * <p>Sections may differ in length, so statistics are weighted by length: a 10 m patch of bad road
 * must not count as much as a kilometre of good road.
 *
 * @param sections the sections, at least one
 */
public record SegmentRoughness(List<RoughnessSection> sections) {

  public SegmentRoughness {
    sections = Require.nonEmpty(sections, "sections");
  }

  /** Total length of the sections, km, exact. */
  public BigDecimal lengthKm() {
    return Require.normalised(
        sections.stream().map(RoughnessSection::lengthKm).reduce(BigDecimal.ZERO, BigDecimal::add));
  }

  /**
   * Length-weighted mean IRI, m/km: Σ (length × IRI) / Σ length, rounded to {@link
   * Ratio#PRECISION}.
   */
  public BigDecimal meanIriMPerKm() {
    BigDecimal weighted =
        sections.stream()
            .map(section -> section.lengthKm().multiply(section.iriMPerKm()))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    return Ratio.of(weighted, lengthKm()).orElseThrow();
  }

  /**
   * Share of the segment's length whose IRI is strictly above a threshold, percent 0–100, rounded
   * to {@link Ratio#PRECISION}. A section exactly on the threshold is not above it.
   *
   * @param threshold the IRI limit, in {@code unit}; each section's IRI is converted to that unit,
   *     so an in/mi limit such as 140 is compared exactly
   * @param unit the unit of {@code threshold}
   */
  public BigDecimal sharePercentAbove(BigDecimal threshold, IriUnit unit) {
    BigDecimal limit = Require.nonNegative(threshold, "threshold");
    Require.present(unit, "unit");
    BigDecimal above =
        sections.stream()
            .filter(
                section ->
                    IriUnit.METRES_PER_KILOMETRE.convert(section.iriMPerKm(), unit).compareTo(limit)
                        > 0)
            .map(RoughnessSection::lengthKm)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    return Ratio.percent(above, lengthKm()).orElseThrow();
  }
}
