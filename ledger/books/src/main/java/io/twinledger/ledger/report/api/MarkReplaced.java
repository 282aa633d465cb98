package io.twinledger.ledger.report.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Note on a report that a later one corrects it. */
public record MarkReplaced(String reportId, String replacedBy) {

  @TargetAggregateIdentifier
  public String streamId() {
    return ReportStreams.streamId(reportId);
  }
}
