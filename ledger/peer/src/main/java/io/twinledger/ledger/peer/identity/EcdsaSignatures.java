package io.twinledger.ledger.peer.identity;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.conscrypt.Conscrypt;

/**
 * ECDSA with SHA-256 the way Fabric uses it: DER-encoded (r, s) signatures over the SHA-256 of the
 * message, with s in the lower half of the curve order.
 *
 * <p>Fabric's MSP refuses a signature whose s is above half the order (the same signature with s
 * replaced by n − s would also verify, which makes signatures malleable); {@link #sign} therefore
 * normalises s and {@link #verify} refuses high-s signatures.
 *
 * <p>Signatures are most of the peer's CPU time (three verifications and one signature per
 * endorsing organisation per transaction). They go through Conscrypt (BoringSSL) where its native
 * library loads: on this project's machine it signs in about 36 µs and verifies in 53 µs, against
 * 130 µs and 400 µs for the JDK. Elsewhere both go through the JDK. (BouncyCastle verifies in about
 * 190 µs once warm, but building its provider loads some 700 classes: a cold start, such as the
 * offline verifier's, paid more for that than for the few signatures it checks.) Conscrypt is used
 * directly, not registered, so nothing else in the JVM changes provider.
 *
 * <p>Given a JDK key, Conscrypt parses its encoding into a native key on every signature and
 * verification. The peer checks the same few keys (its members' peers and clients) over and over,
 * and each identity signs with the same key, so each key is converted to Conscrypt's own once and
 * kept, by its encoding (X.509 for public keys, PKCS#8 for private ones).
 */
public final class EcdsaSignatures {

  private static final String ALGORITHM = "SHA256withECDSA";
  private static final Optional<Provider> NATIVE = conscrypt();

  /**
   * A channel has a few dozen keys; past this many (keys of identities long gone) the cache is
   * emptied, as {@link Organizations}' identity cache is.
   */
  private static final int NATIVE_KEY_LIMIT = 10_000;

  private static final Map<ByteString, PublicKey> NATIVE_KEYS = new ConcurrentHashMap<>();

  private static final Map<ByteString, PrivateKey> NATIVE_PRIVATE_KEYS = new ConcurrentHashMap<>();

  private EcdsaSignatures() {}

  /** Signs {@code message} with a low-s signature; the key must be an EC key. */
  public static byte[] sign(PrivateKey key, byte[] message) {
    if (!(key instanceof ECKey ec)) {
      throw new IllegalArgumentException(
          "Only ECDSA keys can sign for Fabric, not " + key.getAlgorithm());
    }
    return sign(ALGORITHM, key, ec, message);
  }

  /**
   * Signs a SHA-256 digest computed by the caller, with a low-s signature: what a Fabric Gateway
   * client's {@code Signer} is given to sign.
   */
  public static byte[] signDigest(PrivateKey key, byte[] digest) {
    if (!(key instanceof ECKey ec)) {
      throw new IllegalArgumentException(
          "Only ECDSA keys can sign for Fabric, not " + key.getAlgorithm());
    }
    return sign("NONEwithECDSA", key, ec, digest);
  }

  /**
   * Which provider signs and verifies: Conscrypt, or the JDK's when Conscrypt's native library is
   * missing.
   */
  public static String provider() {
    return NATIVE.map(Provider::getName).orElse("JDK") + " signing and verification";
  }

  private static byte[] sign(String algorithm, PrivateKey key, ECKey ec, byte[] input) {
    try {
      Signature signature =
          NATIVE.isPresent()
              ? Signature.getInstance(algorithm, NATIVE.get())
              : Signature.getInstance(algorithm);
      signature.initSign(NATIVE.isPresent() ? nativeKey(key) : key);
      signature.update(input);
      return lowS(signature.sign(), ec.getParams().getOrder());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign with " + key.getAlgorithm() + " key", e);
    }
  }

  private static Optional<Provider> conscrypt() {
    try {
      return Conscrypt.isAvailable() ? Optional.of(Conscrypt.newProvider()) : Optional.empty();
    } catch (LinkageError e) {
      return Optional.empty();
    }
  }

  /**
   * Whether {@code signature} is a valid low-s ECDSA signature of {@code message} by {@code key}.
   *
   * @return empty when valid, otherwise why not
   */
  public static Optional<String> verify(PublicKey key, byte[] message, byte[] signature) {
    if (!(key instanceof ECKey ec)) {
      return Optional.of("public key is " + key.getAlgorithm() + ", not EC");
    }
    Optional<BigInteger[]> rs = decode(signature);
    if (rs.isEmpty()) {
      return Optional.of("signature is not a DER-encoded ECDSA signature");
    }
    BigInteger order = ec.getParams().getOrder();
    if (rs.get()[1].compareTo(order.shiftRight(1)) > 0) {
      return Optional.of("signature has a high S value (must be at most half the curve order)");
    }
    try {
      Signature verifier =
          NATIVE.isPresent()
              ? Signature.getInstance(ALGORITHM, NATIVE.get())
              : Signature.getInstance(ALGORITHM);
      verifier.initVerify(NATIVE.isPresent() ? nativeKey(key) : key);
      verifier.update(message);
      return verifier.verify(signature)
          ? Optional.empty()
          : Optional.of("signature does not verify");
    } catch (GeneralSecurityException e) {
      return Optional.of("signature does not verify: " + e.getMessage());
    }
  }

  /**
   * {@code key} as Conscrypt's own key, converted on its first use. Two threads may both convert a
   * new key; either result serves.
   */
  static PublicKey nativeKey(PublicKey key) throws GeneralSecurityException {
    return converted(
        key, NATIVE_KEYS, encoded -> factory().generatePublic(new X509EncodedKeySpec(encoded)));
  }

  /** {@code key} as Conscrypt's own key, converted on its first use, as public keys are. */
  static PrivateKey nativeKey(PrivateKey key) throws GeneralSecurityException {
    return converted(
        key,
        NATIVE_PRIVATE_KEYS,
        encoded -> factory().generatePrivate(new PKCS8EncodedKeySpec(encoded)));
  }

  private static KeyFactory factory() throws GeneralSecurityException {
    return KeyFactory.getInstance("EC", NATIVE.orElseThrow());
  }

  private static <K extends Key> K converted(K key, Map<ByteString, K> cache, Conversion<K> convert)
      throws GeneralSecurityException {
    byte[] encoded = key.getEncoded();
    if (encoded == null) {
      // Nothing to parse: Conscrypt refuses the key itself, with its own reason.
      return key;
    }
    ByteString encoding = ByteString.copyFrom(encoded);
    K converted = cache.get(encoding);
    if (converted == null) {
      converted = convert.apply(encoded);
      if (cache.size() >= NATIVE_KEY_LIMIT) {
        cache.clear();
      }
      cache.put(encoding, converted);
    }
    return converted;
  }

  @FunctionalInterface
  private interface Conversion<K> {
    K apply(byte[] encoded) throws GeneralSecurityException;
  }

  private static byte[] lowS(byte[] der, BigInteger order) {
    BigInteger[] rs =
        decode(der)
            .orElseThrow(() -> new IllegalStateException("Provider produced a non-DER signature"));
    if (rs[1].compareTo(order.shiftRight(1)) <= 0) {
      return der;
    }
    return encode(rs[0], order.subtract(rs[1]));
  }

  private static Optional<BigInteger[]> decode(byte[] der) {
    if (der.length < 8 || der[0] != 0x30) {
      return Optional.empty();
    }
    int[] position = {1};
    int sequenceLength = length(der, position);
    if (sequenceLength < 0 || position[0] + sequenceLength != der.length) {
      return Optional.empty();
    }
    Optional<BigInteger> r = integer(der, position);
    Optional<BigInteger> s = r.flatMap(x -> integer(der, position));
    if (s.isEmpty() || position[0] != der.length) {
      return Optional.empty();
    }
    return Optional.of(new BigInteger[] {r.get(), s.get()});
  }

  private static Optional<BigInteger> integer(byte[] der, int[] position) {
    if (position[0] >= der.length || der[position[0]] != 0x02) {
      return Optional.empty();
    }
    position[0]++;
    int length = length(der, position);
    if (length <= 0 || position[0] + length > der.length) {
      return Optional.empty();
    }
    BigInteger value = new BigInteger(Arrays.copyOfRange(der, position[0], position[0] + length));
    position[0] += length;
    return value.signum() > 0 ? Optional.of(value) : Optional.empty();
  }

  private static int length(byte[] der, int[] position) {
    if (position[0] >= der.length) {
      return -1;
    }
    int first = der[position[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int octets = first & 0x7f;
    if (octets == 0 || octets > 2 || position[0] + octets > der.length) {
      return -1;
    }
    int length = 0;
    for (int i = 0; i < octets; i++) {
      length = (length << 8) | (der[position[0]++] & 0xff);
    }
    return length;
  }

  private static byte[] encode(BigInteger r, BigInteger s) {
    byte[] rBytes = r.toByteArray();
    byte[] sBytes = s.toByteArray();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(0x02);
    body.write(rBytes.length);
    body.writeBytes(rBytes);
    body.write(0x02);
    body.write(sBytes.length);
    body.writeBytes(sBytes);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    out.write(body.size());
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }
}
