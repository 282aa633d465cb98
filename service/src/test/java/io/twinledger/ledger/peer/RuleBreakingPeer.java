package io.twinledger.ledger.peer;

import io.twinledger.ledger.audit.AuditLog;

/**
 * A test-only class placed in the peer's package that uses the audit log, which the peer may not:
 * the architecture test shows that its module rules report it.
 */
public final class RuleBreakingPeer {

  private RuleBreakingPeer() {}

  /** The forbidden dependency. */
  public static Class<?> forbidden() {
    return AuditLog.class;
  }
}
