package io.twinledger.ledger.bond.api;

/**
 * Event-stream ids of bonds. Asset ids cannot contain a colon, so a prefixed bond id never collides
 * with another aggregate's stream in the shared event store.
 */
public final class BondStreams {

  private static final String PREFIX = "bond:";

  private BondStreams() {}

  /** The stream id of a bond. */
  public static String streamId(String bondId) {
    return PREFIX + bondId;
  }
}
