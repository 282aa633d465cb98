package io.twinledger.ledger.model.projection;

import io.twinledger.finance.model.ModelDefinition;
import io.twinledger.finance.model.ModelDefinitions;
import io.twinledger.ledger.model.api.ModelDefined;
import io.twinledger.ledger.model.api.ModelRetired;
import io.twinledger.ledger.model.api.ModelRevised;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes the model registry's read model ({@code model_view}, {@code model_version_view}).
 *
 * <p>Writes are guarded by the model version, so a redelivered event changes nothing, and all
 * timestamps come from the events: reset plus replay rebuilds the tables identically.
 */
@ProcessingGroup(ModelProjection.PROCESSING_GROUP)
public class ModelProjection {

  /** Name of the streaming processor and of its token. */
  public static final String PROCESSING_GROUP = "model-projection";

  private final JdbcClient jdbc;

  public ModelProjection(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @EventHandler
  void on(ModelDefined event, @org.axonframework.eventhandling.Timestamp Instant at) {
    jdbc.sql(
            """
            INSERT INTO model_view (model_id, version, definition, asset_ids, status, defined_at,
                                    updated_at)
            VALUES (:id, :version, :definition, :assets, 'ACTIVE', :at, :at)
            ON CONFLICT (model_id) DO NOTHING
            """)
        .param("id", event.modelId())
        .param("version", event.definition().version())
        .param("definition", ModelDefinitions.toJson(event.definition()))
        .param("assets", event.assetIds().toArray(String[]::new))
        .param("at", Timestamp.from(at))
        .update();
    recordVersion(event.modelId(), event.definition(), event.assetIds(), Optional.empty(), at);
  }

  @EventHandler
  void on(ModelRevised event, @org.axonframework.eventhandling.Timestamp Instant at) {
    jdbc.sql(
            """
            UPDATE model_view SET version = :version, definition = :definition,
                                  asset_ids = :assets, updated_at = :at
            WHERE model_id = :id AND version < :version
            """)
        .param("id", event.modelId())
        .param("version", event.definition().version())
        .param("definition", ModelDefinitions.toJson(event.definition()))
        .param("assets", event.assetIds().toArray(String[]::new))
        .param("at", Timestamp.from(at))
        .update();
    recordVersion(
        event.modelId(), event.definition(), event.assetIds(), Optional.of(event.reason()), at);
  }

  @EventHandler
  void on(ModelRetired event, @org.axonframework.eventhandling.Timestamp Instant at) {
    jdbc.sql(
            """
            UPDATE model_view SET status = 'RETIRED', retire_reason = :reason, updated_at = :at
            WHERE model_id = :id AND status = 'ACTIVE'
            """)
        .param("id", event.modelId())
        .param("reason", event.reason())
        .param("at", Timestamp.from(at))
        .update();
  }

  @ResetHandler
  void reset() {
    jdbc.sql("TRUNCATE model_view, model_version_view").update();
  }

  private void recordVersion(
      String modelId,
      ModelDefinition definition,
      List<String> assetIds,
      Optional<String> reason,
      Instant at) {
    jdbc.sql(
            """
            INSERT INTO model_version_view (model_id, version, definition, asset_ids, reason,
                                            recorded_at)
            VALUES (:id, :version, :definition, :assets, :reason, :at)
            ON CONFLICT DO NOTHING
            """)
        .param("id", modelId)
        .param("version", definition.version())
        .param("definition", ModelDefinitions.toJson(definition))
        .param("assets", assetIds.toArray(String[]::new))
        .param("reason", reason.orElse(null))
        .param("at", Timestamp.from(at))
        .update();
  }
}
