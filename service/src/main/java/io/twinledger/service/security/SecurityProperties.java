package io.twinledger.service.security;

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
 */
@ConfigurationProperties("twinledger.security")
public record SecurityProperties(
    @DefaultValue("embedded") Mode mode,
    @DefaultValue List<User> users,
    @DefaultValue("roles") String rolesClaim) {

  private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

  public SecurityProperties {
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
}
