package io.twinledger.service.asset;

import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.service.query.TimeRange;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The query parameters of the KPI period list, checked. Without bounds it covers all time.
 *
 * @param all every revision rather than only the latest of each period
 */
record PeriodQuery(Optional<String> kind, Instant from, Instant to, boolean all) {

  private static final Set<String> KINDS = Set.of("HOUR", "DAY", "MONTH", "QUARTER");

  static PeriodQuery parse(String kind, String from, String to, String revisions) {
    if (kind != null && !KINDS.contains(kind)) {
      throw new InvalidFieldException("kind", "must be one of HOUR, DAY, MONTH, QUARTER");
    }
    if (!revisions.equals("latest") && !revisions.equals("all")) {
      throw new InvalidFieldException("revisions", "must be 'latest' or 'all'");
    }
    TimeRange range = TimeRange.parse(from, to);
    return new PeriodQuery(
        Optional.ofNullable(kind), range.from(), range.to(), revisions.equals("all"));
  }
}
