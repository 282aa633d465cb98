package io.twinledger.ledger.peer;

import io.twinledger.network.msp.TlsCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TLS of a peer's TCP listener, as a Fabric peer's {@code peer.tls} section sets it: the
 * server's certificate chain (its own certificate first, issued by the organisation's TLS CA, then
 * any intermediates) and private key ({@code cert.file}, {@code key.file}), and for mutual TLS the
 * root certificates of the TLS CAs whose client certificates it accepts ({@code
 * clientRootCAs.files}). With client roots, every client must present a certificate that chains to
 * one of them ({@code clientAuthRequired: true}); without, the listener is server-authenticated TLS
 * only. Clients verify the server against the TLS CA and the name they connect to, so the
 * certificate's subject alternative names must include that name (e.g. {@code localhost} and {@code
 * 127.0.0.1} for a loopback listener).
 *
 * @param certificateChain the server certificate, then its intermediates; not empty
 * @param privateKey the server certificate's key
 * @param clientRootCas the TLS CAs of accepted clients; empty for no mutual TLS
 */
public record TlsSettings(
    List<X509Certificate> certificateChain,
    PrivateKey privateKey,
    List<X509Certificate> clientRootCas) {

  private static final Pattern PKCS8_PEM =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  public TlsSettings {
    certificateChain = List.copyOf(certificateChain);
    clientRootCas = List.copyOf(clientRootCas);
    if (certificateChain.isEmpty()) {
      throw new IllegalArgumentException("A TLS listener needs its server certificate");
    }
    if (privateKey == null) {
      throw new IllegalArgumentException("A TLS listener needs its server key");
    }
  }

  /** Server-authenticated TLS with {@code certificateChain} (server certificate first) and key. */
  public static TlsSettings server(List<X509Certificate> certificateChain, PrivateKey privateKey) {
    return new TlsSettings(certificateChain, privateKey, List.of());
  }

  /**
   * Server-authenticated TLS with a peer's TLS credentials as network-config issues them: the
   * certificate, then its TLS CA's, as the chain.
   */
  public static TlsSettings server(TlsCredentials peerTls) {
    return server(List.of(peerTls.certificate(), peerTls.caCertificate()), peerTls.privateKey());
  }

  /**
   * Server-authenticated TLS from PEM files, as cryptogen writes them ({@code tls/server.crt},
   * {@code tls/server.key}): certificates as {@code CERTIFICATE}, the key as unencrypted PKCS#8
   * {@code PRIVATE KEY}.
   *
   * @throws IllegalArgumentException naming the file that is not such PEM
   * @throws UncheckedIOException if a file cannot be read
   */
  public static TlsSettings fromPem(Path certificateChain, Path privateKey) {
    return server(readCertificates(certificateChain), readPrivateKey(privateKey));
  }

  /**
   * These settings with mutual TLS: a client certificate chaining to one of {@code clientRootCas}
   * is required.
   *
   * @throws IllegalArgumentException if {@code clientRootCas} is empty
   */
  public TlsSettings requireClientCertificates(List<X509Certificate> clientRootCas) {
    if (clientRootCas.isEmpty()) {
      throw new IllegalArgumentException("Mutual TLS needs at least one client TLS CA");
    }
    return new TlsSettings(certificateChain, privateKey, clientRootCas);
  }

  /** Whether clients must present a certificate. */
  public boolean mutual() {
    return !clientRootCas.isEmpty();
  }

  /**
   * The certificates of a PEM file, in order (e.g. a TLS CA's {@code ca.crt}).
   *
   * @throws IllegalArgumentException if the file holds none or something else
   * @throws UncheckedIOException if it cannot be read
   */
  public static List<X509Certificate> readCertificates(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      List<X509Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
              .map(X509Certificate.class::cast)
              .toList();
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException(file + " holds no PEM certificate");
      }
      return certificates;
    } catch (CertificateException e) {
      throw new IllegalArgumentException(file + " is not a PEM certificate file: " + e, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /**
   * The unencrypted PKCS#8 private key (EC or RSA) of a PEM file.
   *
   * @throws IllegalArgumentException if the file holds no such key
   * @throws UncheckedIOException if it cannot be read
   */
  public static PrivateKey readPrivateKey(Path file) {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    Matcher matcher = PKCS8_PEM.matcher(pem);
    if (!matcher.find()) {
      throw new IllegalArgumentException(
          file + " holds no unencrypted PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----)");
    }
    byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
    for (String algorithm : List.of("EC", "RSA")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // Not a key of this algorithm: try the next.
      }
    }
    throw new IllegalArgumentException(file + " holds neither an EC nor an RSA PKCS#8 key");
  }

  @Override
  public String toString() {
    // The private key stays out of logs.
    return "TlsSettings["
        + certificateChain.getFirst().getSubjectX500Principal()
        + (mutual() ? ", mutual TLS with " + clientRootCas.size() + " client CA(s)" : "")
        + "]";
  }
}
