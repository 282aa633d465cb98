package io.twinledger.ledger.peer.store;

/**
 * Something the start-up check found wrong with the stored ledger.
 *
 * @param kind what part of the ledger is affected
 * @param description what exactly is wrong, naming blocks, transactions and keys
 */
public record ChainDefect(Kind kind, String description) {

  /** The part of the ledger a defect is in. */
  public enum Kind {
    /** A block: unreadable, missing, a hash that does not match, a broken link. */
    BLOCK,
    /** The transaction table disagrees with the blocks. */
    TRANSACTION,
    /** The world state disagrees with replaying the valid write sets. */
    WORLD_STATE,
    /** Stored private data disagrees with the hashes on the chain. */
    PRIVATE_DATA
  }

  @Override
  public String toString() {
    return description;
  }
}
