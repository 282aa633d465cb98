package io.twinledger.reporting.compliance;

import io.twinledger.reporting.report.Report;
import java.util.Map;

/**
 * A report computed and ready to sign, with the data its figures were computed from.
 *
 * @param report the report, its figures computed by their formulas
 * @param data input id → the batch or event, as the stores hold it, with its leaf
 */
public record ReportDraft(Report report, Map<String, Object> data) {

  public ReportDraft {
    data = Map.copyOf(data);
  }
}
