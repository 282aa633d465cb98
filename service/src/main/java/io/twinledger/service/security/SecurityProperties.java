package io.twinledger.service.security;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How callers authenticate.
 *
 * @param mode {@code embedded}: HTTP Basic against {@link #users()}; {@code oidc}: bearer JWTs from
 *     the issuer in {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}
 * @param users accounts for embedded mode, usually from {@code config/users.yml}
 * @param rolesClaim the JWT claim that lists TwinLedger role names in OIDC mode
 * @param tokenTtl embedded mode: how long a bearer token from {@code POST /api/v1/auth/token} lasts
 * @param basicCache embedded mode: the cache of verified HTTP Basic credentials
 * @param loginThrottle embedded mode: how failed logins are throttled
 * @param uiClient OIDC mode: the web UI's client at the identity provider
 */
@ConfigurationProperties("twinledger.security")
public record SecurityProperties(
    @DefaultValue("embedded") Mode mode,
    @DefaultValue List<User> users,
    @DefaultValue("roles") String rolesClaim,
    @DefaultValue("PT15M") Duration tokenTtl,
    @DefaultValue BasicCache basicCache,
    @DefaultValue LoginThrottle loginThrottle,
    @DefaultValue UiClient uiClient) {

  private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

  public SecurityProperties {
    if (tokenTtl.isNegative() || tokenTtl.isZero()) {
      throw new IllegalArgumentException("twinledger.security.token-ttl must be positive");
    }
    for (int i = 0; i < users.size(); i++) {
      User user = users.get(i);
      String at = "twinledger.security.users[" + i + "]";
      if (user.name() == null || user.name().isBlank()) {
        throw new IllegalArgumentException(at + ".name is required");
      }
      if (user.passwordHash() == null || !BCRYPT.matcher(user.passwordHash()).matches()) {
        throw new IllegalArgumentException(
            at
                + ".password-hash must be a bcrypt hash; make one with"
                + " './twinledger hash-password'");
      }
      for (String role : user.roles()) {
        if (!Roles.ALL.contains(role)) {
          throw new IllegalArgumentException(
              at + ".roles: unknown role '" + role + "', expected one of " + Roles.ALL);
        }
      }
    }
  }

  /**
   * The web UI's OIDC client in OIDC mode: it signs users in with the authorization code flow and
   * PKCE at the issuer of {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, found by
   * OIDC discovery on first use. Without a client id the web UI has no sign-in in OIDC mode; the
   * API is unaffected.
   *
   * @param clientId the client id registered at the identity provider; empty: no web sign-in
   * @param clientSecret the client's secret; empty for a public client, which PKCE alone protects
   * @param scopes the scopes asked for; {@code openid} is required
   */
  public record UiClient(
      @DefaultValue("") String clientId,
      @DefaultValue("") String clientSecret,
      @DefaultValue({"openid", "profile"}) List<String> scopes) {

    public boolean configured() {
      return !clientId.isBlank();
    }
  }

  /** Authentication modes. */
  public enum Mode {
    EMBEDDED,
    OIDC
  }

  /**
   * An embedded-mode account.
   *
   * @param passwordHash bcrypt hash of the password
   * @param roles role names from {@link Roles}
   */
  public record User(String name, String passwordHash, @DefaultValue List<String> roles) {}

  /**
   * Verified HTTP Basic credentials are remembered for {@code ttl} from their verification (never
   * longer, whatever the traffic), so bcrypt runs once per credential and TTL, not per request.
   *
   * @param ttl how long a verification is reused; {@code 0} turns the cache off
   * @param maxEntries at most this many credentials are remembered
   */
  public record BasicCache(
      @DefaultValue("PT60S") Duration ttl, @DefaultValue("1000") int maxEntries) {}

  /**
   * After {@code maxFailuresPerUser} failed logins for one user name, or {@code
   * maxFailuresPerAddress} from one client address, within {@code window}, logins for that name or
   * from that address are refused (429) for {@code firstLockout}, doubling with each further
   * lock-out up to {@code maxLockout}.
   */
  public record LoginThrottle(
      @DefaultValue("5") int maxFailuresPerUser,
      @DefaultValue("20") int maxFailuresPerAddress,
      @DefaultValue("PT15M") Duration window,
      @DefaultValue("PT30S") Duration firstLockout,
      @DefaultValue("PT15M") Duration maxLockout) {}
}
