package io.twinledger.contracts.audit;

/**
 * Where the audit-anchor contract keeps a log's checkpoints in the world state.
 *
 * <ul>
 *   <li>{@code checkpoint~<logId>~<size>}: every recorded checkpoint, the size zero-padded to 20
 *       digits so that the keys of one log sort by size and a range query returns them in order;
 *   <li>{@code latest~<logId>}: the last recorded checkpoint, the one a new checkpoint must extend
 *       (Fabric has no reverse range query to find it otherwise).
 * </ul>
 *
 * These are simple keys, not shim composite keys: {@code getStateByRange} refuses composite keys
 * and a partial composite key query cannot bound the size. A log id never contains {@code ~}, so
 * one log's keys never run into another's.
 */
final class CheckpointKeys {

  /** The rule of {@link io.twinledger.contracts.merkle.Checkpoint}'s log id. */
  private static final String LOG_ID = "[a-z0-9._-]{1,64}";

  private static final int SIZE_DIGITS = 20;

  private CheckpointKeys() {}

  /** Whether {@code logId} is a valid log id (and so safe inside a key). */
  static boolean isLogId(String logId) {
    return logId.matches(LOG_ID);
  }

  /** The key of the checkpoint of {@code logId} at {@code treeSize} leaves. */
  static String checkpoint(String logId, long treeSize) {
    return prefix(logId) + padded(Long.toString(treeSize));
  }

  /** The first key after every checkpoint of {@code logId} up to {@code treeSize} leaves. */
  static String after(String logId, long treeSize) {
    // treeSize + 1 overflows for Long.MAX_VALUE; read unsigned, it is still the next number.
    return prefix(logId) + padded(Long.toUnsignedString(treeSize + 1));
  }

  /** The key of the last checkpoint recorded for {@code logId}. */
  static String latest(String logId) {
    return "latest~" + logId;
  }

  private static String prefix(String logId) {
    return "checkpoint~" + logId + "~";
  }

  private static String padded(String digits) {
    return "0".repeat(SIZE_DIGITS - digits.length()) + digits;
  }
}
