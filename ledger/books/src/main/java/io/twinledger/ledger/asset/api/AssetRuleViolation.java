package io.twinledger.ledger.asset.api;

/**
 * A command was well formed but the asset's current state does not allow it, for example a change
 * to a decommissioned asset.
 */
public final class AssetRuleViolation extends RuntimeException {

  private final String field;

  public AssetRuleViolation(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The request field the rule concerns. */
  public String field() {
    return field;
  }
}
