package io.twinledger.twin.ngsild;

/**
 * Where an observation's time came from, from most to least precise. Kept as evidence: a reading
 * dated by the broker's {@code notifiedAt} may lag the measurement by the subscription's
 * throttling.
 */
public enum ObservationTimeSource {
  /** The Property's own {@code observedAt}. */
  ATTRIBUTE,
  /**
   * The entity's {@code observedAt} or {@code dateObserved}, typical of keyValues notifications.
   */
  ENTITY,
  /** The notification's {@code notifiedAt}, when nothing more precise was given. */
  NOTIFICATION
}
