package io.twinledger.network.msp;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * One organisation's MSP in embedded mode: its certificate authority and the identities it issued,
 * its TLS CA and the TLS certificates that one issued.
 *
 * @param mspId the organisation's MSP id
 * @param ca its certificate authority (self-signed)
 * @param peer its peer's identity (OU {@code peer}), which signs endorsements
 * @param admin its administrator's identity (OU {@code admin})
 * @param client its application identity (OU {@code client}), which signs proposals and
 *     transactions through the gateway
 * @param tlsCa its TLS CA (self-signed, separate from {@code ca})
 * @param peerTls its peer's TLS server certificate, for {@code localhost}, {@code 127.0.0.1} and
 *     the peer's host name
 * @param clientTls the TLS client certificate of its application user, for mutual TLS
 */
public record OrgMsp(
    String mspId,
    CertificateAuthority ca,
    MspIdentity peer,
    MspIdentity admin,
    MspIdentity client,
    CertificateAuthority tlsCa,
    TlsCredentials peerTls,
    TlsCredentials clientTls) {

  public OrgMsp {
    Objects.requireNonNull(mspId, "mspId");
    Objects.requireNonNull(ca, "ca");
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(tlsCa, "tlsCa");
    Objects.requireNonNull(peerTls, "peerTls");
    Objects.requireNonNull(clientTls, "clientTls");
  }

  /** The CA's certificate, the MSP's root of trust. */
  public X509Certificate caCertificate() {
    return ca.certificate();
  }

  /** The TLS CA's certificate, which TLS clients of the peer trust. */
  public X509Certificate tlsCaCertificate() {
    return tlsCa.certificate();
  }

  /** The identity of the given kind; an embedded MSP has no orderer identity. */
  public MspIdentity identity(NodeOu nodeOu) {
    return switch (nodeOu) {
      case PEER -> peer;
      case ADMIN -> admin;
      case CLIENT -> client;
      case ORDERER -> throw new IllegalArgumentException(mspId + " has no orderer identity");
    };
  }
}
