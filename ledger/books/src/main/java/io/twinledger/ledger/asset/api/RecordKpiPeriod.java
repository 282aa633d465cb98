package io.twinledger.ledger.asset.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records the verified figure of one KPI period, as the twin adapter closed it. A period that
 * received late readings is recorded again with the next revision; every revision stays in the
 * history of the KPI's period series ({@code KpiPeriodSeries}), the stream {@link #seriesId()}, not
 * on the asset's stream, so that closing periods leaves the asset's version alone.
 *
 * @param assetId the asset, an id as {@link RegisterAsset#ASSET_ID} allows
 * @param kpiId the KPI, an id as {@link KpiDefinition} allows
 * @param periodKind HOUR, DAY, MONTH or QUARTER, cut in the asset's time zone
 * @param periodStart inclusive start of the period
 * @param periodEnd exclusive end of the period
 * @param revision 1 for the first close of the period, then 2, 3, ...
 * @param value the aggregate in {@code unit}, empty when no usable reading arrived
 * @param coveragePercent share of expected reporting slots filled, 0 to 100
 * @param qualitySummary number of readings per quality flag
 * @param batchDigests lower-case hex SHA-256 digests of the reading batches used: the evidence
 * @param components for a derived KPI, the named figures its value was computed from, such as
 *     {@code systemInputM3} and {@code billedM3}; empty for a measured KPI
 * @param remarks what a reader of the figure must know, such as a UARL validity warning
 * @param classification the band the value falls in, where the formula defines bands (PCI)
 * @param cause why this revision was recorded, such as {@code correction 12 by operator: meter
 *     misread}; empty for a first close
 */
public record RecordKpiPeriod(
    String assetId,
    String kpiId,
    String periodKind,
    Instant periodStart,
    Instant periodEnd,
    Integer revision,
    Optional<BigDecimal> value,
    String unit,
    BigDecimal coveragePercent,
    Integer readingCount,
    Map<String, Integer> qualitySummary,
    List<String> batchDigests,
    Map<String, BigDecimal> components,
    List<String> remarks,
    Optional<String> classification,
    Optional<String> cause) {

  private static final Pattern KIND = Pattern.compile("HOUR|DAY|MONTH|QUARTER");
  private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  public RecordKpiPeriod {
    Require.matching(assetId, RegisterAsset.ASSET_ID, "an asset id", "assetId");
    Require.matching(kpiId, KpiDefinition.ID, "a KPI id", "kpiId");
    Require.matching(periodKind, KIND, "HOUR, DAY, MONTH or QUARTER", "periodKind");
    Require.present(periodStart, "periodStart");
    if (!Require.present(periodEnd, "periodEnd").isAfter(periodStart)) {
      throw new InvalidFieldException("periodEnd", "must be after periodStart");
    }
    Require.atLeast(revision, 1, "revision");
    value = Require.present(value, "value").map(v -> Require.decimal(v, "value"));
    Require.present(unit, "unit");
    coveragePercent = Require.nonNegative(coveragePercent, "coveragePercent");
    if (coveragePercent.compareTo(HUNDRED) > 0) {
      throw new InvalidFieldException("coveragePercent", "must be at most 100");
    }
    Require.atLeast(readingCount, 0, "readingCount");
    qualitySummary = Map.copyOf(Require.present(qualitySummary, "qualitySummary"));
    batchDigests = List.copyOf(Require.present(batchDigests, "batchDigests"));
    for (int i = 0; i < batchDigests.size(); i++) {
      Require.matching(
          batchDigests.get(i), DIGEST, "64 lower-case hex digits", "batchDigests[" + i + "]");
    }
    components = Map.copyOf(Require.present(components, "components"));
    remarks = List.copyOf(Require.present(remarks, "remarks"));
    Require.present(classification, "classification");
    Require.present(cause, "cause");
  }

  /** The stream of the KPI's periods, which records this command's event. */
  @TargetAggregateIdentifier
  public String seriesId() {
    return PeriodStreams.seriesId(assetId, kpiId);
  }
}
