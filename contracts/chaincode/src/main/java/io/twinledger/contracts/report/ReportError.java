package io.twinledger.contracts.report;

import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Why {@link ReportContract} refused a call. The name is the code: it travels as the payload of the
 * chaincode's error response (fabric-samples style) and also opens the message ({@code
 * DIGEST_MISMATCH: report r-1 was issued with ...}), because a Fabric gateway passes on the
 * endorsers' messages but not their payloads. Every refusal is thrown before the contract writes
 * anything, so a refused call changes no state.
 */
public enum ReportError {
  /** An argument is missing, malformed or out of range; the message names it. */
  INVALID_ARGUMENT,
  /** No report has this id. */
  UNKNOWN_REPORT,
  /** The report id is recorded with other content: a report, once issued, never changes. */
  REPORT_EXISTS,
  /** The creator is not a client of the organisation that issues reports. */
  NOT_ISSUER,
  /** The creator is not a client of an organisation with the auditor role. */
  NOT_AUDITOR,
  /** The issuer's signature does not verify with the key of the creator's certificate. */
  BAD_SIGNATURE,
  /** The attested digest is not the one the report was issued with. */
  DIGEST_MISMATCH,
  /** The verdict is neither {@code APPROVED} nor {@code QUALIFIED}. */
  INVALID_VERDICT,
  /** A {@code QUALIFIED} verdict without comments: a qualification must say what it qualifies. */
  COMMENTS_REQUIRED,
  /** The creator's organisation has attested to this report already. */
  ALREADY_ATTESTED,
  /**
   * The report has been replaced: it is neither attested nor replaced again; its replacement is.
   */
  REPORT_REPLACED;

  /**
   * The exception the contract throws: the name and {@code message} as the message, the name as
   * payload.
   */
  ChaincodeException refuse(String message) {
    return new ChaincodeException(name() + ": " + message, name());
  }
}
