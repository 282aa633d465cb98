package io.twinledger.service.asset;

import io.twinledger.ledger.asset.api.InvalidFieldException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters of a history page, of an asset or of a KPI's period series, checked.
 *
 * @param after the sequence number to continue after; from the first event when empty
 * @param type one event type, by simple name
 * @param limit 1 to {@value #MAX_LIMIT} events
 */
record HistoryQuery(Optional<Long> after, Optional<String> type, int limit) {

  static final int MAX_LIMIT = 1_000;

  /**
   * Checks the query parameters of a page of a stream whose events are of {@code types}, by simple
   * name.
   */
  static HistoryQuery parse(Long after, String type, int limit, Set<String> types) {
    if (after != null && after < 0) {
      throw new InvalidFieldException("after", "must be a sequence number, 0 or more");
    }
    if (type != null && !types.contains(type)) {
      throw new InvalidFieldException(
          "type", "must be one of " + String.join(", ", new TreeSet<>(types)));
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidFieldException("limit", "must be within 1.." + MAX_LIMIT);
    }
    return new HistoryQuery(Optional.ofNullable(after), Optional.ofNullable(type), limit);
  }

  /**
   * The address of the page after {@code next}, with this page's type and limit.
   *
   * @param path the history's path, its variables URL-encoded
   */
  String next(String path, long next) {
    return path + "?after=" + next + "&limit=" + limit + type.map(t -> "&type=" + t).orElse("");
  }
}
