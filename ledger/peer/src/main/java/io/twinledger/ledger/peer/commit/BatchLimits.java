package io.twinledger.ledger.peer.commit;

import java.time.Duration;

/**
 * When the orderer cuts a block, as Fabric's {@code BatchSize} and {@code BatchTimeout}: after
 * {@code maxTransactions} envelopes, when the next envelope would take the block past {@code
 * preferredMaxBytes}, or {@code timeout} after the block's first envelope arrived, whichever comes
 * first.
 *
 * @param maxTransactions the most envelopes in one block
 * @param preferredMaxBytes the size a block stays under (a single larger envelope gets a block of
 *     its own)
 * @param timeout how long the first envelope of a block waits for company
 */
public record BatchLimits(int maxTransactions, long preferredMaxBytes, Duration timeout) {

  /**
   * The defaults: 500 transactions, 2 MB, 200 ms. Fabric's sample configuration cuts at 10
   * transactions, 2 MB or 2 s; under load this peer commits one block while the next fills, so
   * larger blocks cost no latency and the short timeout keeps a lone transaction's commit quick.
   */
  public static final BatchLimits DEFAULT =
      new BatchLimits(500, 2 * 1024 * 1024, Duration.ofMillis(200));

  public BatchLimits {
    if (maxTransactions < 1 || preferredMaxBytes < 1 || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "Batch limits must be positive: "
              + maxTransactions
              + " tx, "
              + preferredMaxBytes
              + " bytes, "
              + timeout);
    }
  }
}
