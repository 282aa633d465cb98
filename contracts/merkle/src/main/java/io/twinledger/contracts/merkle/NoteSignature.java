package io.twinledger.contracts.merkle;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One signature line of a signed note, {@code — <key name> <base64(key ID || signature)>}: the em
 * dash is U+2014, each separator one space. Held as text, so two lines are equal when they read the
 * same; says who claims to have signed, not that it holds (see {@link SignedNote#verify}).
 *
 * @param keyName non-empty, no Unicode space, no {@code +}
 * @param base64 canonical padded standard base64 of at least 5 bytes: the 4-byte big-endian key ID,
 *     then the signature
 */
public record NoteSignature(String keyName, String base64) {

  /** What starts every signature line: U+2014 EM DASH and a space. */
  public static final String PREFIX = "\u2014 ";

  public NoteSignature {
    NoteEncoding.checkKeyName(keyName, "key name");
    if (NoteEncoding.decodeBase64(base64, "signature").length < 5) {
      throw new IllegalArgumentException("signature: fewer than 5 bytes (key ID and signature)");
    }
  }

  /** The line for {@code keyId} and {@code signature} bytes under {@code keyName}. */
  static NoteSignature of(String keyName, int keyId, byte[] signature) {
    byte[] bytes = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
    return new NoteSignature(keyName, NoteEncoding.encodeBase64(bytes));
  }

  /**
   * Parses one line without its newline.
   *
   * @param number the line's position among the signature lines, from 1, for messages
   * @throws IllegalArgumentException "signature line N: ..." naming what is wrong
   */
  static NoteSignature parseLine(String line, int number) {
    String where = "signature line " + number;
    if (!line.startsWith(PREFIX)) {
      throw new IllegalArgumentException(where + ": does not start with an em dash and a space");
    }
    String rest = line.substring(PREFIX.length());
    int space = rest.indexOf(' ');
    if (space < 0) {
      throw new IllegalArgumentException(where + ": no space between key name and signature");
    }
    String name = NoteEncoding.checkKeyName(rest.substring(0, space), where + ": key name");
    String base64 = rest.substring(space + 1);
    if (NoteEncoding.decodeBase64(base64, where).length < 5) {
      throw new IllegalArgumentException(where + ": fewer than 5 signature bytes");
    }
    return new NoteSignature(name, base64);
  }

  /** The key ID: the first 4 decoded bytes, big-endian. */
  public int keyId() {
    return ByteBuffer.wrap(NoteEncoding.decodeBase64(base64, "signature")).getInt();
  }

  /** The key ID as 8 lower-case hex digits. */
  public String keyIdHex() {
    return HexFormat.of().toHexDigits(keyId());
  }

  /** The signature bytes after the key ID. */
  public byte[] signature() {
    byte[] bytes = NoteEncoding.decodeBase64(base64, "signature");
    return Arrays.copyOfRange(bytes, 4, bytes.length);
  }

  /** The line as it appears in a note, newline included. */
  public String line() {
    return PREFIX + keyName + " " + base64 + "\n";
  }
}
