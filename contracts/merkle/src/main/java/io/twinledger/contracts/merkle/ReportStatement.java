package io.twinledger.contracts.merkle;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What the issuer of a compliance report signs and the report contract records: the report's id,
 * type, subject and period and the SHA-256 of its bytes. The issuer signs {@link #signedContent()}
 * with ECDSA (SHA256withECDSA, DER) using the key of the certificate it submits with; the report
 * contract verifies that signature before it records the report, and an offline verifier checks it
 * again against the report file it holds.
 *
 * <p>The signed text is one field a line, so no field may contain a line break or other control
 * character:
 *
 * <pre>
 * twinledger-report-statement/v1
 * &lt;reportId&gt;
 * &lt;reportType&gt;
 * &lt;subject&gt;
 * &lt;period&gt;
 * &lt;sha256, 64 lower-case hex digits&gt;
 * </pre>
 *
 * @param reportId 1 to 128 characters from {@code A-Z a-z 0-9 . _ : @ + -}; never reused
 * @param reportType 1 to 64 characters from {@code a-z 0-9 . _ -}, such as {@code kpi-performance}
 * @param subject what the report is about, such as an asset or a bond id: 1 to 256 characters, no
 *     control characters
 * @param period the period it covers, such as {@code 2026-Q1}: 1 to 64 characters, no control
 *     characters
 * @param sha256 the SHA-256 of the report's bytes, exactly as published
 */
public record ReportStatement(
    String reportId, String reportType, String subject, String period, Sha256 sha256) {

  /** First line of the signed text; a new encoding gets a new version. */
  public static final String FORMAT = "twinledger-report-statement/v1";

  /** The rule of a report id; it is safe inside a world-state key. */
  public static final String REPORT_ID = "[A-Za-z0-9._:@+-]{1,128}";

  private static final String REPORT_TYPE = "[a-z0-9._-]{1,64}";

  public ReportStatement {
    if (reportId == null || !reportId.matches(REPORT_ID)) {
      throw new IllegalArgumentException(
          "reportId: 1 to 128 characters from A-Z, a-z, 0-9 and . _ : @ + -, not " + reportId);
    }
    if (reportType == null || !reportType.matches(REPORT_TYPE)) {
      throw new IllegalArgumentException(
          "reportType: 1 to 64 characters from a-z, 0-9 and . _ -, not " + reportType);
    }
    text("subject", subject, 256);
    text("period", period, 64);
    Objects.requireNonNull(sha256, "sha256");
  }

  /** Whether {@code reportId} is a valid report id. */
  public static boolean isReportId(String reportId) {
    return reportId != null && reportId.matches(REPORT_ID);
  }

  /** The text the issuer signs, UTF-8. */
  public byte[] signedContent() {
    return (FORMAT
            + "\n"
            + reportId
            + "\n"
            + reportType
            + "\n"
            + subject
            + "\n"
            + period
            + "\n"
            + sha256.hex()
            + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void text(String name, String value, int maxLength) {
    if (value == null || value.isEmpty() || value.length() > maxLength) {
      throw new IllegalArgumentException(
          name + ": 1 to " + maxLength + " characters, not " + describe(value));
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(name + ": no line breaks or control characters");
    }
  }

  private static String describe(String value) {
    return value == null ? "none" : value.length() + " characters";
  }
}
