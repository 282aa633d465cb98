package io.twinledger.twin.correction;

import java.util.List;

/**
 * A stored batch a correction can void, with what it feeds.
 *
 * @param digest lower-case hex SHA-256 of the batch
 * @param assets the assets its readings feed, each with the observation times it covers
 */
public record TargetBatch(long batchId, String digest, int readingCount, List<Span> assets) {

  public TargetBatch {
    assets = List.copyOf(assets);
  }

  /** The readings of one asset in the batch: from the first to the last observation time. */
  public record Span(String assetId, java.time.Instant first, java.time.Instant last) {}
}
