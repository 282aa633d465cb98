package io.twinledger.ledger.pnl.projection;

import static io.twinledger.ledger.pnl.projection.PnlObservations.date;

import io.twinledger.finance.model.LineKind;
import io.twinledger.finance.model.LineValue;
import io.twinledger.finance.model.ModelDefinitions;
import io.twinledger.finance.model.ModelRun;
import io.twinledger.finance.model.PeriodValues;
import io.twinledger.finance.model.Provenance;
import io.twinledger.finance.model.unit.Unit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads the monthly P&amp;L lines and revisions written by {@link PnlProjection}. */
public class PnlBook {

  private static final TypeReference<List<LineChange>> CHANGES = new TypeReference<>() {};
  private static final String REVISION_SELECT =
      """
      SELECT asset_id, month, revision, model_id, model_version, cause, kpi_id, kpi_month,
             kpi_revision, changes::text AS changes, recorded_at
      FROM pnl_revision""";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  public PnlBook(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** The assets that have P&amp;L lines in a month of {@code [from, to]}, by id. */
  public List<String> assets(YearMonth from, YearMonth to) {
    return jdbc.sql(
            """
            SELECT DISTINCT asset_id FROM pnl_line WHERE month BETWEEN :from AND :to
            ORDER BY asset_id
            """)
        .param("from", date(from))
        .param("to", date(to))
        .query(String.class)
        .list();
  }

  /**
   * The asset's computed months in {@code [from, to]} as a model run, for statements; empty when
   * none is computed. Months without any closed KPI period are left out, so the run's months need
   * not be consecutive.
   */
  public Optional<ModelRun> run(String assetId, YearMonth from, YearMonth to) {
    List<StoredLine> lines =
        jdbc.sql(
                """
                SELECT asset_id, month, line_id, model_id, model_version, ordinal, label, kind,
                       unit, value, provenance, remarks, partial, revision
                FROM pnl_line WHERE asset_id = :id AND month BETWEEN :from AND :to
                ORDER BY month, ordinal
                """)
            .param("id", assetId)
            .param("from", date(from))
            .param("to", date(to))
            .query(PnlStore::storedLine)
            .list();
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    StoredLine first = lines.getFirst();
    Currency currency =
        Currency.getInstance(
            ModelDefinitions.parseJson(
                    jdbc.sql("SELECT definition FROM pnl_model WHERE model_id = :id")
                        .param("id", first.modelId())
                        .query(String.class)
                        .single())
                .currency());
    Map<YearMonth, List<LineValue>> byMonth = new TreeMap<>();
    for (StoredLine line : lines) {
      byMonth.computeIfAbsent(line.month(), m -> new ArrayList<>()).add(value(line));
    }
    List<PeriodValues> periods = new ArrayList<>();
    byMonth.forEach((month, values) -> periods.add(new PeriodValues(month, values)));
    return Optional.of(
        new ModelRun(assetId, first.modelId(), first.modelVersion(), currency, periods));
  }

  /** The revisions of the asset's months in {@code [from, to]}, by month and revision. */
  public List<PnlRevisionView> revisions(String assetId, YearMonth from, YearMonth to) {
    return jdbc.sql(
            REVISION_SELECT
                + """
                 WHERE asset_id = :id AND month BETWEEN :from AND :to
                ORDER BY month, revision
                """)
        .param("id", assetId)
        .param("from", date(from))
        .param("to", date(to))
        .query(this::revision)
        .list();
  }

  /** Whether the projection knows the model: it has been defined, retired or not. */
  public boolean knowsModel(String modelId) {
    return jdbc.sql("SELECT count(*) FROM pnl_model WHERE model_id = :id")
            .param("id", modelId)
            .query(Integer.class)
            .single()
        > 0;
  }

  /**
   * The revisions of the model's asset months in {@code [from, to]}, by month, asset and revision.
   * A revision belongs to the model that computed the month after it.
   */
  public List<PnlRevisionView> modelRevisions(String modelId, YearMonth from, YearMonth to) {
    return jdbc.sql(
            REVISION_SELECT
                + """
                 WHERE model_id = :id AND month BETWEEN :from AND :to
                ORDER BY month, asset_id, revision
                """)
        .param("id", modelId)
        .param("from", date(from))
        .param("to", date(to))
        .query(this::revision)
        .list();
  }

  private PnlRevisionView revision(ResultSet rs, int row) throws SQLException {
    String kpi = rs.getString("kpi_id");
    return new PnlRevisionView(
        rs.getString("asset_id"),
        YearMonth.from(rs.getDate("month").toLocalDate()),
        rs.getInt("revision"),
        rs.getString("model_id"),
        rs.getInt("model_version"),
        rs.getString("cause"),
        kpi == null
            ? Optional.empty()
            : Optional.of(
                new KpiPeriodRevision(
                    kpi,
                    YearMonth.from(rs.getDate("kpi_month").toLocalDate()),
                    rs.getInt("kpi_revision"))),
        json.readValue(rs.getString("changes"), CHANGES),
        rs.getTimestamp("recorded_at").toInstant());
  }

  private LineValue value(StoredLine line) {
    return new LineValue(
        line.lineId(),
        line.label(),
        LineKind.valueOf(line.kind()),
        Unit.parse(line.unit()),
        line.value(),
        json.readValue(line.provenance(), Provenance.class),
        line.remarks(),
        line.partial());
  }
}
