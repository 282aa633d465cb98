package io.twinledger.ledger.audit.report;

import io.twinledger.contracts.merkle.ReportStatement;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.ledger.gateway.ChaincodeRefusal;
import io.twinledger.ledger.gateway.TransactionLogContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Compliance reports through the report chaincode ({@code ReportContract} of chaincode {@value
 * #CHAINCODE} on {@code infra-performance}), with the Fabric Gateway client on the fabric-samples
 * path {@code newProposal → endorse → submitAsync → getStatus}: the embedded peer or a real network
 * alike.
 *
 * <p>Who calls what is the gateway identity's: {@link #issue} needs a client of the issuing
 * organisation ({@code CityFinanceMSP}), whose certificate's key made the signature; {@link
 * #attest} a client of the auditor ({@code IndependentAuditorMSP}); {@link #read} anyone on the
 * channel. Every transaction is endorsed by the issuer's and the auditor's peers, the chaincode's
 * policy.
 *
 * <p>A refusal by the chaincode's rules is a {@link ReportRefusal} carrying the chaincode's error
 * code, read from the endorsers' error details (a gateway passes on their messages, which the
 * contract opens with the code). Anything else (an endorsement the policy rejects, an invalid
 * commit, an unreachable peer) is an {@link IllegalStateException} with the peers' details. A
 * transaction invalidated by an MVCC or phantom read conflict changed nothing, so it is sent again,
 * up to {@value #ATTEMPTS} times.
 */
public final class FabricReportAttestations {

  /** The chaincode definition that hosts {@code ReportContract}, as the consortium names it. */
  public static final String CHAINCODE = "twinledger-reports";

  /** The transactions, as the contract API routes them. */
  public static final String ISSUE = "ReportContract:IssueReport";

  public static final String ATTEST = "ReportContract:AttestReport";
  public static final String READ = "ReportContract:ReadReport";

  private static final int ATTEMPTS = 3;

  private final Contract contract;

  /**
   * @param contract chaincode {@value #CHAINCODE} on its channel: {@code
   *     gateway.getNetwork("infra-performance").getContract(CHAINCODE)}
   */
  public FabricReportAttestations(Contract contract) {
    this.contract = contract;
  }

  /**
   * Issues a report. The same statement again returns the report as first recorded (a caller that
   * lost the answer may retry); another statement under a recorded id is {@code REPORT_EXISTS}.
   *
   * @param signature the issuer's ECDSA signature (SHA256withECDSA, DER) over {@link
   *     ReportStatement#signedContent()}, made with the key of the gateway identity's certificate
   * @return the report as recorded
   * @throws ReportRefusal if the chaincode refuses ({@code NOT_ISSUER}, {@code BAD_SIGNATURE},
   *     {@code REPORT_EXISTS}, {@code INVALID_ARGUMENT})
   */
  public ReportRecord issue(ReportStatement statement, byte[] signature) {
    return submit(ISSUE, issueArguments(statement, signature, "", ""));
  }

  /**
   * Issues a report that replaces report {@code replaces}, which then records this one as its
   * {@code replacedBy}. The replaced report must stand ({@code UNKNOWN_REPORT}, {@code
   * REPORT_REPLACED}) and be of the same type and subject ({@code INVALID_ARGUMENT}).
   *
   * @param reason why, not blank
   * @see #issue(ReportStatement, byte[])
   */
  public ReportRecord issue(
      ReportStatement statement, byte[] signature, String replaces, String reason) {
    return submit(ISSUE, issueArguments(statement, signature, replaces, reason));
  }

  /**
   * Attests to report {@code reportId}: the gateway identity's organisation gives {@code verdict}
   * on exactly the bytes whose digest is {@code sha256}.
   *
   * @param comments required for {@link ReportAttestation.Verdict#QUALIFIED}; may be empty for
   *     {@link ReportAttestation.Verdict#APPROVED}
   * @return the report as recorded, the new attestation last
   * @throws ReportRefusal if the chaincode refuses ({@code NOT_AUDITOR}, {@code UNKNOWN_REPORT},
   *     {@code DIGEST_MISMATCH}, {@code COMMENTS_REQUIRED}, {@code ALREADY_ATTESTED}, {@code
   *     REPORT_REPLACED}, {@code INVALID_ARGUMENT})
   */
  public ReportRecord attest(
      String reportId, Sha256 sha256, ReportAttestation.Verdict verdict, String comments) {
    return submit(ATTEST, reportId, sha256.hex(), verdict.name(), comments);
  }

  /**
   * Report {@code reportId} with its attestations, as the gateway's peer holds it; empty if no
   * report has that id.
   *
   * @throws ReportRefusal {@code INVALID_ARGUMENT} for a malformed id
   */
  public Optional<ReportRecord> read(String reportId) {
    try {
      return Optional.of(record(contract.evaluateTransaction(READ, reportId)));
    } catch (GatewayException e) {
      RuntimeException failure = failure("ReadReport " + reportId, e);
      if (failure instanceof ReportRefusal refusal && refusal.code().equals("UNKNOWN_REPORT")) {
        return Optional.empty();
      }
      throw failure;
    }
  }

  private static String[] issueArguments(
      ReportStatement statement, byte[] signature, String replaces, String reason) {
    return new String[] {
      statement.reportId(),
      statement.reportType(),
      statement.subject(),
      statement.period(),
      statement.sha256().hex(),
      Base64.getEncoder().encodeToString(signature),
      replaces,
      reason
    };
  }

  private ReportRecord submit(String function, String... args) {
    for (int attempt = 1; ; attempt++) {
      Proposal proposal = contract.newProposal(function).addArguments(args).build();
      // What is logged while the transaction is under way carries its id.
      try (var tx = TransactionLogContext.of(proposal.getTransactionId())) {
        SubmittedTransaction submitted = proposal.endorse().submitAsync();
        Status status = submitted.getStatus();
        if (status.isSuccessful()) {
          return record(submitted.getResult());
        }
        boolean conflict =
            status.getCode() == TxValidationCode.MVCC_READ_CONFLICT
                || status.getCode() == TxValidationCode.PHANTOM_READ_CONFLICT;
        if (!conflict || attempt == ATTEMPTS) {
          throw new IllegalStateException(
              function
                  + " "
                  + args[0]
                  + " was not committed: "
                  + status.getCode()
                  + " in block "
                  + status.getBlockNumber()
                  + " (transaction "
                  + status.getTransactionId()
                  + ")");
        }
      } catch (EndorseException | SubmitException | CommitStatusException e) {
        throw failure(function + " " + args[0], e);
      }
    }
  }

  /** The chaincode's refusal in {@code e}, or an {@link IllegalStateException} with its details. */
  private static RuntimeException failure(String what, GatewayException e) {
    return ChaincodeRefusal.in(e)
        .<RuntimeException>map(refusal -> new ReportRefusal(refusal.code(), refusal.message()))
        .orElseGet(
            () -> new IllegalStateException(what + " failed: " + ChaincodeRefusal.describe(e), e));
  }

  /** The report the chaincode returned, JSON as {@code IssuedReport} serializes. */
  static ReportRecord record(byte[] result) {
    JSONObject json = new JSONObject(new String(result, StandardCharsets.UTF_8));
    JSONArray array = json.getJSONArray("attestations");
    List<ReportAttestation> attestations = new ArrayList<>(array.length());
    for (int i = 0; i < array.length(); i++) {
      JSONObject a = array.getJSONObject(i);
      attestations.add(
          new ReportAttestation(
              a.getString("attesterMsp"),
              a.getString("attesterSubject"),
              ReportAttestation.Verdict.valueOf(a.getString("verdict")),
              a.getString("comments"),
              Sha256.fromHex(a.getString("sha256")),
              a.getString("txId"),
              Instant.parse(a.getString("attestedAt"))));
    }
    return new ReportRecord(
        new ReportStatement(
            json.getString("reportId"),
            json.getString("reportType"),
            json.getString("subject"),
            json.getString("period"),
            Sha256.fromHex(json.getString("sha256"))),
        json.getString("signature"),
        json.getString("signerMsp"),
        json.getString("signerSubject"),
        present(json.getString("replaces")),
        json.getString("replacementReason"),
        present(json.getString("replacedBy")),
        json.getString("txId"),
        Instant.parse(json.getString("recordedAt")),
        attestations);
  }

  private static Optional<String> present(String text) {
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }
}
