package io.twinledger.ledger.asset.projection;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads closed KPI periods written by {@link AssetProjection}. */
public class KpiPeriods {

  private static final TypeReference<Map<String, Integer>> SUMMARY = new TypeReference<>() {};
  private static final TypeReference<Map<String, BigDecimal>> COMPONENTS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;

  public KpiPeriods(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * Periods of one KPI that start in {@code [from, to)}, oldest first.
   *
   * @param kind only periods of this kind, when given
   * @param allRevisions every revision, or only the latest revision of each period
   */
  public List<KpiPeriodView> of(
      String assetId,
      String kpiId,
      Optional<String> kind,
      Instant from,
      Instant to,
      boolean allRevisions) {
    String latestOnly =
        allRevisions
            ? ""
            : """
              AND revision = (SELECT max(revision) FROM kpi_period_view l
                              WHERE l.asset_id = p.asset_id AND l.kpi_id = p.kpi_id
                                AND l.period_kind = p.period_kind
                                AND l.period_start = p.period_start)
              """;
    return jdbc.sql(
            COLUMNS
                + """
            FROM kpi_period_view p
            WHERE asset_id = :asset AND kpi_id = :kpi
              AND (CAST(:kind AS text) IS NULL OR period_kind = :kind)
              AND period_start >= :from AND period_start < :to
            """
                + latestOnly
                + " ORDER BY period_start, period_kind, revision")
        .param("asset", assetId)
        .param("kpi", kpiId)
        .param("kind", kind.orElse(null))
        .param("from", Timestamp.from(from))
        .param("to", Timestamp.from(to))
        .query(this::view)
        .list();
  }

  /**
   * For every KPI of every asset, the latest revision of its latest closed period of one kind (such
   * as {@code MONTH}), ordered by asset and KPI: the current standing of the portfolio in one read.
   */
  public List<KpiPeriodView> latestOfEach(String kind) {
    // One backward step on the primary key per defined KPI, rather than a scan of every period.
    return jdbc.sql(
            "SELECT l.* FROM asset_kpi_view k CROSS JOIN LATERAL ("
                + COLUMNS
                + """
                FROM kpi_period_view p
                WHERE p.asset_id = k.asset_id AND p.kpi_id = k.kpi_id AND p.period_kind = :kind
                ORDER BY p.period_start DESC, p.revision DESC
                LIMIT 1) l
                ORDER BY k.asset_id, k.kpi_id
                """)
        .param("kind", kind)
        .query(this::view)
        .list();
  }

  private static final String COLUMNS =
      """
      SELECT asset_id, kpi_id, period_kind, period_start, period_end, revision, value, unit,
             coverage_percent, reading_count, quality_summary::text AS quality_summary,
             batch_digests, closed_at, components::text AS components, remarks,
             classification, cause
      """;

  private KpiPeriodView view(ResultSet rs, int rowNum) throws SQLException {
    return new KpiPeriodView(
        rs.getString("asset_id"),
        rs.getString("kpi_id"),
        rs.getString("period_kind"),
        rs.getTimestamp("period_start").toInstant(),
        rs.getTimestamp("period_end").toInstant(),
        rs.getInt("revision"),
        Optional.ofNullable(rs.getBigDecimal("value")),
        rs.getString("unit"),
        rs.getBigDecimal("coverage_percent"),
        rs.getInt("reading_count"),
        json.readValue(rs.getString("quality_summary"), SUMMARY),
        Arrays.asList((String[]) rs.getArray("batch_digests").getArray()),
        json.readValue(rs.getString("components"), COMPONENTS),
        Arrays.asList((String[]) rs.getArray("remarks").getArray()),
        Optional.ofNullable(rs.getString("classification")),
        Optional.ofNullable(rs.getString("cause")),
        rs.getTimestamp("closed_at").toInstant());
  }
}
