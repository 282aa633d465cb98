package io.twinledger.ledger.audit;

import io.twinledger.contracts.merkle.Sha256;

/**
 * An event of the Axon event store ({@code domain_event_entry}) as it is stored: its position and
 * identity, and SHA-256 digests of its serialized payload and meta data exactly as the bytes lie in
 * the table, so that changing one byte of a stored event is found by digesting it again.
 *
 * <p>Rebuilt from a row: {@link #of} with the row's columns; encoded as tag {@code
 * twinledger-leaf/domain-event/v1}, then the fields below in order (see {@link AuditLeaf}).
 *
 * @param globalIndex {@code global_index}, the event's position in the store, at least 1
 * @param eventIdentifier {@code event_identifier}
 * @param aggregateType {@code type}; empty when the store has none
 * @param aggregateIdentifier {@code aggregate_identifier}
 * @param sequenceNumber {@code sequence_number} within the aggregate
 * @param payloadType {@code payload_type}, the event's class name
 * @param timestamp {@code time_stamp}, the text as stored (ISO-8601)
 * @param payloadDigest SHA-256 of the {@code payload} bytes
 * @param metaDataDigest SHA-256 of the {@code meta_data} bytes; of no bytes when it is null
 */
public record DomainEventLeaf(
    long globalIndex,
    String eventIdentifier,
    String aggregateType,
    String aggregateIdentifier,
    long sequenceNumber,
    String payloadType,
    String timestamp,
    Sha256 payloadDigest,
    Sha256 metaDataDigest)
    implements AuditLeaf {

  public DomainEventLeaf {
    if (globalIndex < 1) {
      throw new IllegalArgumentException("a global index is at least 1: " + globalIndex);
    }
    if (sequenceNumber < 0) {
      throw new IllegalArgumentException("a sequence number is at least 0: " + sequenceNumber);
    }
  }

  /**
   * The leaf of a stored event, from its columns; {@code aggregateType} and {@code metaData} may be
   * null.
   */
  public static DomainEventLeaf of(
      long globalIndex,
      String eventIdentifier,
      String aggregateType,
      String aggregateIdentifier,
      long sequenceNumber,
      String payloadType,
      String timestamp,
      byte[] payload,
      byte[] metaData) {
    return new DomainEventLeaf(
        globalIndex,
        eventIdentifier,
        aggregateType == null ? "" : aggregateType,
        aggregateIdentifier,
        sequenceNumber,
        payloadType,
        timestamp,
        Sha256.digest(payload),
        Sha256.digest(metaData == null ? new byte[0] : metaData));
  }

  @Override
  public LeafKind kind() {
    return LeafKind.DOMAIN_EVENT;
  }

  @Override
  public long reference() {
    return globalIndex;
  }

  @Override
  public byte[] data() {
    return new LeafBytes.Writer()
        .text(LeafKind.DOMAIN_EVENT.tag())
        .int64(globalIndex)
        .text(eventIdentifier)
        .text(aggregateType)
        .text(aggregateIdentifier)
        .int64(sequenceNumber)
        .text(payloadType)
        .text(timestamp)
        .digest(payloadDigest)
        .digest(metaDataDigest)
        .bytes();
  }

  static DomainEventLeaf read(LeafBytes.Reader in) {
    return new DomainEventLeaf(
        in.int64(),
        in.text(),
        in.text(),
        in.text(),
        in.int64(),
        in.text(),
        in.text(),
        in.digest(),
        in.digest());
  }
}
