package io.twinledger.reporting.evidence.export;

/**
 * The evidence for a period cannot be exported now, for a reason the message states: no ledger to
 * anchor on, a batch or event not in the audit log yet, no anchored checkpoint covering them.
 */
public final class EvidenceUnavailableException extends RuntimeException {
  public EvidenceUnavailableException(String message) {
    super(message);
  }
}
