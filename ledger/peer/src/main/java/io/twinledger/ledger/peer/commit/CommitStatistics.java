package io.twinledger.ledger.peer.commit;

import java.time.Duration;

/**
 * Where the committer has spent its time since the peer started (wall-clock time on the commit
 * thread, per phase).
 *
 * @param blocks blocks committed
 * @param transactions transactions in them
 * @param valid how many were valid
 * @param checking parsing, signature and endorsement checks (in parallel per block)
 * @param deciding duplicate, MVCC and phantom checks (in order)
 * @param storing writing blocks, transactions, state and history to PostgreSQL
 * @param applying updating the in-memory state and notifying waiting clients
 */
public record CommitStatistics(
    long blocks,
    long transactions,
    long valid,
    Duration checking,
    Duration deciding,
    Duration storing,
    Duration applying) {}
