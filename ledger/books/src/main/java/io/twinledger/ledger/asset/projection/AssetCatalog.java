package io.twinledger.ledger.asset.projection;

import io.twinledger.ledger.asset.api.AssetClass;
import io.twinledger.ledger.asset.api.AssetParameters;
import io.twinledger.ledger.asset.api.KpiDefinition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the asset read model written by {@link AssetProjection}. Each asset comes with its KPIs
 * from one statement, so a view never mixes two states of the projection.
 */
public class AssetCatalog {

  private static final String SELECT =
      """
      SELECT a.asset_id, a.asset_class, a.name, a.time_zone, a.parameters::text AS parameters,
             a.status, a.decommission_reason, a.version, a.registered_at, a.updated_at,
             COALESCE((SELECT json_agg(k.definition ORDER BY k.kpi_id)
                       FROM asset_kpi_view k WHERE k.asset_id = a.asset_id), '[]')::text AS kpis
      FROM asset_view a
      """;

  private static final TypeReference<List<KpiDefinition>> KPI_LIST = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;

  public AssetCatalog(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Assets ordered by id, optionally of one class only. */
  public List<AssetView> list(Optional<AssetClass> assetClass) {
    return assetClass
        .map(
            c ->
                jdbc.sql(SELECT + " WHERE a.asset_class = :class ORDER BY a.asset_id")
                    .param("class", c.name()))
        .orElseGet(() -> jdbc.sql(SELECT + " ORDER BY a.asset_id"))
        .query(this::view)
        .list();
  }

  /** One asset, if it has been registered. */
  public Optional<AssetView> find(String assetId) {
    // PostgreSQL text cannot hold NUL, and no registered id has one (RegisterAsset's pattern):
    // such an id, from an unvalidated request field, names no asset rather than failing the query.
    if (assetId.indexOf('\u0000') >= 0) {
      return Optional.empty();
    }
    return jdbc.sql(SELECT + " WHERE a.asset_id = :id")
        .param("id", assetId)
        .query(this::view)
        .optional();
  }

  private AssetView view(ResultSet rs, int rowNum) throws SQLException {
    return new AssetView(
        rs.getString("asset_id"),
        AssetClass.valueOf(rs.getString("asset_class")),
        rs.getString("name"),
        rs.getString("time_zone"),
        AssetStatus.valueOf(rs.getString("status")),
        Optional.ofNullable(rs.getString("decommission_reason")),
        json.readValue(rs.getString("parameters"), AssetParameters.class),
        json.readValue(rs.getString("kpis"), KPI_LIST),
        rs.getLong("version"),
        rs.getTimestamp("registered_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
