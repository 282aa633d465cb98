package io.twinledger.contracts.signature;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.conscrypt.Conscrypt;

/**
 * ECDSA (SHA256withECDSA, DER) verification of what the contracts check themselves: a log
 * operator's checkpoint signature, a report issuer's statement signature.
 *
 * <p>It runs on every endorsement, so its cost is the chaincode's: with the JDK's provider one
 * verification took about 0.4 ms here, half the embedded peer's CPU per anchored checkpoint. It
 * goes through Conscrypt (BoringSSL) where Conscrypt's native library loads, as the embedded peer
 * does for its own signatures, and through the JDK elsewhere; both accept the same signatures (low
 * or high s: the contracts never required low s). Conscrypt is used directly, not registered, so
 * nothing else in the chaincode's JVM changes provider. Each public key is converted to Conscrypt's
 * own once, by its X.509 encoding: the signers are a channel's few client identities.
 *
 * <p>The peer's {@code EcdsaSignatures} makes the same choice for the peer; the two cannot share a
 * class, as the chaincode depends on no module of TwinLedger's and the peer on none but
 * network-config.
 */
public final class EcdsaVerification {

  private static final String ALGORITHM = "SHA256withECDSA";
  private static final Optional<Provider> NATIVE = conscrypt();

  /** Past this many keys (identities long gone) the conversion cache is emptied. */
  private static final int NATIVE_KEY_LIMIT = 10_000;

  private static final Map<PublicKey, PublicKey> NATIVE_KEYS = new ConcurrentHashMap<>();

  private EcdsaVerification() {}

  /**
   * Whether {@code der} is an ECDSA signature of {@code message} by {@code key}. A key that is not
   * an EC key, or bytes that are not a DER ECDSA signature, never verify.
   */
  public static boolean verifies(PublicKey key, byte[] message, byte[] der) {
    if (!"EC".equals(key.getAlgorithm())) {
      return false;
    }
    try {
      Signature ecdsa =
          NATIVE.isPresent()
              ? Signature.getInstance(ALGORITHM, NATIVE.get())
              : Signature.getInstance(ALGORITHM);
      ecdsa.initVerify(NATIVE.isPresent() ? nativeKey(key) : key);
      ecdsa.update(message);
      return ecdsa.verify(der);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static PublicKey nativeKey(PublicKey key) throws GeneralSecurityException {
    PublicKey converted = NATIVE_KEYS.get(key);
    if (converted == null) {
      converted =
          KeyFactory.getInstance("EC", NATIVE.get())
              .generatePublic(new X509EncodedKeySpec(key.getEncoded()));
      if (NATIVE_KEYS.size() >= NATIVE_KEY_LIMIT) {
        NATIVE_KEYS.clear();
      }
      NATIVE_KEYS.put(key, converted);
    }
    return converted;
  }

  private static Optional<Provider> conscrypt() {
    try {
      return Conscrypt.isAvailable() ? Optional.of(Conscrypt.newProvider()) : Optional.empty();
    } catch (LinkageError e) {
      return Optional.empty();
    }
  }
}
