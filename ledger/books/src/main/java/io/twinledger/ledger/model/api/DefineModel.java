package io.twinledger.ledger.model.api;

import io.twinledger.finance.model.ModelDefinition;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Defines a cash-flow model and the assets it applies to. The definition must already have passed
 * {@link io.twinledger.ledger.model.ModelRegistry}'s checks against those assets' KPIs; the
 * aggregate records it as version 1.
 *
 * @param modelId the model's id, equal to the definition's id
 * @param definition the model; its version is replaced by 1
 * @param assetIds the assets whose P&amp;L the model computes, at least one
 */
public record DefineModel(String modelId, ModelDefinition definition, List<String> assetIds) {

  public DefineModel {
    assetIds = List.copyOf(assetIds);
  }

  /** Models share the event store with assets, so their stream ids carry a prefix. */
  @TargetAggregateIdentifier
  public String streamId() {
    return ModelStreams.streamId(modelId);
  }
}
