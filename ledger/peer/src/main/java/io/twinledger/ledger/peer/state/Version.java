package io.twinledger.ledger.peer.state;

/**
 * The height at which a key was last written: the block number and the index of the transaction
 * within that block, as in Fabric's {@code kvrwset.Version}.
 */
public record Version(long blockNumber, int txNumber) implements Comparable<Version> {

  public Version {
    if (blockNumber < 0 || txNumber < 0) {
      throw new IllegalArgumentException("Negative version " + blockNumber + ":" + txNumber);
    }
  }

  @Override
  public int compareTo(Version other) {
    int byBlock = Long.compare(blockNumber, other.blockNumber);
    return byBlock != 0 ? byBlock : Integer.compare(txNumber, other.txNumber);
  }

  @Override
  public String toString() {
    return "block " + blockNumber + " tx " + txNumber;
  }
}
