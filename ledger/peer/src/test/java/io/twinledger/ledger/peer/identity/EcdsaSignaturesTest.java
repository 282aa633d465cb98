package io.twinledger.ledger.peer.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.Test;

/** Signatures the peer and its clients make are plain Fabric ECDSA, checked by another provider. */
class EcdsaSignaturesTest {

  private static final byte[] MESSAGE = "proposal bytes".getBytes(StandardCharsets.UTF_8);

  @Test
  void signaturesAreLowSAndVerifyWithTheJdk() throws Exception {
    KeyPair keys = keys();
    BigInteger halfOrder = ((ECPublicKey) keys.getPublic()).getParams().getOrder().shiftRight(1);
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(MESSAGE);
    for (int i = 0; i < 50; i++) {
      for (byte[] signature :
          new byte[][] {
            EcdsaSignatures.sign(keys.getPrivate(), MESSAGE),
            EcdsaSignatures.signDigest(keys.getPrivate(), digest)
          }) {
        Signature jdk = Signature.getInstance("SHA256withECDSA");
        jdk.initVerify(keys.getPublic());
        jdk.update(MESSAGE);
        assertThat(jdk.verify(signature)).isTrue();
        assertThat(s(signature)).isLessThanOrEqualTo(halfOrder);
        assertThat(EcdsaSignatures.verify(keys.getPublic(), MESSAGE, signature)).isEmpty();
      }
    }
  }

  /** The same signature with s replaced by n − s also verifies in ECDSA; Fabric refuses it. */
  @Test
  void aHighSTwinOfAValidSignatureIsRefused() throws Exception {
    KeyPair keys = keys();
    byte[] signature = EcdsaSignatures.sign(keys.getPrivate(), MESSAGE);
    ASN1Sequence rs = ASN1Sequence.getInstance(signature);
    BigInteger order = ((ECPublicKey) keys.getPublic()).getParams().getOrder();
    byte[] highS =
        new DERSequence(
                new ASN1Integer[] {
                  (ASN1Integer) rs.getObjectAt(0), new ASN1Integer(order.subtract(s(signature)))
                })
            .getEncoded();

    assertThat(EcdsaSignatures.verify(keys.getPublic(), MESSAGE, highS))
        .isEqualTo(
            Optional.of("signature has a high S value (must be at most half the curve order)"));
    assertThat(EcdsaSignatures.verify(keys().getPublic(), MESSAGE, signature))
        .isEqualTo(Optional.of("signature does not verify"));
  }

  /**
   * Once a key has verified a good signature (and, with Conscrypt, been converted and kept), the
   * same key, as the same or another object, still refuses another key's signature and a changed
   * message.
   */
  @Test
  void aKeyThatVerifiedOnceStillRefusesForgeries() throws Exception {
    KeyPair keys = keys();
    PublicKey sameKeyAgain = copy(keys.getPublic());
    byte[] signature = EcdsaSignatures.sign(keys.getPrivate(), MESSAGE);
    byte[] anotherKeys = EcdsaSignatures.sign(keys().getPrivate(), MESSAGE);

    assertThat(EcdsaSignatures.verify(keys.getPublic(), MESSAGE, signature)).isEmpty();
    for (PublicKey key : new PublicKey[] {keys.getPublic(), sameKeyAgain}) {
      assertThat(EcdsaSignatures.verify(key, MESSAGE, anotherKeys))
          .isEqualTo(Optional.of("signature does not verify"));
      assertThat(EcdsaSignatures.verify(key, "changed".getBytes(StandardCharsets.UTF_8), signature))
          .isEqualTo(Optional.of("signature does not verify"));
      assertThat(EcdsaSignatures.verify(key, MESSAGE, signature)).isEmpty();
    }
  }

  /** Conscrypt's form of a key is made once, for every object that holds the same key. */
  @Test
  void conscryptConvertsEachKeyOnce() throws Exception {
    assumeTrue(
        EcdsaSignatures.provider().startsWith("Conscrypt"),
        "Conscrypt's native library does not load here");
    KeyPair keys = keys();
    PublicKey converted = EcdsaSignatures.nativeKey(keys.getPublic());

    assertThat(converted.getClass().getName()).startsWith("org.conscrypt.");
    assertThat(converted.getEncoded()).isEqualTo(keys.getPublic().getEncoded());
    assertThat(EcdsaSignatures.nativeKey(keys.getPublic())).isSameAs(converted);
    assertThat(EcdsaSignatures.nativeKey(copy(keys.getPublic()))).isSameAs(converted);
    assertThat(EcdsaSignatures.nativeKey(keys().getPublic())).isNotSameAs(converted);
  }

  /** A signing key too: converted once, and what it signs verifies with the JDK's own key. */
  @Test
  void conscryptConvertsEachSigningKeyOnce() throws Exception {
    assumeTrue(
        EcdsaSignatures.provider().startsWith("Conscrypt"),
        "Conscrypt's native library does not load here");
    KeyPair keys = keys();
    PrivateKey converted = EcdsaSignatures.nativeKey(keys.getPrivate());

    assertThat(converted.getClass().getName()).startsWith("org.conscrypt.");
    assertThat(EcdsaSignatures.nativeKey(keys.getPrivate())).isSameAs(converted);
    assertThat(EcdsaSignatures.nativeKey(keys().getPrivate())).isNotSameAs(converted);
    byte[] message = "an order for slot 2026-06-21T12:00Z".getBytes(StandardCharsets.UTF_8);
    Signature jdk = Signature.getInstance("SHA256withECDSA");
    jdk.initVerify(keys.getPublic());
    jdk.update(message);
    assertThat(jdk.verify(EcdsaSignatures.sign(keys.getPrivate(), message))).isTrue();
  }

  private static PublicKey copy(PublicKey key) throws Exception {
    return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(key.getEncoded()));
  }

  private static BigInteger s(byte[] der) {
    return ((ASN1Integer) ASN1Sequence.getInstance(der).getObjectAt(1)).getValue();
  }

  private static KeyPair keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }
}
