package io.twinledger.network.msp;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * One organisation's MSP in embedded mode: its certificate authority and the identities it issued.
 *
 * @param mspId the organisation's MSP id
 * @param ca its certificate authority (self-signed)
 * @param peer its peer's identity (OU {@code peer}), which signs endorsements
 * @param admin its administrator's identity (OU {@code admin})
 * @param client its application identity (OU {@code client}), which signs proposals and
 *     transactions through the gateway
 */
public record OrgMsp(
    String mspId,
    CertificateAuthority ca,
    MspIdentity peer,
    MspIdentity admin,
    MspIdentity client) {

  public OrgMsp {
    Objects.requireNonNull(mspId, "mspId");
    Objects.requireNonNull(ca, "ca");
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(client, "client");
  }

  /** The CA's certificate, the MSP's root of trust. */
  public X509Certificate caCertificate() {
    return ca.certificate();
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
