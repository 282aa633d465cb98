package io.twinledger.ledger.asset.projection;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One revision of a closed KPI period as the read side sees it.
 *
 * @param batchDigests the evidence: digests of the reading batches behind the value
 * @param components for a derived KPI, the figures its value was computed from
 * @param remarks warnings that go with the figure
 * @param classification the band of the value, where the formula defines bands
 * @param cause why a revision after the first was recorded, such as {@code correction 3 by
 *     operator: meter misread}
 * @param closedAt when this revision was recorded
 */
public record KpiPeriodView(
    String assetId,
    String kpiId,
    String periodKind,
    Instant periodStart,
    Instant periodEnd,
    int revision,
    Optional<BigDecimal> value,
    String unit,
    BigDecimal coveragePercent,
    int readingCount,
    Map<String, Integer> qualitySummary,
    List<String> batchDigests,
    Map<String, BigDecimal> components,
    List<String> remarks,
    Optional<String> classification,
    Optional<String> cause,
    Instant closedAt) {

  public KpiPeriodView {
    qualitySummary = Map.copyOf(qualitySummary);
    batchDigests = List.copyOf(batchDigests);
    components = Map.copyOf(components);
    remarks = List.copyOf(remarks);
  }
}
