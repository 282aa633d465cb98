package io.twinledger.ledger.report;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.twinledger.ledger.report.api.AttestReport;
import io.twinledger.ledger.report.api.IssueReport;
import io.twinledger.ledger.report.api.MarkReplaced;
import io.twinledger.ledger.report.api.ReportAttested;
import io.twinledger.ledger.report.api.ReportIssued;
import io.twinledger.ledger.report.api.ReportReplaced;
import io.twinledger.ledger.report.api.ReportRuleViolation;
import io.twinledger.ledger.report.api.ReportStreams;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A compliance report in the books. Issued once and never changed: a correction is a new report
 * that names this one, and this one is marked replaced. An auditor's organisation attests once, to
 * exactly the digest issued, and not after the report was replaced: an opinion on withdrawn figures
 * would read as one on the report that stands.
 */
@Aggregate
@JsonAutoDetect(
    fieldVisibility = Visibility.ANY,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE)
public class ComplianceReport {

  static final Set<String> VERDICTS = Set.of("APPROVED", "QUALIFIED");

  @AggregateIdentifier private String streamId;
  private String reportId;
  private String sha256;
  private Optional<String> replacedBy;
  private Set<String> attesters;

  protected ComplianceReport() {}

  @CommandHandler
  public ComplianceReport(IssueReport command) {
    if (!command.sha256().matches("[0-9a-f]{64}")) {
      throw new ReportRuleViolation("sha256", "must be 64 lower-case hex digits");
    }
    if (command.replaces().isPresent() && command.reason().map(String::isBlank).orElse(true)) {
      throw new ReportRuleViolation("reason", "a correction says why it replaces its report");
    }
    apply(
        new ReportIssued(
            command.reportId(),
            command.reportType(),
            command.subject(),
            command.sha256(),
            command.issuer(),
            command.signature(),
            command.replaces(),
            command.reason()));
  }

  @CommandHandler
  public void handle(AttestReport command) {
    if (!VERDICTS.contains(command.verdict())) {
      throw new ReportRuleViolation("verdict", "must be APPROVED or QUALIFIED");
    }
    if (command.verdict().equals("QUALIFIED") && command.comments().isBlank()) {
      throw new ReportRuleViolation("comments", "a qualified opinion says why");
    }
    if (!command.sha256().equals(sha256)) {
      throw new ReportRuleViolation(
          "sha256", "report " + reportId + " was issued with digest " + sha256);
    }
    if (replacedBy.isPresent()) {
      throw new ReportRuleViolation(
          "reportId", "report " + reportId + " was replaced by " + replacedBy.get());
    }
    if (attesters.contains(command.attesterMsp())) {
      throw new ReportRuleViolation(
          "reportId", command.attesterMsp() + " has already attested report " + reportId);
    }
    apply(
        new ReportAttested(
            reportId,
            sha256,
            command.attesterMsp(),
            command.attester(),
            command.verdict(),
            command.comments(),
            command.txId()));
  }

  @CommandHandler
  public void handle(MarkReplaced command) {
    if (replacedBy.isPresent()) {
      throw new ReportRuleViolation(
          "replaces", "report " + reportId + " was already replaced by " + replacedBy.get());
    }
    apply(new ReportReplaced(reportId, command.replacedBy()));
  }

  @EventSourcingHandler
  void on(ReportIssued event) {
    streamId = ReportStreams.streamId(event.reportId());
    reportId = event.reportId();
    sha256 = event.sha256();
    replacedBy = Optional.empty();
    attesters = new HashSet<>();
  }

  @EventSourcingHandler
  void on(ReportAttested event) {
    attesters.add(event.attesterMsp());
  }

  @EventSourcingHandler
  void on(ReportReplaced event) {
    replacedBy = Optional.of(event.replacedBy());
  }
}
