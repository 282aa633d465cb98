package io.twinledger.ledger.audit.report;

/**
 * The report chaincode refused a call by its rules. {@link #code()} is the chaincode's error code:
 * {@code INVALID_ARGUMENT}, {@code UNKNOWN_REPORT}, {@code REPORT_EXISTS}, {@code NOT_ISSUER},
 * {@code NOT_AUDITOR}, {@code BAD_SIGNATURE}, {@code DIGEST_MISMATCH}, {@code INVALID_VERDICT},
 * {@code COMMENTS_REQUIRED}, {@code ALREADY_ATTESTED} or {@code REPORT_REPLACED} (see {@code
 * docs/chaincode.md}). A refused call changed nothing on the ledger.
 */
public final class ReportRefusal extends RuntimeException {

  private final String code;

  /**
   * @param code the chaincode's error code
   * @param message what the chaincode said, without the code
   */
  public ReportRefusal(String code, String message) {
    super(code + ": " + message);
    this.code = code;
  }

  /** The chaincode's error code, such as {@code DIGEST_MISMATCH}. */
  public String code() {
    return code;
  }
}
