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
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.twinledger.service.support.TestDatabaseInitializers;
import io.twinledger.service.support.UiSession;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web UI's OIDC sign-in: the authorization code flow with PKCE against an identity provider
 * that is a real HTTP server in the test. Its token endpoint checks the PKCE verifier against the
 * challenge of the authorization request, as a real provider does, and issues an ID token with the
 * user's roles.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "twinledger.security.mode=oidc",
      "twinledger.security.ui-client.client-id=twinledger-ui",
      "twinledger.security.ui-client.scopes=openid"
    })
@ContextConfiguration(initializers = TestDatabaseInitializers.Embedded.class)
@DirtiesContext
class OidcSignInTest {

  private static final String CLIENT = "twinledger-ui";
  private static final RSAKey KEY = key("issuer-key");
  private static final Provider PROVIDER = new Provider();
  private static final String ISSUER_URI = PROVIDER.issuer;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void issuerUri(DynamicPropertyRegistry registry) {
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER_URI);
  }

  @AfterAll
  static void stopProvider() {
    PROVIDER.server.stop(0);
  }

  @Test
  void anOfficerSignsInWithTheCodeFlowAndPkce() {
    UiSession browser = new UiSession(port);
    assertThat(browser.get("/ui/portfolio").location()).endsWith("/login");
    assertThat(browser.get("/login").body()).contains("/oauth2/authorization/twinledger");

    Map<String, String> authorize = authorizationRequest(browser);
    assertThat(authorize)
        .containsEntry("response_type", "code")
        .containsEntry("client_id", CLIENT)
        .containsEntry("code_challenge_method", "S256")
        .containsKey("code_challenge")
        .containsKey("nonce");

    UiSession.Page back = callback(browser, authorize, KEY, List.of(Roles.FINANCE_OFFICER));
    assertThat(back.location()).as(back.body()).endsWith("/ui");
    assertThat(PROVIDER.verifierMatched).as("the token request proved the PKCE verifier").isTrue();
    assertThat(browser.get("/ui").location()).endsWith("/ui/portfolio");
    UiSession.Page portfolio = browser.get("/ui/portfolio");
    assertThat(portfolio.status()).isEqualTo(200);
    assertThat(portfolio.body()).contains("ana");
  }

  @Test
  void rolesComeFromTheIdTokenAndGuardPages() {
    UiSession browser = new UiSession(port);
    callback(browser, authorizationRequest(browser), KEY, List.of(Roles.RESIDENT, "MAYOR"));
    assertThat(browser.get("/ui/portfolio").status()).isEqualTo(403);
    assertThat(browser.get("/ui").location()).endsWith("/ui/village");
  }

  @Test
  void aForgedIdTokenOrAForeignStateSignsNobodyIn() {
    UiSession forged = new UiSession(port);
    UiSession.Page refused =
        callback(forged, authorizationRequest(forged), key("forger"), List.of(Roles.AUDITOR));
    assertThat(refused.location()).endsWith("/login?error");
    assertThat(forged.get("/ui/portfolio").location()).endsWith("/login");

    UiSession replay = new UiSession(port);
    Map<String, String> someoneElses = authorizationRequest(new UiSession(port));
    UiSession.Page foreign = callback(replay, someoneElses, KEY, List.of(Roles.AUDITOR));
    assertThat(foreign.location()).doesNotEndWith("/ui");
    assertThat(replay.get("/ui/portfolio").location()).endsWith("/login");
  }

  /** Starts sign-in and returns the query of the redirect to the provider. */
  private static Map<String, String> authorizationRequest(UiSession browser) {
    UiSession.Page start = browser.get("/oauth2/authorization/twinledger");
    assertThat(start.location()).startsWith(ISSUER_URI + "/auth");
    return query(URI.create(start.location()).getRawQuery());
  }

  /** The provider's redirect back with a code it will exchange for an ID token with these roles. */
  private static UiSession.Page callback(
      UiSession browser, Map<String, String> authorize, RSAKey signer, List<String> roles) {
    String code = "code-" + System.nanoTime();
    PROVIDER.grants.put(
        code, new Grant(authorize.get("code_challenge"), authorize.get("nonce"), signer, roles));
    return browser.get(
        "/login/oauth2/code/twinledger?code=" + code + "&state=" + authorize.get("state"));
  }

  private static Map<String, String> query(String raw) {
    return Arrays.stream(raw.split("&"))
        .map(p -> p.split("=", 2))
        .collect(
            Collectors.toMap(
                p -> p[0],
                p -> URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8)));
  }

  private static RSAKey key(String id) {
    try {
      return new RSAKeyGenerator(2048).keyID(id).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  record Grant(String challenge, String nonce, RSAKey signer, List<String> roles) {}

  /** A minimal OIDC provider: discovery, keys, and a token endpoint that enforces PKCE. */
  static final class Provider {

    final HttpServer server;
    final String issuer;
    final Map<String, Grant> grants = new ConcurrentHashMap<>();
    volatile boolean verifierMatched;

    Provider() {
      try {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/city";
      server.createContext(
          "/realms/city/.well-known/openid-configuration",
          exchange ->
              respond(
                  exchange,
                  200,
                  """
                  {"issuer": "%1$s", "jwks_uri": "%1$s/keys",
                   "authorization_endpoint": "%1$s/auth", "token_endpoint": "%1$s/token",
                   "subject_types_supported": ["public"],
                   "id_token_signing_alg_values_supported": ["RS256"],
                   "response_types_supported": ["code"],
                   "code_challenge_methods_supported": ["S256"]}"""
                      .formatted(issuer)));
      server.createContext(
          "/realms/city/keys",
          exchange -> respond(exchange, 200, new JWKSet(KEY.toPublicJWK()).toString()));
      server.createContext("/realms/city/token", this::token);
      server.start();
    }

    private void token(HttpExchange exchange) throws IOException {
      Map<String, String> form =
          query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      Grant grant = grants.remove(form.getOrDefault("code", ""));
      String verifier = form.get("code_verifier");
      if (grant == null
          || verifier == null
          || !challenge(verifier).equals(grant.challenge())
          || !CLIENT.equals(form.get("client_id"))) {
        respond(exchange, 400, "{\"error\": \"invalid_grant\"}");
        return;
      }
      verifierMatched = true;
      respond(
          exchange,
          200,
          """
          {"access_token": "opaque", "token_type": "Bearer", "expires_in": 300, "id_token": "%s"}"""
              .formatted(idToken(grant)));
    }

    private String idToken(Grant grant) {
      try {
        SignedJWT jwt =
            new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(grant.signer().getKeyID()).build(),
                new JWTClaimsSet.Builder()
                    .issuer(issuer)
                    .subject("ana")
                    .audience(CLIENT)
                    .claim("nonce", grant.nonce())
                    .claim("roles", grant.roles())
                    .issueTime(new Date())
                    .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                    .build());
        jwt.sign(new RSASSASigner(grant.signer()));
        return jwt.serialize();
      } catch (JOSEException e) {
        throw new IllegalStateException(e);
      }
    }

    private static String challenge(String verifier) {
      try {
        return Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
