package io.twinledger.service.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The issued reports' documents and attestations in PostgreSQL ({@code V8_0}). */
class ReportStore {

  private static final String COLUMNS =
      """
      SELECT report_id, report_type, subject, period_start, period_end, sha256, document,
             signature, signer_msp, signer_certificate, issued_by, issued_at, ledger_tx, replaces,
             replacement_reason, replaced_by
      FROM compliance_report
      """;

  private final JdbcClient jdbc;

  ReportStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(StoredReport r) {
    jdbc.sql(
            """
            INSERT INTO compliance_report (report_id, report_type, subject, period_start,
              period_end, sha256, document, signature, signer_msp, signer_certificate, issued_by,
              issued_at, ledger_tx, replaces, replacement_reason)
            VALUES (:id, :type, :subject, :start, :end, :sha, :document, :signature, :msp,
              :certificate, :by, :at, :tx, :replaces, :reason)
            """)
        .param("id", r.reportId())
        .param("type", r.reportType())
        .param("subject", r.subject())
        .param("start", r.periodStart())
        .param("end", r.periodEnd())
        .param("sha", r.sha256())
        .param("document", r.document())
        .param("signature", r.signature())
        .param("msp", r.signerMsp())
        .param("certificate", r.signerCertificate())
        .param("by", r.issuedBy())
        .param("at", Timestamp.from(r.issuedAt()))
        .param("tx", r.ledgerTx().orElse(null))
        .param("replaces", r.replaces().orElse(null))
        .param("reason", r.replacementReason().orElse(null))
        .update();
    r.replaces()
        .ifPresent(
            old ->
                jdbc.sql("UPDATE compliance_report SET replaced_by = :by WHERE report_id = :id")
                    .param("by", r.reportId())
                    .param("id", old)
                    .update());
  }

  void attest(String reportId, StoredReport.Attestation a) {
    jdbc.sql(
            """
            INSERT INTO compliance_report_attestation (report_id, attester_msp, attester, verdict,
              comments, ledger_tx, attested_at)
            VALUES (:id, :msp, :attester, :verdict, :comments, :tx, :at)
            ON CONFLICT DO NOTHING
            """)
        .param("id", reportId)
        .param("msp", a.attesterMsp())
        .param("attester", a.attester())
        .param("verdict", a.verdict())
        .param("comments", a.comments())
        .param("tx", a.ledgerTx())
        .param("at", Timestamp.from(a.attestedAt()))
        .update();
  }

  Optional<StoredReport> find(String reportId) {
    return list(COLUMNS + " WHERE report_id = :id", Map.of("id", reportId)).stream().findFirst();
  }

  /** The reports, newest first, of {@code subject} when given. */
  List<StoredReport> all(Optional<String> subject) {
    return subject.isPresent()
        ? list(
            COLUMNS + " WHERE subject = :subject ORDER BY issued_at DESC, report_id",
            Map.of("subject", subject.get()))
        : list(COLUMNS + " ORDER BY issued_at DESC, report_id", Map.of());
  }

  /** How many reports of this subject cover exactly this period. */
  int countOf(String subject, LocalDate start, LocalDate end) {
    return jdbc.sql(
            "SELECT count(*) FROM compliance_report"
                + " WHERE subject = :subject AND period_start = :start AND period_end = :end")
        .param("subject", subject)
        .param("start", start)
        .param("end", end)
        .query(Integer.class)
        .single();
  }

  private List<StoredReport> list(String sql, Map<String, ?> params) {
    List<Row> rows = jdbc.sql(sql).params(params).query(ReportStore::row).list();
    Map<String, List<StoredReport.Attestation>> attestations = attestations(rows);
    List<StoredReport> reports = new ArrayList<>();
    for (Row r : rows) {
      reports.add(r.with(attestations.getOrDefault(r.id, List.of())));
    }
    return reports;
  }

  private Map<String, List<StoredReport.Attestation>> attestations(List<Row> rows) {
    Map<String, List<StoredReport.Attestation>> found = new HashMap<>();
    if (rows.isEmpty()) {
      return found;
    }
    jdbc.sql(
            """
            SELECT report_id, attester_msp, attester, verdict, comments, ledger_tx, attested_at
            FROM compliance_report_attestation WHERE report_id IN (:ids) ORDER BY attested_at
            """)
        .param("ids", rows.stream().map(r -> r.id).toList())
        .query(
            (rs, n) -> {
              found
                  .computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                  .add(
                      new StoredReport.Attestation(
                          rs.getString(2),
                          rs.getString(3),
                          rs.getString(4),
                          rs.getString(5),
                          rs.getString(6),
                          rs.getTimestamp(7).toInstant()));
              return null;
            })
        .list();
    return found;
  }

  private record Row(String id, StoredReport report) {
    StoredReport with(List<StoredReport.Attestation> attestations) {
      StoredReport r = report;
      return new StoredReport(
          r.reportId(),
          r.reportType(),
          r.subject(),
          r.periodStart(),
          r.periodEnd(),
          r.sha256(),
          r.document(),
          r.signature(),
          r.signerMsp(),
          r.signerCertificate(),
          r.issuedBy(),
          r.issuedAt(),
          r.ledgerTx(),
          r.replaces(),
          r.replacementReason(),
          r.replacedBy(),
          attestations);
    }
  }

  private static Row row(ResultSet rs, int n) throws SQLException {
    Instant issuedAt = rs.getTimestamp(12).toInstant();
    return new Row(
        rs.getString(1),
        new StoredReport(
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            rs.getObject(4, LocalDate.class),
            rs.getObject(5, LocalDate.class),
            rs.getString(6),
            rs.getBytes(7),
            rs.getString(8),
            rs.getString(9),
            rs.getString(10),
            rs.getString(11),
            issuedAt,
            Optional.ofNullable(rs.getString(13)),
            Optional.ofNullable(rs.getString(14)),
            Optional.ofNullable(rs.getString(15)),
            Optional.ofNullable(rs.getString(16)),
            List.of()));
  }
}
