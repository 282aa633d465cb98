package io.twinledger.ledger.token;

import io.twinledger.finance.payout.Payout;
import java.util.List;

/**
 * A completed payout as the chain recorded it.
 *
 * @param chain {@code fabric} or {@code evm}
 * @param tokenId the bond's token
 * @param paymentId the payment
 * @param payouts what each holder received, in holder-id order
 * @param allocationDigest {@link io.twinledger.finance.payout.PayoutDigest} of {@code payouts}
 * @param transactions the transaction ids (Fabric) or hashes (EVM) that carried the payout
 * @param block the block of the last of them
 */
public record PayoutReceipt(
    String chain,
    String tokenId,
    String paymentId,
    List<Payout> payouts,
    String allocationDigest,
    List<String> transactions,
    long block) {

  public PayoutReceipt {
    payouts = List.copyOf(payouts);
    transactions = List.copyOf(transactions);
  }
}
