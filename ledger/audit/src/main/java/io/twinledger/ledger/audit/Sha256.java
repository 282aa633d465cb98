package io.twinledger.ledger.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A SHA-256 digest of some bytes held as evidence, such as an event payload. Immutable. */
public final class Sha256 {

  /** Length of a digest, in bytes. */
  public static final int LENGTH = 32;

  private static final HexFormat HEX = HexFormat.of();

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
      throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + bytes.length);
    }
    return new Sha256(bytes.clone());
  }

  /**
   * A digest given as 64 hexadecimal digits, either case.
   *
   * @throws IllegalArgumentException if it is not
   */
  public static Sha256 fromHex(String hex) {
    if (hex.length() != 2 * LENGTH) {
      throw new IllegalArgumentException("a SHA-256 digest is 64 hex digits, not " + hex.length());
    }
    try {
      return new Sha256(HEX.parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a hex digest: " + e.getMessage(), e);
    }
  }

  /** The digest of {@code data}. */
  public static Sha256 digest(byte[] data) {
    try {
      return new Sha256(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
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
    return other instanceof Sha256 digest && Arrays.equals(bytes, digest.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
