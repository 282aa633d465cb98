package io.twinledger.reporting;

/**
 * The asset, KPI period, P&amp;L line or other subject a report was asked for does not exist (or
 * has nothing to report yet); the message names it.
 */
public final class UnknownSubjectException extends RuntimeException {

  public UnknownSubjectException(String message) {
    super(message);
  }
}
