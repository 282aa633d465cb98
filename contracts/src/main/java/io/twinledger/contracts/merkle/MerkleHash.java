package io.twinledger.contracts.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A SHA-256 hash in an RFC 9162 Merkle tree: of the empty tree, of a leaf ({@code SHA-256(0x00 ‖
 * data)}) or of an interior node ({@code SHA-256(0x01 ‖ left ‖ right)}). The prefixes keep a leaf
 * from ever being taken for a node (second-preimage protection). Immutable; equal when the 32 bytes
 * are.
 */
public final class MerkleHash {

  /** Length of every hash, in bytes. */
  public static final int LENGTH = 32;

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;
  private static final HexFormat HEX = HexFormat.of();
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(MerkleHash::newSha256);

  /** The root of the tree with no leaves: SHA-256 of the empty string. */
  public static final MerkleHash EMPTY = new MerkleHash(sha256().digest());

  private final byte[] bytes;

  private MerkleHash(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * A hash given as its 32 bytes.
   *
   * @throws IllegalArgumentException if there are not exactly 32
   */
  public static MerkleHash of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a hash has " + LENGTH + " bytes, not " + bytes.length);
    }
    return new MerkleHash(bytes.clone());
  }

  /**
   * A hash given as 64 hexadecimal digits, either case.
   *
   * @throws IllegalArgumentException if the text is not 64 hexadecimal digits
   */
  public static MerkleHash fromHex(String hex) {
    if (hex.length() != 2 * LENGTH) {
      throw new IllegalArgumentException(
          "a hash is " + 2 * LENGTH + " hex digits, not " + hex.length());
    }
    try {
      return new MerkleHash(HEX.parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a hex hash: " + e.getMessage(), e);
    }
  }

  /** The hash of a leaf with this data: {@code SHA-256(0x00 ‖ data)}. */
  public static MerkleHash leaf(byte[] data) {
    MessageDigest sha = sha256();
    sha.update(LEAF_PREFIX);
    sha.update(data);
    return new MerkleHash(sha.digest());
  }

  /** The hash of an interior node: {@code SHA-256(0x01 ‖ left ‖ right)}. */
  public static MerkleHash node(MerkleHash left, MerkleHash right) {
    MessageDigest sha = sha256();
    sha.update(NODE_PREFIX);
    sha.update(left.bytes);
    sha.update(right.bytes);
    return new MerkleHash(sha.digest());
  }

  /** A copy of the 32 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The 64 lower-case hexadecimal digits. */
  public String hex() {
    return HEX.formatHex(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MerkleHash hash && MessageDigest.isEqual(bytes, hash.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }

  private static MessageDigest sha256() {
    MessageDigest sha = SHA256.get();
    sha.reset();
    return sha;
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
