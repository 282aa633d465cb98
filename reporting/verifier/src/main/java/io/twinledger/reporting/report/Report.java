package io.twinledger.reporting.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A compliance report in its canonical form: what was issued, signed and logged. Its bytes are
 * {@link ReportJson#canonical(Report)}, and its SHA-256 over those bytes is what the issuer signs,
 * the audit log records and the auditor attests.
 *
 * <p>A report states its figures and the inputs they were computed from; it holds no raw data. The
 * raw data (readings, events, terms) travels beside it in a {@link ReportBundle}, where each input
 * is tied to its audit-log leaf by the leaf hash the report names. Once issued, a report never
 * changes: a correction is a new report that names the one it {@linkplain #replaces() replaces} and
 * why.
 *
 * @param id unique among reports, such as {@code slb-enel-2030-kpi-2025}
 * @param type what kind of report
 * @param title a human title
 * @param subject what the report is about: a bond id, an asset id, a portfolio id such as {@code
 *     all-assets}, a holder, the village
 * @param periodStart the first day covered
 * @param periodEnd the day after the last day covered
 * @param issuer the MSP id of the issuing organisation
 * @param issuedAt when it was issued, to the millisecond
 * @param replaces the report this one corrects, and why
 * @param provenance the code and configuration that computed it
 * @param figures the figures, each computed from inputs and earlier figures
 * @param inputs the data the figures read, each with its evidence address
 * @param statements statements in words, such as the SLB verification statement
 */
public record Report(
    String id,
    ReportType type,
    String title,
    String subject,
    LocalDate periodStart,
    LocalDate periodEnd,
    String issuer,
    Instant issuedAt,
    Optional<Replacement> replaces,
    Provenance provenance,
    List<Figure> figures,
    List<Input> inputs,
    List<String> statements) {

  public Report {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(periodStart, "periodStart");
    Objects.requireNonNull(periodEnd, "periodEnd");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(replaces, "replaces");
    Objects.requireNonNull(provenance, "provenance");
    figures = List.copyOf(figures);
    inputs = List.copyOf(inputs);
    statements = List.copyOf(statements);
    if (!periodStart.isBefore(periodEnd)) {
      throw new IllegalArgumentException(
          "periodEnd " + periodEnd + " must be after periodStart " + periodStart);
    }
    Set<String> ids = new HashSet<>();
    for (Input input : inputs) {
      if (!ids.add(input.id())) {
        throw new IllegalArgumentException("input id " + input.id() + " is used twice");
      }
    }
    for (Figure figure : figures) {
      for (String used : figure.inputs()) {
        if (!ids.contains(used)) {
          throw new IllegalArgumentException(
              "figure " + figure.id() + " reads " + used + ", which is no input or earlier figure");
        }
      }
      if (!ids.add(figure.id())) {
        throw new IllegalArgumentException("id " + figure.id() + " is used twice");
      }
    }
  }

  /** The figure with this id. */
  public Optional<Figure> figure(String figureId) {
    return figures.stream().filter(f -> f.id().equals(figureId)).findFirst();
  }

  /** The input with this id. */
  public Optional<Input> input(String inputId) {
    return inputs.stream().filter(i -> i.id().equals(inputId)).findFirst();
  }

  /**
   * The report this one corrects.
   *
   * @param reportId the corrected report's id
   * @param sha256 the corrected report's digest, hex
   * @param reason why it is corrected
   */
  public record Replacement(String reportId, String sha256, String reason) {
    public Replacement {
      Objects.requireNonNull(reportId, "replaces.reportId");
      Objects.requireNonNull(sha256, "replaces.sha256");
      if (Objects.requireNonNull(reason, "replaces.reason").isBlank()) {
        throw new IllegalArgumentException("a replacement needs a reason");
      }
    }
  }

  /**
   * What computed the report, so that the computation can be reproduced.
   *
   * @param software the service's name and version
   * @param configuration SHA-256 (hex) of the configuration that bears on the figures
   */
  public record Provenance(String software, String configuration) {
    public Provenance {
      Objects.requireNonNull(software, "provenance.software");
      Objects.requireNonNull(configuration, "provenance.configuration");
    }
  }
}
