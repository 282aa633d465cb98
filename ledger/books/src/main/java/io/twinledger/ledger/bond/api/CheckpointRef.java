package io.twinledger.ledger.bond.api;

/**
 * The anchored audit-log checkpoint that covered a determination's leaves.
 *
 * @param logId the audit log
 * @param treeSize the checkpoint's tree size; every leaf used has a smaller index
 * @param rootHex the tree's root hash, hex
 * @param anchorTransaction the ledger transaction that anchored it
 * @param anchorBlock the block of that transaction
 */
public record CheckpointRef(
    String logId, long treeSize, String rootHex, String anchorTransaction, long anchorBlock) {}
