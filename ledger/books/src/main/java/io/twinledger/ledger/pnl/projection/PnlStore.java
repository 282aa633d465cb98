package io.twinledger.ledger.pnl.projection;

import static io.twinledger.ledger.pnl.projection.PnlObservations.date;

import io.twinledger.finance.model.KpiCatalog;
import io.twinledger.finance.model.KpiObservation;
import io.twinledger.finance.model.ModelDefinitions;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** The SQL of the P&amp;L projection's tables. */
final class PnlStore {

  private static final String LINE_COLUMNS =
      """
      asset_id, month, line_id, model_id, model_version, ordinal, label, kind, unit, value,
      provenance, remarks, partial, revision""";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  PnlStore(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void addAsset(String assetId, String timeZone) {
    jdbc.sql("INSERT INTO pnl_asset VALUES (:id, :zone) ON CONFLICT DO NOTHING")
        .param("id", assetId)
        .param("zone", timeZone)
        .update();
  }

  void defineKpi(String assetId, String kpiId, String unit) {
    jdbc.sql(
            """
            INSERT INTO pnl_asset_kpi VALUES (:id, :kpi, :unit)
            ON CONFLICT (asset_id, kpi_id) DO UPDATE SET unit = EXCLUDED.unit
            """)
        .param("id", assetId)
        .param("kpi", kpiId)
        .param("unit", unit)
        .update();
  }

  Optional<ZoneId> zone(String assetId) {
    return jdbc.sql("SELECT time_zone FROM pnl_asset WHERE asset_id = :id")
        .param("id", assetId)
        .query(String.class)
        .optional()
        .map(ZoneId::of);
  }

  KpiCatalog catalog(String assetId) {
    Map<String, String> units = new TreeMap<>();
    jdbc.sql("SELECT kpi_id, unit FROM pnl_asset_kpi WHERE asset_id = :id")
        .param("id", assetId)
        .query((rs, row) -> Map.entry(rs.getString("kpi_id"), rs.getString("unit")))
        .list()
        .forEach(unit -> units.put(unit.getKey(), unit.getValue()));
    return new KpiCatalog(units);
  }

  /** Whether the observation is new: a redelivered one is not stored again. */
  boolean addObservation(
      String assetId, KpiObservation observation, Instant periodStart, Instant periodEnd) {
    return jdbc.sql(
                """
                INSERT INTO pnl_observation (asset_id, kpi_id, month, revision, value, unit,
                                             evidence, period_start, period_end, coverage_percent)
                VALUES (:id, :kpi, :month, :revision, :value, :unit, :evidence, :start, :end,
                        :coverage)
                ON CONFLICT DO NOTHING
                """)
            .param("id", assetId)
            .param("kpi", observation.kpiId())
            .param("month", date(observation.period()))
            .param("revision", observation.revision())
            .param("value", observation.value().orElse(null))
            .param("unit", observation.unit())
            .param("evidence", observation.evidence().toArray(String[]::new))
            .param("start", Timestamp.from(periodStart))
            .param("end", Timestamp.from(periodEnd))
            .param("coverage", observation.coveragePercent().orElse(null))
            .update()
        == 1;
  }

  /** The observations of the given KPIs in months {@code [from, to]}, every revision. */
  List<KpiObservation> observations(
      String assetId, Collection<String> kpis, YearMonth from, YearMonth to) {
    return jdbc.sql(
            "SELECT "
                + PnlObservations.COLUMNS
                + """
                 FROM pnl_observation
                WHERE asset_id = :id AND kpi_id = ANY(:kpis) AND month BETWEEN :from AND :to
                """)
        .param("id", assetId)
        .param("kpis", kpis.toArray(String[]::new))
        .param("from", date(from))
        .param("to", date(to))
        .query(PnlObservations::observation)
        .list();
  }

  /** The months in which any of the KPIs has a closed period. */
  TreeSet<YearMonth> months(String assetId, Collection<String> kpis) {
    return new TreeSet<>(
        jdbc.sql(
                """
                SELECT DISTINCT month FROM pnl_observation
                WHERE asset_id = :id AND kpi_id = ANY(:kpis)
                """)
            .param("id", assetId)
            .param("kpis", kpis.toArray(String[]::new))
            .query((rs, row) -> YearMonth.from(rs.getDate("month").toLocalDate()))
            .list());
  }

  Optional<StoredModel> model(String modelId) {
    return jdbc.sql("SELECT definition, asset_ids, active FROM pnl_model WHERE model_id = :id")
        .param("id", modelId)
        .query(PnlStore::storedModel)
        .optional();
  }

  Optional<StoredModel> activeModel(String assetId) {
    return jdbc.sql(
            """
            SELECT definition, asset_ids, active FROM pnl_model
            WHERE active AND asset_ids @> ARRAY[:id]::text[] ORDER BY model_id LIMIT 1
            """)
        .param("id", assetId)
        .query(PnlStore::storedModel)
        .optional();
  }

  /** Stores the model version unless a later one is stored; whether it was stored. */
  boolean saveModel(StoredModel model) {
    return jdbc.sql(
                """
                INSERT INTO pnl_model VALUES (:id, :version, :definition, :assets, :active)
                ON CONFLICT (model_id) DO UPDATE
                SET version = EXCLUDED.version, definition = EXCLUDED.definition,
                    asset_ids = EXCLUDED.asset_ids, active = EXCLUDED.active
                WHERE pnl_model.version < EXCLUDED.version
                """)
            .param("id", model.modelId())
            .param("version", model.version())
            .param("definition", ModelDefinitions.toJson(model.definition()))
            .param("assets", model.assetIds().toArray(String[]::new))
            .param("active", model.active())
            .update()
        == 1;
  }

  void retire(String modelId) {
    jdbc.sql("UPDATE pnl_model SET active = false WHERE model_id = :id")
        .param("id", modelId)
        .update();
  }

  /** The month's lines by id, in model order. */
  Map<String, StoredLine> lines(String assetId, YearMonth month) {
    Map<String, StoredLine> lines = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT "
                + LINE_COLUMNS
                + " FROM pnl_line WHERE asset_id = :id AND month = :month ORDER BY ordinal")
        .param("id", assetId)
        .param("month", date(month))
        .query(PnlStore::storedLine)
        .list()
        .forEach(line -> lines.put(line.lineId(), line));
    return lines;
  }

  void saveLine(StoredLine line) {
    jdbc.sql(
            """
            INSERT INTO pnl_line (asset_id, month, line_id, model_id, model_version, ordinal,
                                  label, kind, unit, value, provenance, remarks, partial,
                                  revision)
            VALUES (:id, :month, :line, :model, :version, :ordinal, :label, :kind, :unit, :value,
                    :provenance, :remarks, :partial, :revision)
            ON CONFLICT (asset_id, month, line_id) DO UPDATE
            SET model_id = EXCLUDED.model_id, model_version = EXCLUDED.model_version,
                ordinal = EXCLUDED.ordinal, label = EXCLUDED.label, kind = EXCLUDED.kind,
                unit = EXCLUDED.unit, value = EXCLUDED.value, provenance = EXCLUDED.provenance,
                remarks = EXCLUDED.remarks, partial = EXCLUDED.partial,
                revision = EXCLUDED.revision
            """)
        .param("id", line.assetId())
        .param("month", date(line.month()))
        .param("line", line.lineId())
        .param("model", line.modelId())
        .param("version", line.modelVersion())
        .param("ordinal", line.ordinal())
        .param("label", line.label())
        .param("kind", line.kind())
        .param("unit", line.unit())
        .param("value", line.value().orElse(null))
        .param("provenance", line.provenance())
        .param("remarks", line.remarks().toArray(String[]::new))
        .param("partial", line.partial().toArray(String[]::new))
        .param("revision", line.revision())
        .update();
  }

  void deleteLine(StoredLine line) {
    jdbc.sql("DELETE FROM pnl_line WHERE asset_id = :id AND month = :month AND line_id = :line")
        .param("id", line.assetId())
        .param("month", date(line.month()))
        .param("line", line.lineId())
        .update();
  }

  int nextRevision(String assetId, YearMonth month) {
    return jdbc.sql(
            """
            SELECT coalesce(max(revision), 0) + 1 FROM pnl_revision
            WHERE asset_id = :id AND month = :month
            """)
        .param("id", assetId)
        .param("month", date(month))
        .query(Integer.class)
        .single();
  }

  void addRevision(PnlRevisionView revision) {
    jdbc.sql(
            """
            INSERT INTO pnl_revision (asset_id, month, revision, model_id, model_version, cause,
                                      kpi_id, kpi_month, kpi_revision, changes, recorded_at)
            VALUES (:id, :month, :revision, :model, :version, :cause, :kpi, :kpiMonth,
                    :kpiRevision, CAST(:changes AS jsonb), :at)
            """)
        .param("id", revision.assetId())
        .param("month", date(revision.month()))
        .param("revision", revision.revision())
        .param("model", revision.modelId())
        .param("version", revision.modelVersion())
        .param("cause", revision.cause())
        .param("kpi", revision.kpiPeriod().map(KpiPeriodRevision::kpiId).orElse(null))
        .param("kpiMonth", revision.kpiPeriod().map(k -> date(k.month())).orElse(null))
        .param("kpiRevision", revision.kpiPeriod().map(KpiPeriodRevision::revision).orElse(null))
        .param("changes", json.writeValueAsString(revision.changes()))
        .param("at", Timestamp.from(revision.recordedAt()))
        .update();
  }

  void truncate() {
    jdbc.sql(
            """
            TRUNCATE pnl_asset, pnl_asset_kpi, pnl_model, pnl_observation, pnl_line,
                     pnl_revision
            """)
        .update();
  }

  static StoredLine storedLine(ResultSet rs, int row) throws SQLException {
    BigDecimal value = rs.getBigDecimal("value");
    return new StoredLine(
        rs.getString("asset_id"),
        YearMonth.from(rs.getDate("month").toLocalDate()),
        rs.getString("line_id"),
        rs.getString("model_id"),
        rs.getInt("model_version"),
        rs.getInt("ordinal"),
        rs.getString("label"),
        rs.getString("kind"),
        rs.getString("unit"),
        Optional.ofNullable(value),
        rs.getString("provenance"),
        Arrays.asList((String[]) rs.getArray("remarks").getArray()),
        Arrays.asList((String[]) rs.getArray("partial").getArray()),
        rs.getInt("revision"));
  }

  private static StoredModel storedModel(ResultSet rs, int row) throws SQLException {
    return new StoredModel(
        ModelDefinitions.parseJson(rs.getString("definition")),
        Arrays.asList((String[]) rs.getArray("asset_ids").getArray()),
        rs.getBoolean("active"));
  }
}
