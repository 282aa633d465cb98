package io.twinledger.contracts.merkle;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A key that may sign notes, as c2sp.org/signed-note names it: key name, signature type and the
 * 32-byte Ed25519 public key. Its text form is the vkey {@code <name>+<hex(key ID)>+<base64(type ||
 * public key)>}, for example {@code
 * example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k}.
 *
 * <p>The key ID is {@code SHA-256(name || 0x0A || type || public key)[:4]} read big-endian; {@link
 * #parse} refuses a vkey whose ID is not that. Immutable; equal when name, type and key are.
 */
public final class NoteVerifier {

  private static final HexFormat HEX = HexFormat.of();

  private final String name;
  private final NoteKeyType type;
  private final byte[] publicKey;
  private final PublicKey jdkKey;
  private final int keyId;

  private NoteVerifier(String name, NoteKeyType type, byte[] publicKey) {
    this.name = NoteEncoding.checkKeyName(name, "key name");
    this.type = Objects.requireNonNull(type, "type");
    this.jdkKey = Ed25519.publicKey(publicKey);
    this.publicKey = publicKey.clone();
    this.keyId = keyId(name, type, publicKey);
  }

  /**
   * The verifier for {@code name}'s Ed25519 {@code key} used as signature {@code type}.
   *
   * @throws IllegalArgumentException if the name is not a valid key name or the key not Ed25519
   */
  public static NoteVerifier of(String name, NoteKeyType type, PublicKey key) {
    return new NoteVerifier(name, type, Ed25519.raw(key));
  }

  /**
   * Parses a vkey strictly: name, ID and key separated by the first two {@code +}, the ID as 8
   * lower-case hex digits and equal to the one computed, the key in canonical base64, a supported
   * type byte, 32 key bytes.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static NoteVerifier parse(String vkey) {
    // The name and the ID hold no '+'; base64 may.
    String[] parts = vkey.split("\\+", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException("vkey: expected <name>+<key ID>+<key>: " + vkey);
    }
    String name = NoteEncoding.checkKeyName(parts[0], "vkey: key name");
    if (!parts[1].matches("[0-9a-f]{8}")) {
      throw new IllegalArgumentException(
          "vkey: key ID is not 8 lower-case hex digits: " + parts[1]);
    }
    byte[] key = NoteEncoding.decodeBase64(parts[2], "vkey: key");
    if (key.length == 0) {
      throw new IllegalArgumentException("vkey: key is empty");
    }
    NoteKeyType type =
        NoteKeyType.of(key[0])
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "vkey: unsupported signature type 0x" + HEX.toHexDigits(key[0])));
    byte[] raw = Arrays.copyOfRange(key, 1, key.length);
    if (raw.length != Ed25519.PUBLIC_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "vkey: an Ed25519 public key has 32 bytes, not " + raw.length);
    }
    NoteVerifier verifier = new NoteVerifier(name, type, raw);
    if (!verifier.keyIdHex().equals(parts[1])) {
      throw new IllegalArgumentException(
          "vkey: key ID " + parts[1] + " is not the key's, " + verifier.keyIdHex());
    }
    return verifier;
  }

  /** {@code SHA-256(name || 0x0A || type || publicKey)[:4]}, big-endian. */
  static int keyId(String name, NoteKeyType type, byte[] publicKey) {
    byte[] prefix = (name + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] input = new byte[prefix.length + 1 + publicKey.length];
    System.arraycopy(prefix, 0, input, 0, prefix.length);
    input[prefix.length] = type.id();
    System.arraycopy(publicKey, 0, input, prefix.length + 1, publicKey.length);
    return ByteBuffer.wrap(Sha256.digest(input).unsafeBytes()).getInt();
  }

  /** The key name, as on signature lines. */
  public String name() {
    return name;
  }

  /** The signature type. */
  public NoteKeyType type() {
    return type;
  }

  /** The key ID (first 4 bytes of the key hash, big-endian). */
  public int keyId() {
    return keyId;
  }

  /** The key ID as 8 lower-case hex digits. */
  public String keyIdHex() {
    return HEX.toHexDigits(keyId);
  }

  /** A copy of the 32-byte Ed25519 public key. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The vkey text. */
  public String vkey() {
    byte[] key = new byte[1 + publicKey.length];
    key[0] = type.id();
    System.arraycopy(publicKey, 0, key, 1, publicKey.length);
    return name + "+" + keyIdHex() + "+" + NoteEncoding.encodeBase64(key);
  }

  /** Whether {@code signature} (after the key ID) by this key holds for the note text. */
  boolean verifies(String text, byte[] signature) {
    return type.verifies(jdkKey, text, signature);
  }

  /** Whether a signature line names this key: same key name and key ID. */
  boolean matches(NoteSignature signature) {
    return name.equals(signature.keyName()) && keyId == signature.keyId();
  }

  /** Whether both hold the same public key bytes, whatever their names and types. */
  boolean sameKeyAs(NoteVerifier other) {
    return Arrays.equals(publicKey, other.publicKey);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NoteVerifier v
        && name.equals(v.name)
        && type == v.type
        && Arrays.equals(publicKey, v.publicKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, Arrays.hashCode(publicKey));
  }

  /** The vkey. */
  @Override
  public String toString() {
    return vkey();
  }
}
