package io.twinledger.twin.formula;

import io.twinledger.twin.kpi.road.IriUnit;
import io.twinledger.twin.kpi.road.RoughnessSection;
import io.twinledger.twin.kpi.road.SegmentRoughness;
import io.twinledger.twin.period.Formula;
import io.twinledger.twin.period.FormulaResult;
import io.twinledger.twin.period.PeriodReading;
import io.twinledger.twin.period.PeriodWindow;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;

/**
 * Share of a road segment's length whose IRI is strictly above a threshold, percent. Each sensor is
 * one section of the segment and the sections are taken to be of equal length, as a profiler
 * reports fixed-length intervals; a section's latest reading in the period counts, so a resurvey
 * replaces the earlier figure. Empty when no section was surveyed.
 *
 * @param thresholdMPerKm IRI limit in m/km, compared exactly
 */
public record IriShareAbove(BigDecimal thresholdMPerKm) implements Formula {

  static final String IRI = "iri";

  public IriShareAbove {
    Objects.requireNonNull(thresholdMPerKm, "thresholdMPerKm");
  }

  @Override
  public List<String> roles() {
    return List.of(IRI);
  }

  @Override
  public FormulaResult apply(PeriodWindow window, Map<String, List<PeriodReading>> inputs) {
    Map<String, PeriodReading> latest =
        Formula.readings(inputs, IRI).stream()
            .collect(
                Collectors.toMap(
                    r -> r.reading().sensorId(),
                    r -> r,
                    BinaryOperator.maxBy(
                        Comparator.comparing((PeriodReading r) -> r.reading().observedAt()))));
    if (latest.isEmpty()) {
      return FormulaResult.of(Optional.empty(), Map.of());
    }
    SegmentRoughness segment =
        new SegmentRoughness(
            latest.values().stream()
                .map(r -> new RoughnessSection(BigDecimal.ONE, r.reading().value()))
                .toList());
    BigDecimal share = segment.sharePercentAbove(thresholdMPerKm, IriUnit.METRES_PER_KILOMETRE);
    return FormulaResult.of(
        Optional.of(share),
        Map.of(
            "sections", BigDecimal.valueOf(latest.size()),
            "meanIriMPerKm", segment.meanIriMPerKm(),
            "thresholdMPerKm", thresholdMPerKm));
  }
}
