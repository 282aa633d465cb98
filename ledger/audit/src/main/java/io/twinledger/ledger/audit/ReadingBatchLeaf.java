package io.twinledger.ledger.audit;

import io.twinledger.contracts.merkle.Sha256;

/**
 * A batch of twin readings as the reading store committed it: its id, the source its readings came
 * from, how many readings it holds and the SHA-256 digest of their canonical encoding (the twin
 * adapter's {@code ReadingBatch}, encoding {@code twinledger-readings-v1}).
 *
 * <p>An offline verifier holding the readings rebuilds this leaf: it puts them in the batch's
 * canonical order, encodes and digests them as {@code ReadingBatch} documents, and encodes this
 * record (tag {@code twinledger-leaf/reading-batch/v1}, then batch id, source, reading count,
 * digest; see {@link AuditLeaf}).
 *
 * @param batchId the reading store's batch id, at least 1
 * @param source the source of the batch's readings, such as {@code mqtt:127.0.0.1}
 * @param readingCount readings in the batch, at least 1
 * @param digest SHA-256 of the readings' canonical encoding
 */
public record ReadingBatchLeaf(long batchId, String source, long readingCount, Sha256 digest)
    implements AuditLeaf {

  public ReadingBatchLeaf {
    if (batchId < 1) {
      throw new IllegalArgumentException("a batch id is at least 1: " + batchId);
    }
    if (source.isEmpty()) {
      throw new IllegalArgumentException("a reading batch's source must not be empty");
    }
    if (readingCount < 1) {
      throw new IllegalArgumentException("a reading batch holds at least 1 reading");
    }
  }

  @Override
  public LeafKind kind() {
    return LeafKind.READING_BATCH;
  }

  @Override
  public long reference() {
    return batchId;
  }

  @Override
  public byte[] data() {
    return new LeafBytes.Writer()
        .text(LeafKind.READING_BATCH.tag())
        .int64(batchId)
        .text(source)
        .int64(readingCount)
        .digest(digest)
        .bytes();
  }

  static ReadingBatchLeaf read(LeafBytes.Reader in) {
    return new ReadingBatchLeaf(in.int64(), in.text(), in.int64(), in.digest());
  }
}
