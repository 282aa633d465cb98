package io.twinledger.ledger.bond.api;

/**
 * A bond command was well formed but the bond's state does not allow it: a revision after issue, a
 * payment without a co-signed determination, a payout whose total differs from the payment, a stale
 * version.
 */
public final class BondRuleViolation extends RuntimeException {

  private final String field;

  public BondRuleViolation(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The request field the rule concerns. */
  public String field() {
    return field;
  }
}
