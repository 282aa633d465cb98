package io.twinledger.ledger.audit;

/**
 * What one append did.
 *
 * @param firstIndex index of the first leaf appended (the old tree size)
 * @param count leaves appended; leaves whose kind and reference the log held already are skipped
 * @param treeSize the log's size after the append
 */
public record Appended(long firstIndex, int count, long treeSize) {}
