package io.twinledger.reporting.verify;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A test-only class in the verifier's package that opens a database, which the verifier may not.
 */
final class RuleBreakingVerifier {

  private RuleBreakingVerifier() {}

  static Connection forbidden(String url) throws SQLException {
    return DriverManager.getConnection(url);
  }
}
