package io.twinledger.ledger.asset.projection;

import io.twinledger.ledger.asset.api.AssetDecommissioned;
import io.twinledger.ledger.asset.api.AssetParametersUpdated;
import io.twinledger.ledger.asset.api.AssetRegistered;
import io.twinledger.ledger.asset.api.KpiDefined;
import io.twinledger.ledger.asset.api.KpiPeriodClosed;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.SourceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the asset read model ({@code asset_view}, {@code asset_kpi_view}, {@code
 * kpi_period_view}).
 *
 * <p>Every write is guarded by the event's sequence number, so a redelivered event changes nothing
 * and the tables depend only on the event stream: reset plus replay rebuilds them identically. All
 * timestamps come from the events, never from the clock.
 */
@ProcessingGroup(AssetProjection.PROCESSING_GROUP)
public class AssetProjection {

  /** Name of the streaming processor and of its token. */
  public static final String PROCESSING_GROUP = "asset-projection";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  public AssetProjection(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  @EventHandler
  void on(
      AssetRegistered event,
      @SequenceNumber long sequence,
      @org.axonframework.eventhandling.Timestamp Instant at) {
    jdbc.sql(
            """
            INSERT INTO asset_view (asset_id, asset_class, name, time_zone, parameters, status,
                                    version, registered_at, updated_at)
            VALUES (:id, :class, :name, :zone, CAST(:parameters AS jsonb), 'ACTIVE', :version,
                    :at, :at)
            ON CONFLICT (asset_id) DO NOTHING
            """)
        .param("id", event.assetId())
        .param("class", event.parameters().assetClass().name())
        .param("name", event.name())
        .param("zone", event.timeZone())
        .param("parameters", json.writeValueAsString(event.parameters()))
        .param("version", sequence)
        .param("at", Timestamp.from(at))
        .update();
  }

  @EventHandler
  void on(
      AssetParametersUpdated event,
      @SequenceNumber long sequence,
      @org.axonframework.eventhandling.Timestamp Instant at) {
    jdbc.sql(
            """
            UPDATE asset_view SET parameters = CAST(:parameters AS jsonb), version = :version,
                                  updated_at = :at
            WHERE asset_id = :id AND version < :version
            """)
        .param("id", event.assetId())
        .param("parameters", json.writeValueAsString(event.parameters()))
        .param("version", sequence)
        .param("at", Timestamp.from(at))
        .update();
  }

  @EventHandler
  void on(
      KpiDefined event,
      @SequenceNumber long sequence,
      @org.axonframework.eventhandling.Timestamp Instant at) {
    int updated = bumpVersion(event.assetId(), sequence, at);
    if (updated == 0) {
      return;
    }
    jdbc.sql(
            """
            INSERT INTO asset_kpi_view (asset_id, kpi_id, definition, defined_at)
            VALUES (:id, :kpi, CAST(:definition AS jsonb), :at)
            ON CONFLICT (asset_id, kpi_id)
            DO UPDATE SET definition = EXCLUDED.definition, defined_at = EXCLUDED.defined_at
            """)
        .param("id", event.assetId())
        .param("kpi", event.definition().kpiId())
        .param("definition", json.writeValueAsString(event.definition()))
        .param("at", Timestamp.from(at))
        .update();
  }

  @EventHandler
  void on(
      AssetDecommissioned event,
      @SequenceNumber long sequence,
      @org.axonframework.eventhandling.Timestamp Instant at) {
    jdbc.sql(
            """
            UPDATE asset_view SET status = 'DECOMMISSIONED', decommission_reason = :reason,
                                  version = :version, updated_at = :at
            WHERE asset_id = :id AND version < :version
            """)
        .param("id", event.assetId())
        .param("reason", event.reason())
        .param("version", sequence)
        .param("at", Timestamp.from(at))
        .update();
  }

  /**
   * A period closed before periods had streams of their own is on the asset's stream and moved the
   * asset's version; one on its period series ({@code KpiPeriodSeries}) leaves the version alone.
   * Either way the insert keeps the first of repeated revisions, so redelivery changes nothing.
   */
  @EventHandler
  void on(
      KpiPeriodClosed event,
      @SourceId String streamId,
      @SequenceNumber long sequence,
      @org.axonframework.eventhandling.Timestamp Instant at) {
    if (streamId.equals(event.assetId()) && bumpVersion(event.assetId(), sequence, at) == 0) {
      return;
    }
    jdbc.sql(
            """
            INSERT INTO kpi_period_view (asset_id, kpi_id, period_kind, period_start, period_end,
                revision, value, unit, coverage_percent, reading_count, quality_summary,
                batch_digests, closed_at, components, remarks, classification, cause)
            VALUES (:id, :kpi, :kind, :start, :end, :revision, :value, :unit, :coverage,
                :count, CAST(:quality AS jsonb), CAST(:digests AS text[]), :at,
                CAST(:components AS jsonb), :remarks, :classification, :cause)
            ON CONFLICT DO NOTHING
            """)
        .param("id", event.assetId())
        .param("kpi", event.kpiId())
        .param("kind", event.periodKind())
        .param("start", Timestamp.from(event.periodStart()))
        .param("end", Timestamp.from(event.periodEnd()))
        .param("revision", event.revision())
        .param("value", event.value().orElse(null))
        .param("unit", event.unit())
        .param("coverage", event.coveragePercent())
        .param("count", event.readingCount())
        .param("quality", json.writeValueAsString(new TreeMap<>(event.qualitySummary())))
        .param("digests", "{" + String.join(",", event.batchDigests()) + "}")
        .param("at", Timestamp.from(at))
        .param("components", json.writeValueAsString(new TreeMap<>(event.components())))
        .param("remarks", event.remarks().toArray(String[]::new))
        .param("classification", event.classification().orElse(null))
        .param("cause", event.cause().orElse(null))
        .update();
  }

  @ResetHandler
  void reset() {
    jdbc.sql("TRUNCATE kpi_period_view, asset_kpi_view, asset_view").update();
  }

  private int bumpVersion(String assetId, long sequence, Instant at) {
    return jdbc.sql(
            """
            UPDATE asset_view SET version = :version, updated_at = :at
            WHERE asset_id = :id AND version < :version
            """)
        .param("id", assetId)
        .param("version", sequence)
        .param("at", Timestamp.from(at))
        .update();
  }
}
