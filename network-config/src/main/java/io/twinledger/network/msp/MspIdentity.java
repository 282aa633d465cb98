package io.twinledger.network.msp;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * An identity of an organisation's MSP: an X.509 certificate issued by the organisation's CA, and
 * its private key. A fabric-gateway client uses it as {@code new X509Identity(mspId(),
 * certificate())} with {@code Signers.newPrivateKeySigner(privateKey())}.
 *
 * @param mspId the MSP whose CA issued the certificate
 * @param nodeOu the identity's kind, also in the certificate's subject
 * @param certificate the certificate (ECDSA P-256 key, signed SHA256withECDSA)
 * @param privateKey the certificate's private key
 */
public record MspIdentity(
    String mspId, NodeOu nodeOu, X509Certificate certificate, PrivateKey privateKey) {

  public MspIdentity {
    Objects.requireNonNull(mspId, "mspId");
    Objects.requireNonNull(nodeOu, "nodeOu");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
  }

  @Override
  public String toString() {
    // The private key stays out of logs.
    return "MspIdentity["
        + mspId
        + " "
        + nodeOu.ou()
        + " "
        + certificate.getSubjectX500Principal().getName()
        + "]";
  }
}
