package io.twinledger.ledger.store;

import java.util.Optional;

/**
 * One domain event exactly as the event store holds it ({@code domain_event_entry}): the bytes of
 * its payload and meta data as stored, and its time stamp as the stored text, so evidence built
 * from it shows what is in the database now, not what a deserializer makes of it.
 *
 * @param globalIndex the event's position in the store
 * @param aggregateType the aggregate type, when the store recorded one
 * @param timestamp the stored time stamp text (ISO-8601)
 * @param metaData the stored meta data bytes, when there are any
 */
public record StoredEvent(
    long globalIndex,
    String eventIdentifier,
    Optional<String> aggregateType,
    String aggregateIdentifier,
    long sequenceNumber,
    String payloadType,
    String timestamp,
    byte[] payload,
    Optional<byte[]> metaData) {}
