package io.twinledger.contracts.report;

import io.twinledger.contracts.ContractDescription;
import io.twinledger.contracts.merkle.ReportStatement;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.contracts.signature.EcdsaVerification;
import io.twinledger.contracts.token.ChainJson;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * Compliance reports and their attestations, on channel {@code infra-performance} (chaincode
 * definition {@code twinledger-reports}, endorsed by the issuer and the auditor). The ledger holds
 * each report's digest, not the report: whoever holds the file checks it offline against the
 * recorded digest, the issuer's signature and the auditor's verdict.
 *
 * <ul>
 *   <li>the <b>issuer</b> ({@link ReportRoles#ISSUER_MSP}'s clients) issues a report: {@link
 *       #IssueReport} records the digest with the issuer's signature over the {@link
 *       ReportStatement}. A report id, once recorded, never changes; a correction is a new report
 *       that names the one it replaces;
 *   <li>an <b>auditor</b> ({@link ReportRoles#AUDITOR_MSPS}' clients) attests to a report once:
 *       {@link #AttestReport} records its verdict on exactly the digest it verified;
 *   <li>anyone on the channel reads a report with its attestations ({@link #ReadReport}).
 * </ul>
 *
 * <p>Every check comes before the first write, and refusals are {@code ChaincodeException}s with a
 * {@link ReportError} name as payload and at the head of the message.
 */
@Contract(
    name = "ReportContract",
    info =
        @Info(
            title = "TwinLedger report attestations",
            description =
                "Digests of the city's compliance reports, signed by their issuer, and the"
                    + " independent auditor's attestations to exactly those bytes.",
            version = "0.1.0",
            license = @License(name = "Apache-2.0")))
public final class ReportContract implements ContractInterface {

  /**
   * The chaincode event of an issued report; payload JSON {@code reportId}, {@code sha256}, {@code
   * replaces} (empty if none), {@code txId}.
   */
  public static final String REPORT_ISSUED = "ReportIssued";

  /**
   * The chaincode event of an attestation; payload JSON {@code reportId}, {@code attesterMsp},
   * {@code verdict}, {@code txId}.
   */
  public static final String REPORT_ATTESTED = "ReportAttested";

  /** The longest comments or replacement reason, in characters. */
  public static final int MAX_TEXT = 4000;

  /** What this contract is and which functions it has. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public ContractDescription Describe(Context ctx) {
    return ContractDescription.of(getClass());
  }

  /**
   * Records an issued report. The creator must be a client of the issuing organisation ({@code
   * NOT_ISSUER}) and {@code issuerSignature} its signature over the report's {@link
   * ReportStatement} ({@code BAD_SIGNATURE}).
   *
   * <p>A report id is recorded once. Issuing the same id again with the same statement, replacement
   * and reason returns the recorded report and writes nothing (so a caller that lost the answer may
   * retry; the first signature stays); with anything else it is {@code REPORT_EXISTS}.
   *
   * <p>A replacement names the report it replaces in {@code replaces}, with a reason: that report
   * must exist ({@code UNKNOWN_REPORT}), not be replaced already ({@code REPORT_REPLACED}), and be
   * of the same type and subject; it then records {@code replacedBy}. Its attestations stay with
   * it; the replacement is attested afresh.
   *
   * @param sha256 SHA-256 of the report's bytes, 64 hex digits
   * @param issuerSignature ECDSA (SHA-256) signature, base64 DER, over {@link
   *     ReportStatement#signedContent()}, made with the key of the creator's certificate
   * @param replaces the id of the report this one replaces, or empty
   * @param replacementReason why, required with {@code replaces} and empty without it; at most
   *     {@value #MAX_TEXT} characters
   * @return the report as recorded
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public IssuedReport IssueReport(
      Context ctx,
      String reportId,
      String reportType,
      String subject,
      String period,
      String sha256,
      String issuerSignature,
      String replaces,
      String replacementReason) {
    ClientIdentity creator = ctx.getClientIdentity();
    if (!ReportRoles.isIssuer(creator)) {
      throw ReportError.NOT_ISSUER.refuse(
          ReportRoles.subject(creator)
              + " of "
              + creator.getMSPID()
              + " is not a client of the issuer, "
              + ReportRoles.ISSUER_MSP);
    }
    ReportStatement statement = statement(reportId, reportType, subject, period, sha256);
    String replaced = replaces == null ? "" : replaces;
    String reason = replacementReason == null ? "" : replacementReason;
    replacement(statement.reportId(), replaced, reason);
    if (!verifies(
        signature(issuerSignature), statement, creator.getX509Certificate().getPublicKey())) {
      throw ReportError.BAD_SIGNATURE.refuse(
          "the signature of report "
              + reportId
              + " does not verify with the key of "
              + ReportRoles.subject(creator));
    }

    ChaincodeStub stub = ctx.getStub();
    Optional<IssuedReport> existing = read(stub, reportId);
    if (existing.isPresent()) {
      if (existing.get().isIssueOf(statement, replaced, reason)) {
        return existing.get();
      }
      throw ReportError.REPORT_EXISTS.refuse(
          "report "
              + reportId
              + " was issued in "
              + existing.get().txId()
              + " with other content; a report id is never reused");
    }
    Optional<IssuedReport> predecessor = Optional.empty();
    if (!replaced.isEmpty()) {
      IssuedReport old = existing(stub, replaced);
      if (!old.replacedBy().isEmpty()) {
        throw ReportError.REPORT_REPLACED.refuse(
            "report " + replaced + " is replaced by " + old.replacedBy() + " already");
      }
      if (!old.reportType().equals(statement.reportType())
          || !old.subject().equals(statement.subject())) {
        throw ReportError.INVALID_ARGUMENT.refuse(
            "replaces: report "
                + replaced
                + " is a "
                + old.reportType()
                + " report on "
                + old.subject()
                + "; a replacement has the same type and subject");
      }
      predecessor = Optional.of(old.replacedBy(reportId));
    }

    IssuedReport issued =
        new IssuedReport(
            statement.reportId(),
            statement.reportType(),
            statement.subject(),
            statement.period(),
            statement.sha256().hex(),
            issuerSignature,
            creator.getMSPID(),
            ReportRoles.subject(creator),
            replaced,
            reason,
            "",
            stub.getTxId(),
            stub.getTxTimestamp().toString(),
            new Attestation[0]);
    stub.putState(key(reportId), issued.toState());
    predecessor.ifPresent(old -> stub.putState(key(old.reportId()), old.toState()));
    ChainJson.event(
        stub,
        REPORT_ISSUED,
        "reportId",
        reportId,
        "sha256",
        issued.sha256(),
        "replaces",
        replaced,
        "txId",
        stub.getTxId());
    return issued;
  }

  /**
   * Records an auditor's attestation to report {@code reportId}. The creator must be a client of an
   * auditor organisation ({@code NOT_AUDITOR}) that has not attested to the report yet ({@code
   * ALREADY_ATTESTED}); {@code sha256} must be the issued digest ({@code DIGEST_MISMATCH}): an
   * auditor attests to exactly the bytes it verified.
   *
   * <p>A replaced report is not attested ({@code REPORT_REPLACED}): the issuer has withdrawn its
   * figures, and an opinion recorded on them now would read as an opinion on the report that
   * stands. The auditor attests to the replacement instead.
   *
   * @param sha256 SHA-256 of the report's bytes as the auditor verified them, 64 hex digits
   * @param verdict {@code APPROVED} or {@code QUALIFIED} ({@code INVALID_VERDICT})
   * @param comments the auditor's comments, at most {@value #MAX_TEXT} characters; required for
   *     {@code QUALIFIED} ({@code COMMENTS_REQUIRED}), optional for {@code APPROVED}
   * @return the report as recorded, with the new attestation last
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public IssuedReport AttestReport(
      Context ctx, String reportId, String sha256, String verdict, String comments) {
    ClientIdentity creator = ctx.getClientIdentity();
    if (!ReportRoles.isAuditor(creator)) {
      throw ReportError.NOT_AUDITOR.refuse(
          ReportRoles.subject(creator)
              + " of "
              + creator.getMSPID()
              + " is not a client of an auditor, "
              + String.join(", ", ReportRoles.AUDITOR_MSPS));
    }
    reportId(reportId);
    Sha256 attested = digest(sha256);
    if (!Attestation.APPROVED.equals(verdict) && !Attestation.QUALIFIED.equals(verdict)) {
      throw ReportError.INVALID_VERDICT.refuse(
          "verdict: " + Attestation.APPROVED + " or " + Attestation.QUALIFIED + ", not " + verdict);
    }
    String text = comments == null ? "" : comments;
    if (Attestation.QUALIFIED.equals(verdict) && text.isBlank()) {
      throw ReportError.COMMENTS_REQUIRED.refuse(
          "a QUALIFIED verdict on report " + reportId + " states its qualification in comments");
    }
    text("comments", text);

    ChaincodeStub stub = ctx.getStub();
    IssuedReport report = existing(stub, reportId);
    if (!report.replacedBy().isEmpty()) {
      throw ReportError.REPORT_REPLACED.refuse(
          "report " + reportId + " is replaced by " + report.replacedBy() + "; attest to that");
    }
    if (!Sha256.fromHex(report.sha256()).equals(attested)) {
      throw ReportError.DIGEST_MISMATCH.refuse(
          "report "
              + reportId
              + " was issued with digest "
              + report.sha256()
              + ", not "
              + attested.hex());
    }
    String msp = creator.getMSPID();
    Optional<Attestation> earlier =
        Arrays.stream(report.attestations()).filter(a -> a.attesterMsp().equals(msp)).findFirst();
    if (earlier.isPresent()) {
      throw ReportError.ALREADY_ATTESTED.refuse(
          msp + " attested to report " + reportId + " in " + earlier.get().txId());
    }

    Attestation attestation =
        new Attestation(
            msp,
            ReportRoles.subject(creator),
            verdict,
            text,
            attested.hex(),
            stub.getTxId(),
            stub.getTxTimestamp().toString());
    IssuedReport recorded = report.attested(attestation);
    stub.putState(key(reportId), recorded.toState());
    ChainJson.event(
        stub,
        REPORT_ATTESTED,
        "reportId",
        reportId,
        "attesterMsp",
        msp,
        "verdict",
        verdict,
        "txId",
        stub.getTxId());
    return recorded;
  }

  /** Report {@code reportId} with its attestations; {@code UNKNOWN_REPORT} if none was issued. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public IssuedReport ReadReport(Context ctx, String reportId) {
    return existing(ctx.getStub(), reportId(reportId));
  }

  /** The world-state key of a report: a simple key, since a report id never contains {@code ~}. */
  static String key(String reportId) {
    return "report~" + reportId;
  }

  private static IssuedReport existing(ChaincodeStub stub, String reportId) {
    return read(stub, reportId)
        .orElseThrow(() -> ReportError.UNKNOWN_REPORT.refuse("no report " + reportId));
  }

  private static Optional<IssuedReport> read(ChaincodeStub stub, String reportId) {
    byte[] value = stub.getState(key(reportId));
    return value == null || value.length == 0
        ? Optional.empty()
        : Optional.of(IssuedReport.fromState(value));
  }

  private static ReportStatement statement(
      String reportId, String reportType, String subject, String period, String sha256) {
    Sha256 digest = digest(sha256);
    try {
      return new ReportStatement(reportId, reportType, subject, period, digest);
    } catch (IllegalArgumentException e) {
      throw ReportError.INVALID_ARGUMENT.refuse(e.getMessage());
    }
  }

  /** Checks that {@code replaces} and {@code reason} come together, naming another report. */
  private static void replacement(String reportId, String replaces, String reason) {
    if (replaces.isEmpty()) {
      if (!reason.isEmpty()) {
        throw ReportError.INVALID_ARGUMENT.refuse(
            "replacementReason: only a replacement has one, and replaces is empty");
      }
      return;
    }
    reportId(replaces);
    if (replaces.equals(reportId)) {
      throw ReportError.INVALID_ARGUMENT.refuse("replaces: a report cannot replace itself");
    }
    if (reason.isBlank()) {
      throw ReportError.INVALID_ARGUMENT.refuse(
          "replacementReason: a replacement of " + replaces + " says why");
    }
    text("replacementReason", reason);
  }

  private static String reportId(String reportId) {
    if (!ReportStatement.isReportId(reportId)) {
      throw ReportError.INVALID_ARGUMENT.refuse(
          "reportId: 1 to 128 characters from A-Z, a-z, 0-9 and . _ : @ + -, not " + reportId);
    }
    return reportId;
  }

  private static Sha256 digest(String hex) {
    try {
      return Sha256.fromHex(hex == null ? "" : hex);
    } catch (IllegalArgumentException e) {
      throw ReportError.INVALID_ARGUMENT.refuse("sha256: " + e.getMessage());
    }
  }

  private static void text(String name, String text) {
    if (text.length() > MAX_TEXT) {
      throw ReportError.INVALID_ARGUMENT.refuse(
          name + ": at most " + MAX_TEXT + " characters, not " + text.length());
    }
  }

  private static byte[] signature(String base64) {
    try {
      byte[] der = Base64.getDecoder().decode(base64 == null ? "" : base64);
      if (der.length > 0) {
        return der;
      }
    } catch (IllegalArgumentException e) {
      throw ReportError.INVALID_ARGUMENT.refuse("issuerSignature: not base64: " + e.getMessage());
    }
    throw ReportError.INVALID_ARGUMENT.refuse("issuerSignature: empty");
  }

  /**
   * Whether {@code der} signs {@code statement} with the private key of {@code key}. A key that is
   * not an EC key, or bytes that are not a DER ECDSA signature, never verify.
   */
  private static boolean verifies(byte[] der, ReportStatement statement, PublicKey key) {
    return EcdsaVerification.verifies(key, statement.signedContent(), der);
  }
}
