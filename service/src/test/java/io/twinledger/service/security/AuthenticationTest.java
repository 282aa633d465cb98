package io.twinledger.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.twinledger.service.support.OnEmbeddedDb;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Embedded-mode authentication over real HTTP: bearer tokens from {@code POST /api/v1/auth/token},
 * the cache of verified Basic credentials, the throttle on failed logins and the security headers.
 * Lifetimes are shortened so expiry can be watched. Each test makes its own accounts, so lock-outs
 * of one do not leak into another; the per-address limit is shared (all requests come from
 * 127.0.0.1), so the test that reaches it waits its lock-out out.
 */
@OnEmbeddedDb
@TestPropertySource(
    properties = {
      "twinledger.security.token-ttl=PT3S",
      "twinledger.security.basic-cache.ttl=PT1S",
      "twinledger.security.login-throttle.max-failures-per-user=5",
      "twinledger.security.login-throttle.max-failures-per-address=15",
      "twinledger.security.login-throttle.first-lockout=PT2S"
    })
class AuthenticationTest {

  private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder();

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired InMemoryUserDetailsManager users;
  @Autowired MeterRegistry meters;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aTokenCarriesTheCallersRolesUntilItExpires() throws Exception {
    HttpResponse<String> issued = send("POST", "/api/v1/auth/token", basic("investor", "investor"));
    assertThat(issued.statusCode()).isEqualTo(200);
    assertThat(issued.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode body = json.readTree(issued.body());
    assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
    assertThat(body.get("expires_in").asLong()).isEqualTo(3);
    String bearer = "Bearer " + body.get("access_token").asString();

    assertThat(send("GET", "/api/v1/assets", bearer).statusCode()).isEqualTo(200);
    // Same roles as the password: investors may not read an asset's event history.
    assertThat(
            send("GET", "/api/v1/assets/" + EndpointRolesContract.SAMPLE_ASSET + "/events", bearer)
                .statusCode())
        .isEqualTo(403);
    // A token does not buy the next one, or it would never expire.
    assertThat(send("POST", "/api/v1/auth/token", bearer).statusCode()).isEqualTo(403);

    Thread.sleep(Duration.ofMillis(3_200));
    assertUnauthenticated(send("GET", "/api/v1/assets", bearer));
  }

  @Test
  void forgedUnsignedAndGarbageTokensAreRefusedWhileAGenuineOneWorks() throws Exception {
    JsonNode issued =
        json.readTree(send("POST", "/api/v1/auth/token", basic("auditor", "auditor")).body());
    String genuine = issued.get("access_token").asString();
    assertThat(send("GET", "/api/v1/assets", "Bearer " + genuine).statusCode()).isEqualTo(200);

    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(AccessTokens.ISSUER)
            .subject("auditor")
            .claim("roles", List.of("OPERATOR", "AUDITOR"))
            .issueTime(new Date())
            .expirationTime(Date.from(Instant.now().plusSeconds(600)))
            .build();
    byte[] otherKey = new byte[32];
    new SecureRandom().nextBytes(otherKey);
    SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    forged.sign(new MACSigner(otherKey));
    String unsigned = new PlainJWT(claims).serialize();
    // The genuine token's header and signature around other claims.
    String[] parts = genuine.split("\\.");
    String tampered =
        parts[0]
            + "."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.toString().getBytes())
            + "."
            + parts[2];

    for (String token : List.of(forged.serialize(), unsigned, tampered, "garbage", "a.b.c")) {
      assertUnauthenticated(send("GET", "/api/v1/assets", "Bearer " + token));
    }
  }

  @Test
  void cachedBasicSparesBcryptButNotWrongPasswordsChangesOrRemovals() throws Exception {
    String name = "cached-" + UUID.randomUUID();
    users.createUser(account(name, "first"));
    assertThat(send("GET", "/api/v1/assets", basic(name, "first")).statusCode()).isEqualTo(200);

    // Fifty requests with a remembered credential cost far less than fifty bcrypt checks.
    long bcryptNanos = bcryptNanos();
    long start = System.nanoTime();
    for (int i = 0; i < 50; i++) {
      assertThat(send("GET", "/api/v1/assets", basic(name, "first")).statusCode()).isEqualTo(200);
    }
    long elapsed = System.nanoTime() - start;
    assertThat(elapsed).as("50 cached requests vs one bcrypt check").isLessThan(25 * bcryptNanos);

    assertUnauthenticated(send("GET", "/api/v1/assets", basic(name, "wrong")));

    users.updateUser(account(name, "second"));
    Thread.sleep(Duration.ofMillis(1_200));
    assertUnauthenticated(send("GET", "/api/v1/assets", basic(name, "first")));
    assertThat(send("GET", "/api/v1/assets", basic(name, "second")).statusCode()).isEqualTo(200);

    users.deleteUser(name);
    Thread.sleep(Duration.ofMillis(1_200));
    assertUnauthenticated(send("GET", "/api/v1/assets", basic(name, "second")));
  }

  @Test
  void failedLoginsForOneUserAreThrottledEvenWithTheRightPassword() throws Exception {
    String name = "guessed-" + UUID.randomUUID();
    users.createUser(account(name, "right"));
    double badBefore = failures("bad-credentials");
    double lockedBefore = failures("locked-out");

    for (int i = 0; i < 5; i++) {
      assertUnauthenticated(send("GET", "/api/v1/assets", basic(name, "guess-" + i)));
    }
    HttpResponse<String> refused = send("GET", "/api/v1/assets", basic(name, "right"));
    assertThrottled(refused);
    assertThat(failures("bad-credentials") - badBefore).isEqualTo(5);
    assertThat(failures("locked-out") - lockedBefore).isEqualTo(1);

    Thread.sleep(Duration.ofSeconds(retryAfter(refused)).plusMillis(100));
    assertThat(send("GET", "/api/v1/assets", basic(name, "right")).statusCode()).isEqualTo(200);
  }

  @Test
  void failedLoginsFromOneAddressAreThrottledWhateverTheName() throws Exception {
    HttpResponse<String> response = null;
    for (int i = 0; i < 15 && (response == null || response.statusCode() != 429); i++) {
      response = send("GET", "/api/v1/assets", basic("nobody-" + UUID.randomUUID(), "guess"));
    }
    // Whoever signs in from the address now, with whatever password, waits.
    HttpResponse<String> refused = send("GET", "/api/v1/assets", basic("officer", "officer"));
    assertThrottled(refused);
    Thread.sleep(Duration.ofSeconds(retryAfter(refused)).plusMillis(100));
    assertThat(send("GET", "/api/v1/assets", basic("officer", "officer")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void everyAnswerCarriesAContentSecurityPolicyAndPlainHttpNoHsts() throws Exception {
    for (HttpResponse<String> response :
        List.of(
            send("GET", "/actuator/health", null),
            send("GET", "/api/v1/assets", null),
            send("GET", "/api/v1/assets", basic("officer", "officer")),
            send("GET", "/api/v1/no-such-thing", basic("officer", "officer")))) {
      assertThat(response.headers().firstValue("Content-Security-Policy"))
          .as("%s", response.uri())
          .hasValue(SecurityConfiguration.CONTENT_SECURITY_POLICY);
      assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }
    assertThat(SecurityConfiguration.CONTENT_SECURITY_POLICY)
        .contains("default-src 'self'")
        .contains("frame-ancestors 'none'");
  }

  private double failures(String reason) {
    Counter counter =
        meters.find(SecurityConfiguration.AUTH_FAILURES).tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  private void assertUnauthenticated(HttpResponse<String> response) {
    assertProblem(response, 401, "unauthenticated");
  }

  private void assertThrottled(HttpResponse<String> response) {
    assertProblem(response, 429, "login-throttled");
    assertThat(retryAfter(response)).isBetween(1L, 2L);
  }

  private void assertProblem(HttpResponse<String> response, int status, String slug) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(json.readTree(response.body()).get("type").asString())
        .isEqualTo("urn:problem-type:twinledger:" + slug);
  }

  private static long retryAfter(HttpResponse<String> response) {
    return Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
  }

  private static long bcryptNanos() {
    String hash = BCRYPT.encode("x");
    long start = System.nanoTime();
    BCRYPT.matches("x", hash);
    return System.nanoTime() - start;
  }

  private static User account(String name, String password) {
    return (User)
        User.withUsername(name).password(BCRYPT.encode(password)).roles(Roles.AUDITOR).build();
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> send(String method, String path, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
