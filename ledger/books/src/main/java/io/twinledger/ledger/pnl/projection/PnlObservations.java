package io.twinledger.ledger.pnl.projection;

import io.twinledger.finance.model.KpiObservation;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The monthly KPI periods the P&amp;L projection has seen, as model inputs: every revision, with
 * the month cut in the asset's time zone and the share of it the readings cover.
 */
public class PnlObservations {

  static final String COLUMNS = "kpi_id, month, revision, value, unit, evidence, coverage_percent";

  private final JdbcClient jdbc;

  public PnlObservations(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every revision of every monthly KPI period of the asset, by KPI, month and revision. */
  public List<KpiObservation> of(String assetId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM pnl_observation WHERE asset_id = :asset ORDER BY kpi_id, month, revision")
        .param("asset", assetId)
        .query(PnlObservations::observation)
        .list();
  }

  static KpiObservation observation(ResultSet rs, int row) throws SQLException {
    return new KpiObservation(
        rs.getString("kpi_id"),
        YearMonth.from(rs.getDate("month").toLocalDate()),
        rs.getInt("revision"),
        Optional.ofNullable(rs.getBigDecimal("value")),
        rs.getString("unit"),
        Arrays.asList((String[]) rs.getArray("evidence").getArray()),
        Optional.ofNullable(rs.getBigDecimal("coverage_percent")));
  }

  static Date date(YearMonth month) {
    return Date.valueOf(month.atDay(1));
  }
}
