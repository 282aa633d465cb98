package io.twinledger.ledger.model.api;

/**
 * A model command was well formed but the model's current state does not allow it: a change to a
 * retired model, a stale expected version, an id already taken.
 */
public final class ModelRuleViolation extends RuntimeException {

  private final String field;

  public ModelRuleViolation(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The request field the rule concerns. */
  public String field() {
    return field;
  }
}
