package io.twinledger.ledger.model.api;

import io.twinledger.finance.model.ModelDefinition;
import java.util.List;
import java.util.Optional;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces a model's definition or the assets it applies to with a new version. The P&amp;L of
 * every asset concerned is recomputed with the new version, and each change is recorded with the
 * reason.
 *
 * @param expectedVersion the version the change was made against; refused if the model has moved on
 * @param reason why the model changes, shown with every P&amp;L revision it causes
 */
public record ReviseModel(
    String modelId,
    Optional<Integer> expectedVersion,
    ModelDefinition definition,
    List<String> assetIds,
    String reason) {

  public ReviseModel {
    assetIds = List.copyOf(assetIds);
  }

  @TargetAggregateIdentifier
  public String streamId() {
    return ModelStreams.streamId(modelId);
  }
}
