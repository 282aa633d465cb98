package io.twinledger.service.model;

import io.swagger.v3.oas.annotations.media.Schema;
import io.twinledger.finance.model.ModelDefinition;
import io.twinledger.finance.model.ModelDefinitions;
import io.twinledger.ledger.model.projection.ModelStatus;
import io.twinledger.ledger.model.projection.ModelVersionView;
import io.twinledger.ledger.model.projection.ModelView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Response bodies of the model API. Definitions are shown exactly as {@code ModelDefinitions}. */
final class ModelBody {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ModelBody() {}

  /** A model's current version. */
  record Model(
      String modelId,
      int version,
      ModelStatus status,
      Optional<String> retireReason,
      List<String> assets,
      Instant definedAt,
      Instant updatedAt,
      JsonNode definition) {

    static Model of(ModelView view) {
      return new Model(
          view.modelId(),
          view.version(),
          view.status(),
          view.retireReason(),
          view.assetIds(),
          view.definedAt(),
          view.updatedAt(),
          tree(view.definition()));
    }
  }

  /** One version of a model. */
  record Version(
      String modelId,
      int version,
      List<String> assets,
      Optional<String> reason,
      Instant recordedAt,
      JsonNode definition) {

    static Version of(ModelVersionView view) {
      return new Version(
          view.modelId(),
          view.version(),
          view.assetIds(),
          view.reason(),
          view.recordedAt(),
          tree(view.definition()));
    }
  }

  /**
   * The outcome of a write; named apart from the asset register's reply in the OpenAPI document.
   */
  @Schema(name = "ModelWritten")
  record Written(String modelId, int version) {}

  /** The outcome of a check that found nothing wrong. */
  record Valid(boolean valid, List<String> assets) {}

  static JsonNode tree(ModelDefinition definition) {
    return JSON.readTree(ModelDefinitions.toJson(definition));
  }
}
