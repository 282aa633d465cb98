package io.twinledger.service.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Short-lived bearer tokens for embedded mode: JWTs signed with HMAC-SHA-256 under a random key
 * made at start, carrying the caller's name ({@code sub}) and roles. Checking one costs a MAC, not
 * bcrypt. Tokens do not survive a restart (the key is gone), and a token stays valid until it
 * expires even if its account is removed, which is why its lifetime is short.
 */
final class AccessTokens {

  static final String ISSUER = "twinledger";
  static final String ROLES_CLAIM = "roles";

  private final Duration ttl;
  private final Clock clock;
  private final JwtEncoder encoder;
  private final JwtDecoder decoder;

  /** An issued token and its lifetime in seconds. */
  record Issued(String token, long expiresInSeconds) {}

  AccessTokens(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    SecretKey key = new SecretKeySpec(secret, "HmacSHA256");
    this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
    NimbusJwtDecoder nimbus =
        NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
    JwtTimestampValidator expiry = new JwtTimestampValidator(Duration.ZERO);
    expiry.setClock(clock);
    nimbus.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(expiry, new JwtIssuerValidator(ISSUER)));
    this.decoder = nimbus;
  }

  Issued issue(Authentication caller) {
    Instant now = clock.instant();
    List<String> roles =
        caller.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .filter(a -> a.startsWith("ROLE_"))
            .map(a -> a.substring("ROLE_".length()))
            .toList();
    JwtClaimsSet claims =
        JwtClaimsSet.builder()
            .issuer(ISSUER)
            .subject(caller.getName())
            .issuedAt(now)
            .expiresAt(now.plus(ttl))
            .id(UUID.randomUUID().toString())
            .claim(ROLES_CLAIM, roles)
            .build();
    String token =
        encoder
            .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
            .getTokenValue();
    return new Issued(token, ttl.toSeconds());
  }

  JwtDecoder decoder() {
    return decoder;
  }
}
