package io.twinledger.contracts.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A SHA-256 digest: of evidence bytes such as an event payload or a reading batch, or a hash in an
 * RFC 9162 Merkle tree ({@link TreeHash}). The one digest type of TwinLedger's audit trail.
 *
 * <p>Immutable. Two digests are equal when their 32 bytes are; {@link #equals} compares in constant
 * time ({@link MessageDigest#isEqual}), so comparing a presented digest with an expected one does
 * not leak how many leading bytes matched.
 */
public final class Sha256 {

  /** Length of a digest, in bytes. */
  public static final int LENGTH = 32;

  private static final HexFormat HEX = HexFormat.of();
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(Sha256::newMessageDigest);

  private final byte[] bytes;

  private Sha256(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * A digest given as its 32 bytes.
   *
   * @throws IllegalArgumentException if there are not exactly 32
   */
  public static Sha256 of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "a SHA-256 digest has " + LENGTH + " bytes, not " + bytes.length);
    }
    return new Sha256(bytes.clone());
  }

  /**
   * A digest given as 64 hexadecimal digits, either case.
   *
   * @throws IllegalArgumentException if the text is not 64 hexadecimal digits
   */
  public static Sha256 fromHex(String hex) {
    if (hex.length() != 2 * LENGTH) {
      throw new IllegalArgumentException(
          "a SHA-256 digest is " + 2 * LENGTH + " hex digits, not " + hex.length());
    }
    try {
      return new Sha256(HEX.parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a hex digest: " + e.getMessage(), e);
    }
  }

  /** The digest of {@code data}. */
  public static Sha256 digest(byte[] data) {
    return new Sha256(messageDigest().digest(data));
  }

  /**
   * The digest of {@code prefix} followed by {@code parts}, without copying them into one array:
   * how {@link TreeHash} separates leaves from nodes.
   */
  static Sha256 digest(byte prefix, byte[]... parts) {
    MessageDigest sha = messageDigest();
    sha.update(prefix);
    for (byte[] part : parts) {
      sha.update(part);
    }
    return new Sha256(sha.digest());
  }

  /** A copy of the 32 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The 32 bytes themselves, for hashing within this package without a copy. */
  byte[] unsafeBytes() {
    return bytes;
  }

  /** The 64 lower-case hexadecimal digits. */
  public String hex() {
    return HEX.formatHex(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Sha256 digest && MessageDigest.isEqual(bytes, digest.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }

  private static MessageDigest messageDigest() {
    MessageDigest sha = SHA256.get();
    sha.reset();
    return sha;
  }

  private static MessageDigest newMessageDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
