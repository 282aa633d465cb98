package io.twinledger.twin.store;

import io.twinledger.twin.reading.QualityFlag;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which stored readings to return: one asset, optionally one KPI and one quality flag, observed in
 * {@code [from, to)}, oldest first, at most {@code limit}.
 */
public record ReadingQuery(
    String assetId,
    Optional<String> kpiId,
    Optional<QualityFlag> flag,
    Instant from,
    Instant to,
    int limit) {

  /** Upper bound on {@code limit}; larger extracts are bulk exports, not API pages. */
  public static final int MAX_LIMIT = 10_000;

  public ReadingQuery {
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(kpiId, "kpiId");
    Objects.requireNonNull(flag, "flag");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("to must be after from");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be within 1.." + MAX_LIMIT);
    }
  }
}
