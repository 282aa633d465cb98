package io.twinledger.ledger.peer.identity;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * The channel's member organisations, each known by its MSP id and the certificate of its root CA.
 *
 * <p>An identity is valid when its MSP id is a member, its certificate was issued (and signed) by
 * that member's CA, and it is within its validity period. Intermediate CAs, revocation lists and
 * organisational units are not modelled. Verified identities are cached by their serialized bytes,
 * since every transaction repeats its creator's.
 */
public final class Organizations {

  private static final int CACHE_LIMIT = 10_000;

  private final Map<String, X509Certificate> authorities;
  private final Map<ByteString, Creator> verified = new ConcurrentHashMap<>();

  /**
   * @param authorities root CA certificate per MSP id
   */
  public Organizations(Map<String, X509Certificate> authorities) {
    if (authorities.isEmpty()) {
      throw new IllegalArgumentException("A channel needs at least one organisation");
    }
    this.authorities = Map.copyOf(authorities);
  }

  /** The MSP ids of the member organisations. */
  public Set<String> mspIds() {
    return authorities.keySet();
  }

  /**
   * Parses and checks a serialized identity.
   *
   * @throws IdentityException naming what is wrong with it
   */
  public Creator verify(ByteString serializedIdentity) throws IdentityException {
    Creator known = verified.get(serializedIdentity);
    if (known != null) {
      if (!withinValidity(known.certificate())) {
        verified.remove(serializedIdentity);
        throw new IdentityException(
            "certificate of " + known.mspId() + " identity is outside its validity period");
      }
      return known;
    }
    Creator creator = parse(serializedIdentity);
    if (verified.size() >= CACHE_LIMIT) {
      verified.clear();
    }
    verified.put(serializedIdentity, creator);
    return creator;
  }

  private Creator parse(ByteString serializedIdentity) throws IdentityException {
    if (serializedIdentity.isEmpty()) {
      throw new IdentityException("no creator identity");
    }
    SerializedIdentity identity;
    try {
      identity = SerializedIdentity.parseFrom(serializedIdentity);
    } catch (InvalidProtocolBufferException e) {
      throw new IdentityException("creator is not a serialized identity: " + e.getMessage());
    }
    X509Certificate authority = authorities.get(identity.getMspid());
    if (authority == null) {
      throw new IdentityException(
          "MSP " + quoted(identity.getMspid()) + " is not a member of this channel");
    }
    X509Certificate certificate;
    try {
      certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(identity.getIdBytes().toByteArray()));
    } catch (CertificateException | ClassCastException e) {
      throw new IdentityException(
          "identity of MSP " + identity.getMspid() + " does not hold an X.509 certificate");
    }
    if (!certificate.getIssuerX500Principal().equals(authority.getSubjectX500Principal())) {
      throw new IdentityException(
          "certificate "
              + certificate.getSubjectX500Principal().getName()
              + " was not issued by the CA of "
              + identity.getMspid());
    }
    try {
      certificate.verify(authority.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new IdentityException(
          "certificate "
              + certificate.getSubjectX500Principal().getName()
              + " does not chain to the CA of "
              + identity.getMspid()
              + ": "
              + e.getMessage());
    }
    if (!withinValidity(certificate)) {
      throw new IdentityException(
          "certificate "
              + certificate.getSubjectX500Principal().getName()
              + " is outside its validity period");
    }
    return new Creator(identity.getMspid(), certificate, serializedIdentity);
  }

  private static boolean withinValidity(X509Certificate certificate) {
    try {
      certificate.checkValidity();
      return true;
    } catch (CertificateException e) {
      return false;
    }
  }

  private static String quoted(String text) {
    return "'" + text + "'";
  }
}
