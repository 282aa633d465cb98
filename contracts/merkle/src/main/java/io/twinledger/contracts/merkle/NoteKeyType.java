package io.twinledger.contracts.merkle;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Optional;

/**
 * The c2sp.org/signed-note signature types this library supports, each with its identifier byte
 * (the byte hashed into the key ID and leading the key material of a vkey) and what it signs. Both
 * use a 32-byte Ed25519 public key.
 */
public enum NoteKeyType {

  /** {@code 0x01}: Ed25519 over the note text (signed-note, "Ed25519 signatures"). */
  ED25519((byte) 0x01, Ed25519.SIGNATURE_LENGTH) {
    @Override
    boolean verifies(PublicKey key, String text, byte[] signature) {
      return signature.length == signatureLength()
          && Ed25519.verify(key, text.getBytes(StandardCharsets.UTF_8), signature);
    }
  },

  /**
   * {@code 0x04}: a timestamped Ed25519 checkpoint cosignature (c2sp.org/tlog-cosignature,
   * cosignature/v1): 8-byte big-endian POSIX seconds, then Ed25519 over {@link
   * Cosignature#signedMessage}.
   */
  COSIGNATURE_V1((byte) 0x04, 8 + Ed25519.SIGNATURE_LENGTH) {
    @Override
    boolean verifies(PublicKey key, String text, byte[] signature) {
      if (signature.length != signatureLength()) {
        return false;
      }
      long timestamp = ByteBuffer.wrap(signature).getLong();
      return timestamp >= 0
          && Ed25519.verify(
              key,
              Cosignature.signedMessage(text, timestamp),
              Arrays.copyOfRange(signature, 8, signature.length));
    }
  };

  private final byte id;
  private final int signatureLength;

  NoteKeyType(byte id, int signatureLength) {
    this.id = id;
    this.signatureLength = signatureLength;
  }

  /** The signature type identifier byte. */
  public byte id() {
    return id;
  }

  /** Length of a signature of this type after the 4-byte key ID, in bytes. */
  public int signatureLength() {
    return signatureLength;
  }

  /** The type with identifier byte {@code id}, if this library supports it. */
  public static Optional<NoteKeyType> of(byte id) {
    for (NoteKeyType type : values()) {
      if (type.id == id) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code signature} (without the key ID) by {@code key} holds for the note text. */
  abstract boolean verifies(PublicKey key, String text, byte[] signature);
}
