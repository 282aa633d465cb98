package io.twinledger.service.asset;

import io.twinledger.ledger.asset.AssetHistory;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The query parameters of an asset's history page, checked.
 *
 * @param after the sequence number to continue after; from the first event when empty
 * @param type one event type, by simple name
 * @param limit 1 to {@value #MAX_LIMIT} events
 */
record HistoryQuery(Optional<Long> after, Optional<String> type, int limit) {

  static final int MAX_LIMIT = 1_000;

  static HistoryQuery parse(Long after, String type, int limit) {
    if (after != null && after < 0) {
      throw new InvalidFieldException("after", "must be a sequence number, 0 or more");
    }
    if (type != null && !AssetHistory.EVENT_TYPES.contains(type)) {
      throw new InvalidFieldException(
          "type", "must be one of " + String.join(", ", new TreeSet<>(AssetHistory.EVENT_TYPES)));
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidFieldException("limit", "must be within 1.." + MAX_LIMIT);
    }
    return new HistoryQuery(Optional.ofNullable(after), Optional.ofNullable(type), limit);
  }

  /** The address of the page after {@code next}, with this page's type and limit. */
  String next(String assetId, long next) {
    return "/api/v1/assets/"
        + URLEncoder.encode(assetId, StandardCharsets.UTF_8)
        + "/events?after="
        + next
        + "&limit="
        + limit
        + type.map(t -> "&type=" + t).orElse("");
  }
}
