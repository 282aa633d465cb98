package io.twinledger.twin.store;

import io.twinledger.twin.period.PeriodKind;
import io.twinledger.twin.period.PeriodReading;
import io.twinledger.twin.period.PeriodWindow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Keeps track of closed KPI periods: which periods are due, the readings and evidence of a period,
 * and the record of each close. A late reading makes its period due again, so the period is closed
 * under the next revision rather than overwritten.
 */
public final class PeriodBook {

  private final DataSource dataSource;

  public PeriodBook(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * The periods of one KPI that ended by {@code endedBy} and must be closed, oldest first.
   *
   * @param zone the asset's time zone, in which periods are cut
   */
  public List<DuePeriod> due(
      String assetId, String kpiId, PeriodKind kind, ZoneId zone, Instant endedBy) {
    String sql =
        """
        SELECT p.local_start, p.max_batch, c.revision, c.max_batch_id
        FROM (SELECT date_trunc(?, observed_at AT TIME ZONE ?) AS local_start,
                     max(batch_id) AS max_batch
              FROM reading WHERE asset_id = ? AND kpi_id = ?
              GROUP BY 1) p
        LEFT JOIN kpi_period_close c
          ON c.asset_id = ? AND c.kpi_id = ? AND c.period_kind = ?
         AND c.period_start = (p.local_start AT TIME ZONE ?)
        WHERE c.max_batch_id IS NULL OR p.max_batch > c.max_batch_id
        ORDER BY p.local_start
        """;
    List<DuePeriod> due = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, kind.name().toLowerCase(Locale.ROOT));
      select.setString(2, zone.getId());
      select.setString(3, assetId);
      select.setString(4, kpiId);
      select.setString(5, assetId);
      select.setString(6, kpiId);
      select.setString(7, kind.name());
      select.setString(8, zone.getId());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          Instant anyInstantInPeriod =
              rs.getObject(1, LocalDateTime.class).atZone(zone).toInstant();
          PeriodWindow window = kind.containing(anyInstantInPeriod, zone);
          if (window.end().isAfter(endedBy)) {
            continue;
          }
          int lastRevision = rs.getInt(3);
          due.add(new DuePeriod(window, lastRevision + 1, rs.getLong(2)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot find due periods of " + assetId + "/" + kpiId, e);
    }
    return due;
  }

  /**
   * The period's readings up to the due period's newest batch, with their flags and the digests of
   * their batches. Readings committed after {@link #due} looked are left for the next revision, so
   * the revision recorded matches the batch it is noted against.
   */
  public List<PeriodReading> readings(String assetId, String kpiId, DuePeriod period) {
    PeriodWindow window = period.window();
    String sql =
        """
        SELECT r.source, r.sensor_id, r.observed_at, r.asset_id, r.kpi_id, r.value, r.unit,
               r.original_value, r.original_unit, array_to_string(r.flags, ','), b.digest
        FROM reading r JOIN reading_batch b ON b.batch_id = r.batch_id
        WHERE r.asset_id = ? AND r.kpi_id = ? AND r.observed_at >= ? AND r.observed_at < ?
          AND r.batch_id <= ?
        """;
    List<PeriodReading> readings = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, assetId);
      select.setString(2, kpiId);
      select.setTimestamp(3, Timestamp.from(window.start()));
      select.setTimestamp(4, Timestamp.from(window.end()));
      select.setLong(5, period.maxBatchId());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          readings.add(
              new PeriodReading(
                  ReadingStore.reading(rs),
                  ReadingStore.flags(rs.getString(10)),
                  HexFormat.of().formatHex(rs.getBytes(11))));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read period " + window.label(), e);
    }
    return readings;
  }

  /** Records that {@code period} was closed under its revision. */
  public void closed(String assetId, String kpiId, DuePeriod period, Instant at) {
    String sql =
        """
        INSERT INTO kpi_period_close (asset_id, kpi_id, period_kind, period_start, revision,
                                      max_batch_id, closed_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (asset_id, kpi_id, period_kind, period_start)
        DO UPDATE SET revision = EXCLUDED.revision, max_batch_id = EXCLUDED.max_batch_id,
                      closed_at = EXCLUDED.closed_at
        """;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement upsert = connection.prepareStatement(sql)) {
      upsert.setString(1, assetId);
      upsert.setString(2, kpiId);
      upsert.setString(3, period.window().kind().name());
      upsert.setTimestamp(4, Timestamp.from(period.window().start()));
      upsert.setInt(5, period.revision());
      upsert.setLong(6, period.maxBatchId());
      upsert.setTimestamp(7, Timestamp.from(at));
      upsert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot record close of " + period.window().label(), e);
    }
  }
}
