package io.twinledger.service.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Name-and-password logins (HTTP Basic in embedded mode), throttled by {@link FailedLogins} and
 * verified by bcrypt at most once per credential and TTL.
 *
 * <p>A verified credential is remembered under an HMAC-SHA-256 of name and password, keyed by a
 * random secret made at start, so neither the password nor an offline-guessable digest of it is
 * kept. An entry lives for the configured TTL from its verification and is never extended by use: a
 * removed account or changed password is refused at the latest one TTL after the change. Failed
 * logins are never cached; each one pays bcrypt, and the throttle bounds how many there are.
 */
final class PasswordLogins implements AuthenticationProvider {

  private final AuthenticationProvider bcrypt;
  private final FailedLogins failures;
  private final SecurityProperties.BasicCache cache;
  private final LongSupplier nanos;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();
  private final SecretKeySpec cacheKey;

  private record Verified(Authentication authentication, long expiresAt) {}

  PasswordLogins(
      AuthenticationProvider bcrypt,
      FailedLogins failures,
      SecurityProperties.BasicCache cache,
      LongSupplier nanos) {
    this.bcrypt = bcrypt;
    this.failures = failures;
    this.cache = cache;
    this.nanos = nanos;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.cacheKey = new SecretKeySpec(secret, "HmacSHA256");
  }

  @Override
  public Authentication authenticate(Authentication request) throws AuthenticationException {
    String user = request.getName();
    String address =
        request.getDetails() instanceof WebAuthenticationDetails details
            ? details.getRemoteAddress()
            : "unknown";
    failures.check(user, address);
    Object credentials = request.getCredentials();
    String key = credentials == null ? null : key(user, credentials.toString());
    long now = nanos.getAsLong();
    Verified hit = key == null ? null : verified.get(key);
    if (hit != null && hit.expiresAt() - now > 0) {
      return copy(hit.authentication(), request);
    }
    Authentication result;
    try {
      result = bcrypt.authenticate(request);
    } catch (BadCredentialsException e) {
      failures.failed(user, address);
      throw e;
    }
    failures.succeeded(user);
    if (key != null && !cache.ttl().isZero()) {
      remember(key, result, now);
    }
    return copy(result, request);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  private void remember(String key, Authentication result, long now) {
    if (verified.size() >= cache.maxEntries()) {
      verified.values().removeIf(v -> v.expiresAt() - now <= 0);
      if (verified.size() >= cache.maxEntries()) {
        return;
      }
    }
    verified.put(key, new Verified(result, now + cache.ttl().toNanos()));
  }

  /** A fresh token per request, carrying this request's details, without the credentials. */
  private static Authentication copy(Authentication verified, Authentication request) {
    UsernamePasswordAuthenticationToken result =
        UsernamePasswordAuthenticationToken.authenticated(
            verified.getPrincipal(), null, verified.getAuthorities());
    result.setDetails(request.getDetails());
    return result;
  }

  private String key(String user, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(cacheKey);
      // The name's length first, so "ab"+"c" and "a"+"bc" differ.
      mac.update(Integer.toString(user.length()).getBytes(StandardCharsets.UTF_8));
      mac.update((byte) ':');
      mac.update(user.getBytes(StandardCharsets.UTF_8));
      mac.update(password.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
