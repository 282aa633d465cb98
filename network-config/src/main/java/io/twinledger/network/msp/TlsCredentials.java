package io.twinledger.network.msp;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A TLS certificate, its key and the TLS CA that issued it: what cryptogen puts in a node's or
 * user's {@code tls/} directory ({@code server.crt}/{@code client.crt}, {@code server.key}/{@code
 * client.key}, {@code ca.crt}). A gRPC server presents {@code certificate} with {@code privateKey};
 * a client trusts {@code caCertificate}, and for mutual TLS presents its own.
 *
 * @param certificate the TLS certificate (ECDSA P-256)
 * @param privateKey its private key
 * @param caCertificate the organisation's TLS CA certificate, which issued it
 */
public record TlsCredentials(
    X509Certificate certificate, PrivateKey privateKey, X509Certificate caCertificate) {

  public TlsCredentials {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(caCertificate, "caCertificate");
  }

  @Override
  public String toString() {
    // The private key stays out of logs.
    return "TlsCredentials[" + certificate.getSubjectX500Principal().getName() + "]";
  }
}
