package io.twinledger.ledger.token;

import io.twinledger.finance.payout.Holding;
import java.util.List;

/**
 * The holders of a token at a payment's record date, as the chain resolved it.
 *
 * @param chain {@code fabric} or {@code evm}
 * @param tokenId the bond's token
 * @param paymentId the payment whose record date this is
 * @param block the block whose state the balances are: on Fabric the block that committed the
 *     snapshot transaction, on an EVM chain the checkpoint block of the balances
 * @param holdings holders with a positive balance, in holder-id order
 */
public record RecordSnapshot(
    String chain, String tokenId, String paymentId, long block, List<Holding> holdings) {

  public RecordSnapshot {
    holdings = List.copyOf(holdings);
  }
}
