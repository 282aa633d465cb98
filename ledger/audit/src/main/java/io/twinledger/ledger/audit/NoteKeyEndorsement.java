package io.twinledger.ledger.audit;

import io.twinledger.contracts.merkle.NoteVerifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;

/**
 * An organisation's statement that a note key is its own: the vkey signed ({@value #ALGORITHM},
 * DER) with the organisation's X.509 identity on the channel, so that an offline verifier that
 * trusts the organisation's CA can trust the log's note key or a witness's cosignature key without
 * asking anyone. The signed message is {@value #FORMAT}{@code \n<vkey>\n} in UTF-8.
 *
 * @param vkey the endorsed note key, as its vkey text
 * @param mspId the organisation that endorses it, as the channel names it
 * @param certificate the identity that signed, issued by that organisation's CA
 * @param signature the signature over {@link #signedMessage()}
 */
public record NoteKeyEndorsement(
    String vkey, String mspId, X509Certificate certificate, byte[] signature) {

  /** First line of the signed message; another encoding gets another version. */
  public static final String FORMAT = "twinledger-note-key/v1";

  /** The signature algorithm: ECDSA over P-256 with SHA-256, as the channel identities use. */
  public static final String ALGORITHM = "SHA256withECDSA";

  public NoteKeyEndorsement {
    NoteVerifier.parse(vkey);
    signature = signature.clone();
  }

  /**
   * {@code key} endorsed by {@code mspId}'s identity.
   *
   * @throws IllegalArgumentException if the key cannot sign
   */
  public static NoteKeyEndorsement sign(
      NoteVerifier key, String mspId, PrivateKey privateKey, X509Certificate certificate) {
    try {
      Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(privateKey);
      signer.update(message(key.vkey()));
      return new NoteKeyEndorsement(key.vkey(), mspId, certificate, signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot endorse a note key: " + e.getMessage(), e);
    }
  }

  /** The endorsed key. */
  public NoteVerifier key() {
    return NoteVerifier.parse(vkey);
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** The bytes signed: {@value #FORMAT}, newline, the vkey, newline. */
  public byte[] signedMessage() {
    return message(vkey);
  }

  private static byte[] message(String vkey) {
    return (FORMAT + "\n" + vkey + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Checks the endorsement against the organisation's CA certificate, taken from the channel's
   * configuration, not from the endorsement: the certificate is issued by that CA, both are valid
   * at {@code at}, the certificate is not itself a CA, and the signature is its key's over {@link
   * #signedMessage()}.
   */
  public Check check(X509Certificate caCertificate, Instant at) {
    String subject = certificate.getSubjectX500Principal().getName();
    if (!certificate.getIssuerX500Principal().equals(caCertificate.getSubjectX500Principal())) {
      return new Check.Invalid(subject + " was not issued by " + mspId + "'s CA");
    }
    try {
      certificate.verify(caCertificate.getPublicKey());
    } catch (GeneralSecurityException e) {
      return new Check.Invalid(subject + " does not carry the signature of " + mspId + "'s CA");
    }
    if (certificate.getBasicConstraints() >= 0) {
      return new Check.Invalid(subject + " is a CA certificate, not an identity");
    }
    try {
      certificate.checkValidity(Date.from(at));
      caCertificate.checkValidity(Date.from(at));
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      return new Check.Invalid(subject + " or its CA is not valid at " + at);
    }
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(signedMessage());
      if (!verifier.verify(signature)) {
        return new Check.Invalid("the signature of " + subject + " over the key does not verify");
      }
    } catch (GeneralSecurityException e) {
      return new Check.Invalid("the signature of " + subject + " cannot be checked: " + e);
    }
    return new Check.Valid(key());
  }

  /** The outcome of {@link #check}: the key is the organisation's, or why not. */
  public sealed interface Check {

    /**
     * The organisation endorsed the key.
     *
     * @param key the endorsed key, to trust
     */
    record Valid(NoteVerifier key) implements Check {}

    /**
     * The endorsement does not hold.
     *
     * @param reason one line that says why
     */
    record Invalid(String reason) implements Check {}
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NoteKeyEndorsement that
        && vkey.equals(that.vkey)
        && mspId.equals(that.mspId)
        && certificate.equals(that.certificate)
        && Arrays.equals(signature, that.signature);
  }

  @Override
  public int hashCode() {
    return vkey.hashCode() * 31 + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "NoteKeyEndorsement[" + vkey + " by " + mspId + "]";
  }
}
