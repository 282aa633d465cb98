package io.twinledger.ledger.asset;

import java.time.Instant;

/**
 * One event of an asset's history, exactly as stored.
 *
 * @param sequenceNumber position in the asset's stream, from 0
 * @param eventId globally unique event identifier
 * @param type simple name of the event type, such as {@code AssetRegistered}
 * @param timestamp when the event was recorded
 * @param payload the event itself
 */
public record RecordedEvent(
    long sequenceNumber, String eventId, String type, Instant timestamp, Object payload) {}
