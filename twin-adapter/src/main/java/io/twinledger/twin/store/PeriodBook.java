package io.twinledger.twin.store;

import io.twinledger.twin.correction.CorrectionRecord;
import io.twinledger.twin.correction.ReadingAction;
import io.twinledger.twin.period.PeriodKind;
import io.twinledger.twin.period.PeriodReading;
import io.twinledger.twin.period.PeriodWindow;
import io.twinledger.twin.reading.Reading;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Keeps track of closed KPI periods: which periods are due, the readings and evidence of a period,
 * and the record of each close. A late reading makes its period due again, so the period is closed
 * under the next revision rather than overwritten.
 */
public final class PeriodBook {

  /**
   * A condition true for a reading of a batch stored by a resubmission not (or not yet) approved:
   * such readings count in no period, so a resubmission into a closed period waits for its approval
   * like any correction.
   */
  private static final String UNDECIDED_RESUBMISSION =
      "SELECT 1 FROM reading_correction w WHERE w.batch_id = r.batch_id"
          + " AND w.action = 'RESUBMIT' AND w.status <> 'APPLIED'";

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
    return due(assetId, kpiId, List.of(kpiId), kind, zone, endedBy);
  }

  /**
   * The periods of a KPI computed from the readings of {@code readingKpis} that ended by {@code
   * endedBy} and must be closed, oldest first: those with a reading of any of them in a batch newer
   * than the last close used.
   *
   * @param kpiId the KPI whose closes are recorded, possibly a derived one without readings
   * @param readingKpis the KPIs whose readings it is computed from
   * @param zone the asset's time zone, in which periods are cut
   */
  public List<DuePeriod> due(
      String assetId,
      String kpiId,
      List<String> readingKpis,
      PeriodKind kind,
      ZoneId zone,
      Instant endedBy) {
    // Hours are cut on the UTC offset in force, so the two 02:00 hours of a fall-back night are
    // two periods; longer periods start at a local midnight, which is never ambiguous.
    String periodStart =
        kind == PeriodKind.HOUR
            ? "date_trunc('hour', r.observed_at AT TIME ZONE ?)"
                + " - ((r.observed_at AT TIME ZONE ?) - (r.observed_at AT TIME ZONE 'UTC'))"
            : "date_trunc(?, r.observed_at AT TIME ZONE ?) AT TIME ZONE ?";
    String sql =
        """
        SELECT p.period_start, p.max_batch, coalesce(x.max_correction, 0), c.revision,
               c.max_batch_id, c.max_correction_seq
        FROM (SELECT %1$s AS period_start, max(r.batch_id) AS max_batch
              FROM reading r WHERE r.asset_id = ? AND r.kpi_id = ANY (?)
                AND NOT EXISTS (%3$s)
              GROUP BY 1) p
        LEFT JOIN (SELECT %1$s AS period_start, max(r.applied_seq) AS max_correction
                   FROM (SELECT x.observed_at, x.applied_seq FROM reading_correction x
                         WHERE x.status = 'APPLIED' AND x.observed_at IS NOT NULL
                           AND x.asset_id = ? AND x.kpi_id = ANY (?)
                         UNION ALL
                         SELECT b.observed_at, x.applied_seq FROM reading_correction x
                         JOIN reading b ON b.batch_id = x.batch_id
                         WHERE x.status = 'APPLIED' AND x.observed_at IS NULL
                           AND b.asset_id = ? AND b.kpi_id = ANY (?)) r
                   GROUP BY 1) x ON x.period_start = p.period_start
        LEFT JOIN kpi_period_close c
          ON c.asset_id = ? AND c.kpi_id = ? AND c.period_kind = ?
         AND c.period_start = p.period_start%2$s
        WHERE c.max_batch_id IS NULL OR p.max_batch > c.max_batch_id
           OR coalesce(x.max_correction, 0) > c.max_correction_seq
        ORDER BY p.period_start
        """
            .formatted(
                periodStart,
                kind == PeriodKind.HOUR ? " AT TIME ZONE 'UTC'" : "",
                UNDECIDED_RESUBMISSION);
    List<DuePeriod> due = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      int i = 1;
      for (int part = 0; part < 2; part++) {
        if (kind == PeriodKind.HOUR) {
          select.setString(i++, zone.getId());
          select.setString(i++, zone.getId());
        } else {
          select.setString(i++, kind.name().toLowerCase(Locale.ROOT));
          select.setString(i++, zone.getId());
          select.setString(i++, zone.getId());
        }
        // The readings' own, then the corrections' (by the reading, then by the whole batch).
        for (int source = 0; source < (part == 0 ? 1 : 2); source++) {
          select.setString(i++, assetId);
          select.setArray(i++, connection.createArrayOf("varchar", readingKpis.toArray()));
        }
      }
      select.setString(i++, assetId);
      select.setString(i++, kpiId);
      select.setString(i, kind.name());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          Instant start =
              kind == PeriodKind.HOUR
                  ? rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC)
                  : rs.getObject(1, OffsetDateTime.class).toInstant();
          PeriodWindow window = kind.containing(start, zone);
          if (window.end().isAfter(endedBy)) {
            continue;
          }
          int lastRevision = rs.getInt(4);
          due.add(
              new DuePeriod(
                  window,
                  lastRevision + 1,
                  rs.getLong(2),
                  rs.getLong(3),
                  rs.getLong(5),
                  rs.getLong(6)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot find due periods of " + assetId + "/" + kpiId, e);
    }
    return due;
  }

  /**
   * The period's readings up to the due period's newest batch, with their flags and the digests of
   * their batches, as the corrections in effect up to the due period's latest one make them count:
   * the latest of them decides by {@link ReadingAction#applied}, so a voided or held reading is
   * left out and a superseded one counts with its corrected value. Readings and corrections
   * committed after {@link #due} looked are left for the next revision, so the revision recorded
   * matches what it is noted against.
   */
  public List<PeriodReading> readings(String assetId, String kpiId, DuePeriod period) {
    return readings(assetId, List.of(kpiId), period).get(kpiId);
  }

  /**
   * The period's readings of each of {@code kpiIds}, as {@link #readings(String, String,
   * DuePeriod)} selects them.
   *
   * @return KPI id → its readings, with an entry, possibly empty, for every KPI asked for
   */
  public Map<String, List<PeriodReading>> readings(
      String assetId, List<String> kpiIds, DuePeriod period) {
    PeriodWindow window = period.window();
    String sql =
        """
        SELECT r.source, r.sensor_id, r.observed_at, r.asset_id, r.kpi_id, r.value, r.unit,
               r.original_value, r.original_unit, array_to_string(r.flags, ','), b.digest,
               x.action, x.value
        FROM reading r JOIN reading_batch b ON b.batch_id = r.batch_id
        LEFT JOIN LATERAL (
          SELECT u.action, u.value FROM (
            SELECT c.action, c.value, c.applied_seq FROM reading_correction c
            WHERE c.status = 'APPLIED' AND c.observed_at = r.observed_at
              AND c.source = r.source AND c.sensor_id = r.sensor_id AND c.applied_seq <= ?
            UNION ALL
            SELECT c.action, c.value, c.applied_seq FROM reading_correction c
            WHERE c.status = 'APPLIED' AND c.observed_at IS NULL AND c.batch_id = r.batch_id
              AND c.applied_seq <= ?) u
          ORDER BY u.applied_seq DESC LIMIT 1) x ON true
        WHERE r.asset_id = ? AND r.kpi_id = ANY (?) AND r.observed_at >= ? AND r.observed_at < ?
          AND r.batch_id <= ?
          AND NOT EXISTS (%s)
        """
            .formatted(UNDECIDED_RESUBMISSION);
    Map<String, List<PeriodReading>> readings = new HashMap<>();
    kpiIds.forEach(kpi -> readings.put(kpi, new ArrayList<>()));
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, period.maxCorrectionSeq());
      select.setLong(2, period.maxCorrectionSeq());
      select.setString(3, assetId);
      select.setArray(4, connection.createArrayOf("varchar", kpiIds.toArray()));
      select.setTimestamp(5, Timestamp.from(window.start()));
      select.setTimestamp(6, Timestamp.from(window.end()));
      select.setLong(7, period.maxBatchId());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          Reading stored = ReadingStore.reading(rs);
          String action = rs.getString(12);
          Optional<Reading> counted =
              action == null
                  ? Optional.of(stored)
                  : ReadingAction.valueOf(action)
                      .applied(stored, Optional.ofNullable(rs.getBigDecimal(13)));
          if (counted.isPresent()) {
            readings
                .get(stored.kpiId())
                .add(
                    new PeriodReading(
                        counted.get(),
                        ReadingStore.flags(rs.getString(10)),
                        HexFormat.of().formatHex(rs.getBytes(11))));
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read period " + window.label(), e);
    }
    return readings;
  }

  /**
   * Why a period is closed again: each correction that took effect on its readings since its last
   * revision, as {@code correction <id> by <user>: <reason>}, and {@code late readings} when newer
   * batches arrived; joined by {@code "; "}. Empty for a first close.
   */
  public Optional<String> cause(String assetId, List<String> readingKpis, DuePeriod period) {
    if (period.revision() == 1) {
      return Optional.empty();
    }
    PeriodWindow window = period.window();
    String sql =
        """
        SELECT DISTINCT c.applied_seq, c.correction_id, c.requested_by, c.reason
        FROM reading_correction c JOIN reading r ON r.batch_id = c.batch_id
         AND (c.observed_at IS NULL OR (c.source = r.source AND c.sensor_id = r.sensor_id
                                        AND c.observed_at = r.observed_at))
        WHERE c.status = 'APPLIED' AND c.applied_seq > ? AND c.applied_seq <= ?
          AND r.asset_id = ? AND r.kpi_id = ANY (?) AND r.observed_at >= ? AND r.observed_at < ?
        ORDER BY c.applied_seq
        """;
    List<String> causes = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, period.previousCorrectionSeq());
      select.setLong(2, period.maxCorrectionSeq());
      select.setString(3, assetId);
      select.setArray(4, connection.createArrayOf("varchar", readingKpis.toArray()));
      select.setTimestamp(5, Timestamp.from(window.start()));
      select.setTimestamp(6, Timestamp.from(window.end()));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          causes.add(CorrectionRecord.cause(rs.getLong(2), rs.getString(3), rs.getString(4)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot find why " + window.label() + " is due", e);
    }
    if (period.maxBatchId() > period.previousBatchId()) {
      causes.add("late readings");
    }
    return causes.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", causes));
  }

  /**
   * The values of a KPI's readings observed in {@code [from, to)}, the most recent {@code limit} of
   * them: the recent distribution a new reading is judged against. Corrections are not applied,
   * since the judgement is robust to the few outliers they concern.
   */
  public List<BigDecimal> recentValues(
      String assetId, String kpiId, Instant from, Instant to, int limit) {
    String sql =
        "SELECT value FROM reading WHERE asset_id = ? AND kpi_id = ? AND observed_at >= ?"
            + " AND observed_at < ? ORDER BY observed_at DESC LIMIT ?";
    List<BigDecimal> values = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, assetId);
      select.setString(2, kpiId);
      select.setTimestamp(3, Timestamp.from(from));
      select.setTimestamp(4, Timestamp.from(to));
      select.setInt(5, limit);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          values.add(rs.getBigDecimal(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read recent values of " + assetId + "/" + kpiId, e);
    }
    return values;
  }

  /** Records that {@code period} was closed under its revision. */
  public void closed(String assetId, String kpiId, DuePeriod period, Instant at) {
    String sql =
        """
        INSERT INTO kpi_period_close (asset_id, kpi_id, period_kind, period_start, revision,
                                      max_batch_id, max_correction_seq, closed_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (asset_id, kpi_id, period_kind, period_start)
        DO UPDATE SET revision = EXCLUDED.revision, max_batch_id = EXCLUDED.max_batch_id,
                      max_correction_seq = EXCLUDED.max_correction_seq,
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
      upsert.setLong(7, period.maxCorrectionSeq());
      upsert.setTimestamp(8, Timestamp.from(at));
      upsert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot record close of " + period.window().label(), e);
    }
  }
}
