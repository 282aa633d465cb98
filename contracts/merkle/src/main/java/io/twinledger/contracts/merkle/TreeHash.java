package io.twinledger.contracts.merkle;

/**
 * RFC 9162's hashing of a Merkle tree (section 2.1.1): the empty tree's root {@code SHA-256()}, a
 * leaf's hash {@code SHA-256(0x00 ‖ data)} and an interior node's {@code SHA-256(0x01 ‖ left ‖
 * right)}. The prefixes keep a leaf from ever being taken for a node (second-preimage protection).
 */
public final class TreeHash {

  /** The root of the tree with no leaves: SHA-256 of the empty string. */
  public static final Sha256 EMPTY = Sha256.digest(new byte[0]);

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  private TreeHash() {}

  /** The hash of a leaf with this data: {@code SHA-256(0x00 ‖ data)}. */
  public static Sha256 leaf(byte[] data) {
    return Sha256.digest(LEAF_PREFIX, data);
  }

  /** The hash of an interior node: {@code SHA-256(0x01 ‖ left ‖ right)}. */
  public static Sha256 node(Sha256 left, Sha256 right) {
    return Sha256.digest(NODE_PREFIX, left.unsafeBytes(), right.unsafeBytes());
  }
}
