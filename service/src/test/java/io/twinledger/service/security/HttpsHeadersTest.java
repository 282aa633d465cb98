package io.twinledger.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.service.support.OnEmbeddedDb;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With a keystore configured ({@code server.ssl.*}) the service speaks HTTPS and sends HSTS, and
 * the Content-Security-Policy as over plain HTTP. The keystore is a self-signed certificate for
 * localhost made by the JDK's keytool, which the client trusts alone.
 */
@OnEmbeddedDb
@DirtiesContext
class HttpsHeadersTest {

  private static final String PASSWORD = "changeit";
  private static final Path KEYSTORE = keystore();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void ssl(DynamicPropertyRegistry registry) {
    registry.add("server.ssl.key-store", () -> KEYSTORE.toString());
    registry.add("server.ssl.key-store-password", () -> PASSWORD);
    registry.add("server.ssl.key-store-type", () -> "PKCS12");
    registry.add("server.ssl.key-alias", () -> "twinledger");
  }

  @Test
  void httpsAnswersCarryHstsAndTheContentSecurityPolicy() throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(trustingTheKeystore()).build();
    for (String path : new String[] {"/actuator/health", "/api/v1/assets"}) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create("https://localhost:" + port + path)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.headers().firstValue("Strict-Transport-Security"))
          .as(path)
          .hasValueSatisfying(h -> assertThat(h).contains("max-age="));
      assertThat(response.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValue(SecurityConfiguration.CONTENT_SECURITY_POLICY);
    }
  }

  private static SSLContext trustingTheKeystore() throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(KEYSTORE)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("twinledger", keys.getCertificate("twinledger"));
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private static Path keystore() {
    try {
      Path dir = Files.createTempDirectory("twinledger-tls");
      Path keystore = dir.resolve("keystore.p12");
      Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
      Process process =
          new ProcessBuilder(
                  keytool.toString(),
                  "-genkeypair",
                  "-alias",
                  "twinledger",
                  "-keyalg",
                  "EC",
                  "-groupname",
                  "secp256r1",
                  "-dname",
                  "CN=localhost",
                  "-ext",
                  "SAN=dns:localhost,ip:127.0.0.1",
                  "-validity",
                  "2",
                  "-storetype",
                  "PKCS12",
                  "-keystore",
                  keystore.toString(),
                  "-storepass",
                  PASSWORD)
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes());
      if (process.waitFor() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
      keystore.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      return keystore;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
