package io.twinledger.ledger.model.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Retires a model: its statements stay as last computed, but KPI periods closing afterwards no
 * longer change them, and its assets are free for another model.
 */
public record RetireModel(String modelId, String reason) {

  @TargetAggregateIdentifier
  public String streamId() {
    return ModelStreams.streamId(modelId);
  }
}
