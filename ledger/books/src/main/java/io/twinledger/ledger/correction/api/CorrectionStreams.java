package io.twinledger.ledger.correction.api;

/**
 * Event-stream ids of corrections. Asset ids cannot contain a colon, so a prefixed id never
 * collides with an asset's or a model's stream in the shared event store.
 */
public final class CorrectionStreams {

  private static final String PREFIX = "correction:";

  private CorrectionStreams() {}

  /** The stream id of a correction. */
  public static String streamId(long correctionId) {
    return PREFIX + correctionId;
  }
}
