package io.twinledger.ledger.audit;

import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.contracts.merkle.TreeHash;

/**
 * A leaf of an audit log: what it records, in a canonical, versioned encoding that anyone holding
 * the underlying records can rebuild byte for byte, and whose RFC 9162 leaf hash is {@code
 * SHA-256(0x00 ‖ data())}.
 *
 * <p><b>Canonical encoding, version 1.</b> The kind's tag ({@link LeafKind#tag()}) as a text, then
 * the kind's fields in the order its record declares them. A text is a 4-byte big-endian byte
 * length and its UTF-8 bytes; an integer is 8 bytes big-endian; a SHA-256 digest is its 32 bytes.
 */
public sealed interface AuditLeaf permits ReadingBatchLeaf, DomainEventLeaf {

  /** Which kind of record this leaf is. */
  LeafKind kind();

  /**
   * The record's identity within its kind, unique in a log: a reading batch's id, an event's global
   * index.
   */
  long reference();

  /** The canonical encoding. */
  byte[] data();

  /** The RFC 9162 leaf hash of {@link #data()}. */
  default Sha256 hash() {
    return TreeHash.leaf(data());
  }

  /**
   * Reads a leaf back from its canonical encoding.
   *
   * @throws IllegalArgumentException naming what is wrong if {@code data} is not one
   */
  static AuditLeaf decode(byte[] data) {
    LeafBytes.Reader in = new LeafBytes.Reader(data);
    String tag = in.text();
    AuditLeaf leaf;
    if (tag.equals(LeafKind.READING_BATCH.tag())) {
      leaf = ReadingBatchLeaf.read(in);
    } else if (tag.equals(LeafKind.DOMAIN_EVENT.tag())) {
      leaf = DomainEventLeaf.read(in);
    } else {
      throw new IllegalArgumentException("invalid leaf data: unknown tag '" + tag + "'");
    }
    in.end();
    return leaf;
  }
}
