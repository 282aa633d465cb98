package io.twinledger.ledger.model.projection;

import io.twinledger.finance.model.ModelDefinitions;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the model registry written by {@link ModelProjection}. */
public class Models {

  private static final String COLUMNS =
      "model_id, version, definition, asset_ids, status, retire_reason, defined_at, updated_at";

  private final JdbcClient jdbc;

  public Models(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every model, active and retired, by id. */
  public List<ModelView> list() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM model_view ORDER BY model_id")
        .query(Models::view)
        .list();
  }

  /** A model's current version. */
  public Optional<ModelView> find(String modelId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM model_view WHERE model_id = :id")
        .param("id", modelId)
        .query(Models::view)
        .optional();
  }

  /** The active model that computes the asset's P&amp;L, if one does. */
  public Optional<ModelView> activeFor(String assetId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM model_view WHERE status = 'ACTIVE' AND asset_ids @> ARRAY[:asset]::text[]"
                + " ORDER BY model_id LIMIT 1")
        .param("asset", assetId)
        .query(Models::view)
        .optional();
  }

  /** Every version of a model, oldest first; empty for an unknown model. */
  public List<ModelVersionView> versions(String modelId) {
    return jdbc.sql(
            """
            SELECT model_id, version, definition, asset_ids, reason, recorded_at
            FROM model_version_view WHERE model_id = :id ORDER BY version
            """)
        .param("id", modelId)
        .query(
            (rs, row) ->
                new ModelVersionView(
                    rs.getString("model_id"),
                    rs.getInt("version"),
                    ModelDefinitions.parseJson(rs.getString("definition")),
                    strings(rs.getArray("asset_ids")),
                    Optional.ofNullable(rs.getString("reason")),
                    rs.getTimestamp("recorded_at").toInstant()))
        .list();
  }

  private static ModelView view(ResultSet rs, int row) throws SQLException {
    return new ModelView(
        rs.getString("model_id"),
        rs.getInt("version"),
        ModelDefinitions.parseJson(rs.getString("definition")),
        strings(rs.getArray("asset_ids")),
        ModelStatus.valueOf(rs.getString("status")),
        Optional.ofNullable(rs.getString("retire_reason")),
        rs.getTimestamp("defined_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }

  private static List<String> strings(Array array) throws SQLException {
    return Arrays.asList((String[]) array.getArray());
  }
}
