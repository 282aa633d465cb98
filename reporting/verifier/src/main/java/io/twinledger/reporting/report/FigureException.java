package io.twinledger.reporting.report;

/** A figure that cannot be computed from its inputs, with the reason in words. */
public final class FigureException extends Exception {

  public FigureException(String reason) {
    super(reason);
  }
}
