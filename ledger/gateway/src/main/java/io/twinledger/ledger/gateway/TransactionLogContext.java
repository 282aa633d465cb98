package io.twinledger.ledger.gateway;

import org.slf4j.MDC;

/**
 * The Fabric transaction id in the logging context while a transaction is under way, so that every
 * line logged meanwhile (by us, the gateway client or gRPC) can be matched with the transaction on
 * the ledger. Every submit site of ours uses it:
 *
 * <pre>{@code
 * try (var tx = TransactionLogContext.of(proposal.getTransactionId())) {
 *   proposal.endorse().submitAsync().getStatus();
 * }
 * }</pre>
 */
public final class TransactionLogContext {

  /** The logging context's key: {@value}. */
  public static final String TX_ID = "txId";

  private TransactionLogContext() {}

  /** Puts {@code txId} in the logging context until the returned value is closed. */
  public static MDC.MDCCloseable of(String txId) {
    return MDC.putCloseable(TX_ID, txId);
  }
}
