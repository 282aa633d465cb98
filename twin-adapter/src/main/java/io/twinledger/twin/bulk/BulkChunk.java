package io.twinledger.twin.bulk;

import java.util.List;

/**
 * A slice of a bulk file: its readable rows, its rejected lines, and how far into the file it
 * reaches, for progress reporting and for resuming.
 *
 * @param bytesRead bytes of the file consumed up to the end of this chunk
 */
public record BulkChunk(List<BulkRow> rows, List<BulkRejection> rejections, long bytesRead) {

  public BulkChunk {
    rows = List.copyOf(rows);
    rejections = List.copyOf(rejections);
  }
}
