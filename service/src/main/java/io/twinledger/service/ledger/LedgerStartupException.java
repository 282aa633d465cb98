package io.twinledger.service.ledger;

/**
 * The ledger cannot be used as configured; the message is the one line the command line prints
 * ({@code twinledger: cannot start: ...}). What it was caused by, if anything, is attached as
 * suppressed rather than as the cause, so that the line shown is this one and not the innermost
 * exception's.
 */
public final class LedgerStartupException extends IllegalStateException {

  public LedgerStartupException(String message) {
    super(message);
  }

  public LedgerStartupException(String message, Throwable detail) {
    super(message);
    addSuppressed(detail);
  }
}
