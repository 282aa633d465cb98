package io.twinledger.reporting.evidence;

import java.util.Base64;

/**
 * Base64 as bundles carry it: standard alphabet, padded, and canonical. The JDK's decoder accepts
 * non-zero pad bits, so two texts decode to the same bytes; a strict verifier refuses the one that
 * does not encode back to itself, so that no edit of a bundle's base64 goes unnoticed.
 */
public final class Base64Text {

  private Base64Text() {}

  /**
   * The bytes {@code text} encodes.
   *
   * @throws IllegalArgumentException when it is not base64, or not in its canonical form
   */
  public static byte[] decode(String text) {
    byte[] bytes = Base64.getDecoder().decode(text);
    if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
      throw new IllegalArgumentException("not canonical base64 (non-zero pad bits)");
    }
    return bytes;
  }
}
