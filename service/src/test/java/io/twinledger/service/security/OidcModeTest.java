package io.twinledger.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.TestDatabaseInitializers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Production mode: bearer JWTs from an OIDC issuer. The issuer is a real HTTP server in the test
 * that serves OIDC discovery and its JWK set; the service discovers it from the issuer URI alone.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "twinledger.security.mode=oidc")
@ContextConfiguration(initializers = TestDatabaseInitializers.Embedded.class)
@DirtiesContext
class OidcModeTest {

  private static final RSAKey KEY = key("issuer-key");
  private static final HttpServer ISSUER = issuer();
  private static final String ISSUER_URI =
      "http://127.0.0.1:" + ISSUER.getAddress().getPort() + "/realms/city";

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  Api api;

  @DynamicPropertySource
  static void issuerUri(DynamicPropertyRegistry registry) {
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER_URI);
  }

  @AfterAll
  static void stopIssuer() {
    ISSUER.stop(0);
  }

  @BeforeEach
  void connect() {
    api = new Api(port, json);
  }

  @Test
  void aTokenWithAnAdmittedRoleIsAccepted() throws Exception {
    var response = get(token(KEY, ISSUER_URI, List.of("INVESTOR"), Instant.now().plusSeconds(300)));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
  }

  @Test
  void aTokenWithoutAnAdmittedRoleIsForbidden() throws Exception {
    var response =
        get(token(KEY, ISSUER_URI, List.of("RESIDENT", "MAYOR"), Instant.now().plusSeconds(300)));
    assertThat(response.status()).isEqualTo(403);
  }

  @Test
  void forgedExpiredForeignAndMissingTokensAreUnauthenticated() throws Exception {
    Instant later = Instant.now().plusSeconds(300);
    List<String> officer = List.of("FINANCE_OFFICER");
    assertThat(get(token(key("forger"), ISSUER_URI, officer, later)).status()).isEqualTo(401);
    assertThat(get(token(KEY, "http://127.0.0.1:1/other", officer, later)).status()).isEqualTo(401);
    assertThat(get(token(KEY, ISSUER_URI, officer, Instant.now().minusSeconds(600))).status())
        .isEqualTo(401);
    var anonymous = api.sendAuthorized("GET", "/api/v1/assets", null, null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.contentType()).startsWith("application/problem+json");
    assertThat(api.get("/api/v1/assets", "officer").status())
        .as("HTTP Basic is not accepted in OIDC mode")
        .isEqualTo(401);
  }

  private Api.Response get(String token) {
    return api.sendAuthorized("GET", "/api/v1/assets", "Bearer " + token, null);
  }

  private static String token(RSAKey key, String issuer, List<String> roles, Instant expiry)
      throws JOSEException {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
            new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("someone")
                .claim("roles", roles)
                .issueTime(new Date())
                .expirationTime(Date.from(expiry))
                .build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static RSAKey key(String id) {
    try {
      return new RSAKeyGenerator(2048).keyID(id).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpServer issuer() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/city";
      server.createContext(
          "/realms/city/.well-known/openid-configuration",
          exchange ->
              respond(
                  exchange,
                  """
                  {"issuer": "%s", "jwks_uri": "%s/keys", "subject_types_supported": ["public"],
                   "id_token_signing_alg_values_supported": ["RS256"],
                   "response_types_supported": ["code"]}"""
                      .formatted(base, base)));
      server.createContext(
          "/realms/city/keys",
          exchange -> respond(exchange, new JWKSet(KEY.toPublicJWK()).toString()));
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
