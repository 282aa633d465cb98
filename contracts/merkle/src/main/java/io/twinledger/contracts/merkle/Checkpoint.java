package io.twinledger.contracts.merkle;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A checkpoint of a named Merkle log: its size and root at a moment. The log operator signs {@link
 * #signedContent()}; the audit-anchor chaincode verifies that signature and records the checkpoint
 * on the ledger, and the offline verifier checks it again. Timestamps are kept to the millisecond
 * so that the signed text is the same wherever it is rebuilt.
 *
 * @param logId the log's name: 1 to 64 characters from {@code [a-z0-9._-]}
 * @param treeSize leaves in the tree, at least 0
 * @param root the tree's root hash (RFC 9162 MTH)
 * @param timestamp when the operator took the checkpoint, UTC, truncated to milliseconds
 */
public record Checkpoint(String logId, long treeSize, Sha256 root, Instant timestamp) {

  /** First line of the signed text; a new encoding gets a new version. */
  public static final String FORMAT = "twinledger-checkpoint/v1";

  public Checkpoint {
    if (!logId.matches("[a-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(
          "a log id is 1 to 64 characters from a-z, 0-9, '.', '_' and '-': " + logId);
    }
    if (treeSize < 0) {
      throw new IllegalArgumentException("a tree size must not be negative: " + treeSize);
    }
    timestamp = timestamp.truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * The bytes the operator signs: UTF-8 lines, each ending in {@code \n}: the format, the log id,
   * the tree size in decimal, the root in lower-case hex, the timestamp in ISO-8601 UTC ({@link
   * Instant#toString()}).
   */
  public byte[] signedContent() {
    return (FORMAT + "\n" + logId + "\n" + treeSize + "\n" + root.hex() + "\n" + timestamp + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }
}
