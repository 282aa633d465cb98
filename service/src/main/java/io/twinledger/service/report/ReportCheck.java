package io.twinledger.service.report;

import io.twinledger.reporting.evidence.Finding;
import io.twinledger.reporting.evidence.Verification;
import java.util.List;
import java.util.Optional;

/**
 * What "Verify now" shows: the verifier's findings on a report's bundle, those on the figures apart
 * from those on the report, its inputs and their anchoring; or why the bundle cannot be had yet.
 *
 * @param unavailable why there is no bundle yet, when there is none; then there are no findings
 * @param items the findings on everything but the figures, in the order checked
 * @param figures the findings on the figures ({@code figure <id>}), in the report's order
 * @param verdict the verifier's overall line, or empty without a bundle
 */
public record ReportCheck(
    Optional<String> unavailable,
    List<Finding> items,
    List<FigureCheck> figures,
    boolean passed,
    String verdict) {

  private static final String FIGURE = "figure ";

  public ReportCheck {
    items = List.copyOf(items);
    figures = List.copyOf(figures);
  }

  static ReportCheck of(Verification verification) {
    return new ReportCheck(
        Optional.empty(),
        verification.findings().stream().filter(f -> !f.item().startsWith(FIGURE)).toList(),
        verification.findings().stream()
            .filter(f -> f.item().startsWith(FIGURE))
            .map(f -> new FigureCheck(f.item().substring(FIGURE.length()), f))
            .toList(),
        verification.passed(),
        verification.verdict());
  }

  static ReportCheck unavailable(String why) {
    return new ReportCheck(Optional.of(why), List.of(), List.of(), false, "");
  }

  /** The verifier's finding on one figure, and the figure's id. */
  public record FigureCheck(String figureId, Finding finding) {}
}
