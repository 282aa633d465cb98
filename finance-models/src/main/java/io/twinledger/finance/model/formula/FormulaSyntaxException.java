package io.twinledger.finance.model.formula;

/** A formula that is not well formed, with the 0-based character offset where parsing stopped. */
public final class FormulaSyntaxException extends RuntimeException {

  private final int position;
  private final String reason;

  public FormulaSyntaxException(int position, String reason) {
    super("at character " + (position + 1) + ": " + reason);
    this.position = position;
    this.reason = reason;
  }

  /** The 0-based offset in the formula text; messages show it 1-based. */
  public int position() {
    return position;
  }

  /** What is wrong, without the position. */
  public String reason() {
    return reason;
  }
}
