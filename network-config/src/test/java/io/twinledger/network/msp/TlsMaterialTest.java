package io.twinledger.network.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.network.Consortium;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded MSPs' TLS material: a TLS CA per organisation, separate from its signing CA, whose
 * server certificate the JDK's TLS accepts for the peer's names (and only those), and whose client
 * certificate passes mutual TLS where another organisation's does not.
 */
class TlsMaterialTest {

  private static final Consortium CONSORTIUM = Consortium.twinLedger();
  private static final Instant NOW = Instant.now();
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String CITY_PEER = "peer0.cityfinance.twinledger.example";

  @TempDir static Path root;

  private static MspDirectory msps;
  private static OrgMsp city;
  private static OrgMsp water;

  @BeforeAll
  static void generate() {
    msps = MspDirectory.openOrCreate(root, CONSORTIUM, CLOCK);
    city = msps.organisation("CityFinanceMSP").orElseThrow();
    water = msps.organisation("WaterUtilityMSP").orElseThrow();
  }

  @Test
  void writesCryptogensTlsFiles() throws IOException {
    Path org = root.resolve("peerOrganizations/cityfinance.twinledger.example");
    Path tlsCa = org.resolve("tlsca/tlsca.cityfinance.twinledger.example-cert.pem");
    assertThat(msps.tlsCaCertificateFile("CityFinanceMSP")).isEqualTo(tlsCa);
    assertThat(PemFiles.readCertificate(tlsCa)).isEqualTo(city.tlsCaCertificate());
    Path peerTls = org.resolve("peers/" + CITY_PEER + "/tls");
    assertThat(PemFiles.readCertificate(peerTls.resolve("ca.crt")))
        .isEqualTo(city.tlsCaCertificate());
    assertThat(PemFiles.readCertificate(peerTls.resolve("server.crt")))
        .isEqualTo(city.peerTls().certificate());
    assertThat(PemFiles.readPrivateKey(peerTls.resolve("server.key")).getEncoded())
        .isEqualTo(city.peerTls().privateKey().getEncoded());
    Path userTls = org.resolve("users/User1@cityfinance.twinledger.example/tls");
    assertThat(PemFiles.readCertificate(userTls.resolve("client.crt")))
        .isEqualTo(city.clientTls().certificate());
    assertThat(
            PemFiles.readCertificates(
                org.resolve("msp/tlscacerts/tlsca.cityfinance.twinledger.example-cert.pem")))
        .containsExactly(city.tlsCaCertificate());
  }

  @Test
  void certificatesHaveTheNamesAndPurposesTlsNeeds() throws Exception {
    X509Certificate server = city.peerTls().certificate();
    assertThat(server.getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(
            List.of(2, CITY_PEER), List.of(2, "localhost"), List.of(7, "127.0.0.1"));
    assertThat(server.getExtendedKeyUsage())
        .containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    assertThat(server.getBasicConstraints()).isEqualTo(-1);
    assertThat(city.clientTls().certificate().getExtendedKeyUsage())
        .containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(city.tlsCaCertificate().getSubjectX500Principal().getName())
        .isEqualTo("CN=tlsca.cityfinance.twinledger.example,O=City Finance Office");
    // The TLS CA is not the MSP's CA: a TLS certificate is no identity of the organisation.
    assertThat(city.tlsCaCertificate()).isNotEqualTo(city.caCertificate());
    assertThat(msps.verifier().verify("CityFinanceMSP", server))
        .isInstanceOfSatisfying(
            IdentityCheck.Untrusted.class,
            u -> assertThat(u.reason()).isEqualTo(UntrustedReason.NOT_ISSUED_BY_MSP_CA));
  }

  @Test
  void theJdksTlsAcceptsThePeerUnderItsNamesOnly() throws Exception {
    for (String host : List.of(CITY_PEER, "localhost", "127.0.0.1")) {
      assertThat(handshake(Optional.empty(), city.tlsCaCertificate(), Optional.empty(), host))
          .as(host)
          .isEqualTo("ok");
    }
    assertThatThrownBy(
            () ->
                handshake(
                    Optional.empty(),
                    city.tlsCaCertificate(),
                    Optional.empty(),
                    "peer0.waterutility.twinledger.example"))
        .isInstanceOf(SSLException.class)
        .hasMessageContaining("No subject alternative DNS name matching");
    assertThatThrownBy(
            () ->
                handshake(Optional.empty(), water.tlsCaCertificate(), Optional.empty(), CITY_PEER))
        .isInstanceOf(SSLException.class)
        .hasMessageContaining("PKIX path");
    // Trusting the signing CA instead of the TLS CA does not do either.
    assertThatThrownBy(
            () -> handshake(Optional.empty(), city.caCertificate(), Optional.empty(), CITY_PEER))
        .isInstanceOf(SSLException.class);
  }

  @Test
  void mutualTlsAcceptsTheOrganisationsClientCertificateOnly() throws Exception {
    Optional<X509Certificate> clientRoots = Optional.of(city.tlsCaCertificate());
    assertThat(
            handshake(
                clientRoots, city.tlsCaCertificate(), Optional.of(city.clientTls()), CITY_PEER))
        .isEqualTo("ok");
    assertThatThrownBy(
            () ->
                handshake(
                    clientRoots,
                    city.tlsCaCertificate(),
                    Optional.of(water.clientTls()),
                    CITY_PEER))
        .isInstanceOf(IOException.class);
    // The MSP's client identity is no TLS client certificate.
    TlsCredentials signing =
        new TlsCredentials(
            city.client().certificate(), city.client().privateKey(), city.caCertificate());
    assertThatThrownBy(
            () -> handshake(clientRoots, city.tlsCaCertificate(), Optional.of(signing), CITY_PEER))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(
            () -> handshake(clientRoots, city.tlsCaCertificate(), Optional.empty(), CITY_PEER))
        .isInstanceOf(IOException.class);
  }

  /**
   * One TLS connection on the loopback interface to a server presenting the city peer's TLS
   * certificate (requiring a client certificate from {@code clientRoots} if given), from a client
   * trusting {@code trusted} that checks the server's name against {@code host}; "ok" once a byte
   * went there and back.
   */
  private static String handshake(
      Optional<X509Certificate> clientRoots,
      X509Certificate trusted,
      Optional<TlsCredentials> clientTls,
      String host)
      throws Exception {
    SSLContext serverContext =
        context(Optional.of(city.peerTls()), clientRoots.orElse(city.tlsCaCertificate()));
    try (SSLServerSocket server =
        (SSLServerSocket)
            serverContext
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setNeedClientAuth(clientRoots.isPresent());
      CompletableFuture<Void> echo =
          CompletableFuture.runAsync(
              () -> {
                try (Socket accepted = server.accept()) {
                  accepted.setSoTimeout(5_000);
                  int read = accepted.getInputStream().read();
                  accepted.getOutputStream().write(read);
                  accepted.getOutputStream().flush();
                } catch (IOException e) {
                  // The client sees the failure; the server only has to let go.
                }
              });
      SSLContext clientContext = context(clientTls, trusted);
      Socket plain = new Socket();
      plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
      try (SSLSocket client =
          (SSLSocket)
              clientContext
                  .getSocketFactory()
                  .createSocket(plain, host, server.getLocalPort(), true)) {
        client.setSoTimeout(5_000);
        SSLParameters parameters = client.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        client.setSSLParameters(parameters);
        client.getOutputStream().write(42);
        client.getOutputStream().flush();
        int answer = client.getInputStream().read();
        if (answer != 42) {
          throw new IOException("the server closed the connection (answer " + answer + ")");
        }
      } finally {
        echo.get(10, TimeUnit.SECONDS);
      }
    }
    return "ok";
  }

  private static SSLContext context(Optional<TlsCredentials> own, X509Certificate trusted)
      throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    if (own.isPresent()) {
      PrivateKey key = own.get().privateKey();
      keys.setKeyEntry(
          "own",
          key,
          new char[0],
          new X509Certificate[] {own.get().certificate(), own.get().caCertificate()});
    }
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, new char[0]);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", trusted);
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return context;
  }
}
