package io.twinledger.ledger.model.api;

/**
 * Event-stream ids of models. Asset ids cannot contain a colon, so a prefixed model id never
 * collides with an asset's stream in the shared event store.
 */
public final class ModelStreams {

  private static final String PREFIX = "model:";

  private ModelStreams() {}

  /** The stream id of a model. */
  public static String streamId(String modelId) {
    return PREFIX + modelId;
  }
}
