package io.twinledger.ledger.token;

/**
 * The chain refused a token operation by its rules: an unregistered or frozen holder, a paused
 * token, too few units, a payout that does not match its snapshot.
 */
public final class TokenRefusal extends RuntimeException {

  private final String code;

  /**
   * @param code the chain's error code, such as {@code HOLDER_NOT_REGISTERED}
   * @param message what was refused and why
   */
  public TokenRefusal(String code, String message) {
    super(message);
    this.code = code;
  }

  /** The chain's error code. */
  public String code() {
    return code;
  }
}
