package io.twinledger.contracts.merkle;

import java.util.Base64;

/**
 * The lexical rules c2sp.org/signed-note shares between notes, signature lines and verifier keys:
 * key names, note text, and canonical standard base64 (RFC 4648 section 4, padded).
 */
final class NoteEncoding {

  private static final Base64.Decoder DECODER = Base64.getDecoder();
  private static final Base64.Encoder ENCODER = Base64.getEncoder();

  private NoteEncoding() {}

  /**
   * Checks a key name: non-empty, no Unicode space and no {@code +} (signed-note, "Key names MUST
   * be non-empty and MUST NOT contain any Unicode spaces or plus (U+002B) characters").
   *
   * @param what names the value in the message, e.g. "signature line 2: key name"
   */
  static String checkKeyName(String name, String what) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    checkNoControl(name, what);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '+' || Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085') {
        throw new IllegalArgumentException(what + " contains a space or '+': " + name);
      }
    }
    return name;
  }

  /**
   * Checks that {@code text} is well-formed UTF-16 (so valid UTF-8 once encoded) and holds no
   * control character below U+0020 other than newline.
   */
  static void checkNoControl(String text, String what) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\n') {
        throw new IllegalArgumentException(
            what + " contains control character U+" + String.format("%04X", (int) c));
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(what + " is not valid Unicode (a lone surrogate)");
      }
    }
  }

  /** Checks note text: ends in a newline, no control characters but newline. */
  static String checkText(String text, String what) {
    if (!text.endsWith("\n")) {
      throw new IllegalArgumentException(what + " does not end in a newline");
    }
    checkNoControl(text, what);
    return text;
  }

  /**
   * Decodes standard padded base64, refusing anything that does not encode back to the same text
   * (missing padding, non-zero pad bits, characters outside the alphabet).
   */
  static byte[] decodeBase64(String text, String what) {
    byte[] bytes;
    try {
      bytes = DECODER.decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": bad base64", e);
    }
    if (!ENCODER.encodeToString(bytes).equals(text)) {
      throw new IllegalArgumentException(what + ": bad base64 (not canonical)");
    }
    return bytes;
  }

  static String encodeBase64(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }
}
