package io.twinledger.service;

import java.nio.file.Path;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * TwinLedger's own settings, bound from {@code twinledger.*} properties or the matching {@code
 * TWINLEDGER_*} environment variables.
 *
 * @param dataDir where the embedded PostgreSQL and other local state live
 * @param db an external PostgreSQL; when its URL is absent the embedded server is used
 * @param snapshotThreshold events after which an aggregate snapshot is taken
 */
@ConfigurationProperties("twinledger")
public record TwinLedgerProperties(
    @DefaultValue("./data") Path dataDir,
    @DefaultValue Db db,
    @DefaultValue("50") int snapshotThreshold) {

  /**
   * Connection to an external PostgreSQL ({@code TWINLEDGER_DB_URL}, {@code TWINLEDGER_DB_USER},
   * {@code TWINLEDGER_DB_PASSWORD}).
   */
  public record Db(Optional<String> url, Optional<String> user, Optional<String> password) {

    public Db {
      url = present(url);
      user = present(user);
      password = present(password);
    }

    private static Optional<String> present(Optional<String> value) {
      return value == null ? Optional.empty() : value.filter(s -> !s.isBlank());
    }
  }
}
