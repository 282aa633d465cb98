package io.twinledger.ledger.asset.projection;

import io.twinledger.ledger.asset.api.AssetClass;
import io.twinledger.ledger.asset.api.AssetParameters;
import io.twinledger.ledger.asset.api.KpiDefinition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Reads the asset read model written by {@link AssetProjection}. */
public class AssetCatalog {

  private static final String SELECT =
      """
      SELECT asset_id, asset_class, name, time_zone, parameters::text AS parameters, status,
             decommission_reason, version, registered_at, updated_at
      FROM asset_view
      """;

  private final JdbcClient jdbc;
  private final JsonMapper json;

  public AssetCatalog(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Assets ordered by id, optionally of one class only. */
  public List<AssetView> list(Optional<AssetClass> assetClass) {
    List<Row> rows =
        assetClass
            .map(
                c ->
                    jdbc.sql(SELECT + " WHERE asset_class = :class ORDER BY asset_id")
                        .param("class", c.name()))
            .orElseGet(() -> jdbc.sql(SELECT + " ORDER BY asset_id"))
            .query(this::row)
            .list();
    Map<String, List<KpiDefinition>> kpis = kpisOfClass(assetClass);
    return rows.stream().map(r -> r.view(kpis.getOrDefault(r.assetId, List.of()))).toList();
  }

  /** One asset, if it has been registered. */
  public Optional<AssetView> find(String assetId) {
    return jdbc.sql(SELECT + " WHERE asset_id = :id")
        .param("id", assetId)
        .query(this::row)
        .optional()
        .map(
            r ->
                r.view(
                    kpis(KPIS + " WHERE k.asset_id = :id", Map.of("id", assetId))
                        .getOrDefault(assetId, List.of())));
  }

  private static final String KPIS =
      """
      SELECT k.asset_id, k.definition::text AS definition
      FROM asset_kpi_view k JOIN asset_view a ON a.asset_id = k.asset_id
      """;

  private Map<String, List<KpiDefinition>> kpisOfClass(Optional<AssetClass> assetClass) {
    return assetClass
        .map(c -> kpis(KPIS + " WHERE a.asset_class = :class", Map.of("class", c.name())))
        .orElseGet(() -> kpis(KPIS, Map.of()));
  }

  private Map<String, List<KpiDefinition>> kpis(String where, Map<String, ?> params) {
    return jdbc
        .sql(where + " ORDER BY k.asset_id, k.kpi_id")
        .params(params)
        .query(
            (rs, n) ->
                Map.entry(
                    rs.getString("asset_id"),
                    json.readValue(rs.getString("definition"), KpiDefinition.class)))
        .list()
        .stream()
        .collect(
            Collectors.groupingBy(
                Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
  }

  private Row row(ResultSet rs, int rowNum) throws SQLException {
    return new Row(
        rs.getString("asset_id"),
        AssetClass.valueOf(rs.getString("asset_class")),
        rs.getString("name"),
        rs.getString("time_zone"),
        AssetStatus.valueOf(rs.getString("status")),
        Optional.ofNullable(rs.getString("decommission_reason")),
        json.readValue(rs.getString("parameters"), AssetParameters.class),
        rs.getLong("version"),
        rs.getTimestamp("registered_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }

  private record Row(
      String assetId,
      AssetClass assetClass,
      String name,
      String timeZone,
      AssetStatus status,
      Optional<String> decommissionReason,
      AssetParameters parameters,
      long version,
      java.time.Instant registeredAt,
      java.time.Instant updatedAt) {

    AssetView view(List<KpiDefinition> kpis) {
      return new AssetView(
          assetId,
          assetClass,
          name,
          timeZone,
          status,
          decommissionReason,
          parameters,
          kpis,
          version,
          registeredAt,
          updatedAt);
    }
  }
}
