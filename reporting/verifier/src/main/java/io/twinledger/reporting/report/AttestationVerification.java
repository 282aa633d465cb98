package io.twinledger.reporting.report;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.twinledger.ledger.peer.identity.Organizations;
import io.twinledger.network.Consortium;
import io.twinledger.network.org.OrgRole;
import io.twinledger.reporting.evidence.AnchoredCheckpoint;
import io.twinledger.reporting.evidence.Base64Text;
import io.twinledger.reporting.evidence.EndorsedTransaction;
import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.reporting.evidence.Finding;
import io.twinledger.reporting.evidence.HeaderChain;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;

/**
 * Checks the report contract's transactions a report bundle carries, each in its block, as a peer
 * validated it ({@link EndorsedTransaction}: {@code VALID}, the channel, chaincode {@code
 * twinledger-reports}, creator and endorsements against the members' CAs and the chaincode's
 * policy), its block linked into the anchoring's header chain, and its arguments about this report.
 *
 * <ul>
 *   <li>{@code ledger issue}: the {@code IssueReport} by the report's issuer, with the report's id,
 *       digest and the bundle's issuer signature. Required.
 *   <li>{@code attestation <msp>}, one per {@code AttestReport}: its creator's organisation holds
 *       the {@code auditor} role and attested this report's digest; the verdict and comments are
 *       echoed. No attestation is one passing line that says the report is not attested.
 * </ul>
 */
final class AttestationVerification {

  /** The contract the transactions ran, as the consortium names it. */
  static final String CONTRACT = "ReportContract";

  static final String ISSUE = CONTRACT + ":IssueReport";
  static final String ATTEST = CONTRACT + ":AttestReport";

  private static final String ISSUE_ITEM = "ledger issue";

  private AttestationVerification() {}

  static List<Finding> verify(
      ReportBundle bundle, String digest, Consortium consortium, Optional<HeaderChain> chain) {
    AnchoredCheckpoint anchored = bundle.anchored();
    Map<String, X509Certificate> authorities = new LinkedHashMap<>();
    for (EvidenceBundle.OrgCertificate org : anchored.certificates()) {
      anchored.caOf(org.mspId()).ifPresent(ca -> authorities.put(org.mspId(), ca));
    }
    Organizations organizations = new Organizations(authorities);
    List<Finding> findings = new ArrayList<>();
    boolean issued = false;
    int attestations = 0;
    for (ReportBundle.LedgerTransaction given : bundle.attestations()) {
      String item = "attestation " + given.txId();
      Block block;
      try {
        block = Block.parseFrom(Base64Text.decode(given.block()));
      } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
        findings.add(Finding.malformed(item, "its block is not a Fabric block: " + e.getMessage()));
        continue;
      }
      EndorsedTransaction tx;
      try {
        tx =
            EndorsedTransaction.check(
                block,
                given.txId(),
                anchored.anchor().channel(),
                CONTRACT,
                consortium,
                organizations);
      } catch (EndorsedTransaction.Refused e) {
        findings.add(Finding.failed(item, e.getMessage()));
        continue;
      }
      String function = tx.tx().function();
      if (function.equals(ISSUE)) {
        issued = true;
        item = ISSUE_ITEM;
      } else if (function.equals(ATTEST)) {
        attestations++;
        item = "attestation " + tx.creator().mspId();
      } else {
        findings.add(Finding.failed(item, "runs " + function + ", not an issue or attestation"));
        continue;
      }
      Optional<String> unlinked =
          chain.isEmpty()
              ? Optional.of("no linked header chain to place block " + number(block) + " in")
              : chain.get().lacks(block);
      if (unlinked.isPresent()) {
        findings.add(Finding.failed(item, unlinked.get()));
        continue;
      }
      List<String> args = tx.tx().arguments().stream().map(ByteString::toStringUtf8).toList();
      findings.add(
          function.equals(ISSUE)
              ? issue(bundle, digest, tx, args, block)
              : attestation(bundle, digest, tx, args, block, consortium, item));
    }
    if (!issued) {
      findings.add(
          Finding.failed(
              ISSUE_ITEM,
              "the bundle holds no IssueReport transaction of report " + bundle.report().id()));
    }
    if (attestations == 0) {
      findings.add(Finding.ok("attestation", "none — the report is not attested yet"));
    }
    return findings;
  }

  /** {@code IssueReport(id, type, subject, period, sha256, signature, replaces, reason)}. */
  private static Finding issue(
      ReportBundle bundle, String digest, EndorsedTransaction tx, List<String> args, Block block) {
    Report report = bundle.report();
    if (args.size() < 6) {
      return Finding.failed(ISSUE_ITEM, "IssueReport with " + args.size() + " arguments");
    }
    List<String> differences = new ArrayList<>();
    same(differences, "reportId", report.id(), args.get(0));
    same(differences, "sha256", digest, args.get(4));
    same(differences, "signature", bundle.signature().signature(), args.get(5));
    same(differences, "creator", report.issuer(), tx.creator().mspId());
    if (!differences.isEmpty()) {
      return Finding.failed(
          ISSUE_ITEM, "the ledger recorded another report — " + String.join("; ", differences));
    }
    return Finding.ok(
        ISSUE_ITEM,
        "IssueReport by "
            + tx.creator().describe()
            + ", tx "
            + tx.tx().txId()
            + ", block "
            + number(block)
            + "; id, digest and signature are the bundle's");
  }

  /** {@code AttestReport(id, sha256, verdict, comments)}. */
  private static Finding attestation(
      ReportBundle bundle,
      String digest,
      EndorsedTransaction tx,
      List<String> args,
      Block block,
      Consortium consortium,
      String item) {
    String msp = tx.creator().mspId();
    boolean auditor =
        consortium.organisationsWith(OrgRole.AUDITOR).stream().anyMatch(o -> o.mspId().equals(msp));
    if (!auditor) {
      return Finding.failed(item, msp + " holds no auditor role in the consortium");
    }
    if (args.size() != 4) {
      return Finding.failed(item, "AttestReport with " + args.size() + " arguments");
    }
    List<String> differences = new ArrayList<>();
    same(differences, "reportId", bundle.report().id(), args.get(0));
    same(differences, "sha256", digest, args.get(1));
    if (!differences.isEmpty()) {
      return Finding.failed(item, "attests another report — " + String.join("; ", differences));
    }
    String comments = args.get(3);
    return Finding.ok(
        item,
        args.get(2)
            + " by "
            + msp
            + " ("
            + tx.creator().certificate().getSubjectX500Principal().getName()
            + "), tx "
            + tx.tx().txId()
            + ", block "
            + number(block)
            + (comments.isEmpty() ? "" : ": \"" + comments + "\""));
  }

  private static long number(Block block) {
    return block.getHeader().getNumber();
  }

  private static void same(List<String> differences, String field, String ours, String recorded) {
    if (!ours.equals(recorded)) {
      differences.add(field + " " + ours + " here, " + recorded + " on the ledger");
    }
  }
}
