package io.twinledger.contracts.merkle;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * RFC 8032 Ed25519 with the JDK's {@code Ed25519} provider. Public keys cross the API as the
 * 32-byte RFC 8032 encoding; the JDK takes them as X.509 SubjectPublicKeyInfo, which for Ed25519 is
 * a fixed 12-byte prefix followed by those 32 bytes.
 */
final class Ed25519 {

  /** Length of a public key, in bytes. */
  static final int PUBLIC_KEY_LENGTH = 32;

  /** Length of a signature, in bytes. */
  static final int SIGNATURE_LENGTH = 64;

  private static final byte[] SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private Ed25519() {}

  /** The JDK key for a 32-byte public key. */
  static PublicKey publicKey(byte[] raw) {
    if (raw.length != PUBLIC_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "an Ed25519 public key has " + PUBLIC_KEY_LENGTH + " bytes, not " + raw.length);
    }
    byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + PUBLIC_KEY_LENGTH);
    System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, PUBLIC_KEY_LENGTH);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    } catch (InvalidKeySpecException e) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Java 15 and later have Ed25519", e);
    }
  }

  /** The 32-byte encoding of a JDK Ed25519 public key. */
  static byte[] raw(PublicKey key) {
    byte[] spki = key.getEncoded();
    if (spki == null
        || spki.length != SPKI_PREFIX.length + PUBLIC_KEY_LENGTH
        || !Arrays.equals(spki, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
    }
    return Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length);
  }

  /** A fresh key pair. */
  static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Java 15 and later have Ed25519", e);
    }
  }

  static byte[] sign(PrivateKey key, byte[] message) {
    try {
      Signature ed = Signature.getInstance("Ed25519");
      ed.initSign(key);
      ed.update(message);
      return ed.sign();
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("not an Ed25519 private key: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /** Whether {@code signature} (64 bytes) is {@code key}'s over {@code message}; never throws. */
  static boolean verify(PublicKey key, byte[] message, byte[] signature) {
    if (signature.length != SIGNATURE_LENGTH) {
      return false;
    }
    try {
      Signature ed = Signature.getInstance("Ed25519");
      ed.initVerify(key);
      ed.update(message);
      return ed.verify(signature);
    } catch (SignatureException | InvalidKeyException e) {
      return false;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Java 15 and later have Ed25519", e);
    }
  }
}
