package io.twinledger.twin.correction;

import io.twinledger.twin.period.PeriodKind;
import io.twinledger.twin.period.PeriodWindow;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The twin adapter's record of corrections: what period closes read readings through, and what
 * operators list. The stored readings themselves never change.
 *
 * <p>Convention: the latest applied correction of a reading decides how it counts, whether it names
 * the reading or its whole batch; "latest" is the order in which corrections took effect, not the
 * order of their requests, so a correction approved later wins over one applied at once in between.
 */
public final class CorrectionBook {

  /**
   * No period is longer than a quarter, so a period holding an instant starts at most this early.
   */
  private static final Duration LONGEST_PERIOD = Duration.ofDays(93);

  private static final String COLUMNS =
      "correction_id, action, status, batch_id, source, sensor_id, observed_at, asset_id, kpi_id,"
          + " value, reason, requested_by, requested_at, closed_periods, decided_by, decided_at,"
          + " decision_reason, quarantine_id";

  private final DataSource dataSource;

  public CorrectionBook(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Draws the number of a new correction. */
  public long nextId() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT nextval('reading_correction_id')");
        ResultSet rs = select.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot draw a correction number", e);
    }
  }

  /** The stored reading with this key, with its batch; empty when none is stored. */
  public Optional<TargetReading> reading(String source, String sensorId, Instant observedAt) {
    String sql =
        """
        SELECT r.asset_id, r.kpi_id, r.value, r.unit, r.batch_id, b.digest
        FROM reading r JOIN reading_batch b ON b.batch_id = r.batch_id
        WHERE r.source = ? AND r.sensor_id = ? AND r.observed_at = ?
        """;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, source);
      select.setString(2, sensorId);
      select.setTimestamp(3, Timestamp.from(observedAt));
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new TargetReading(
                source,
                sensorId,
                observedAt,
                rs.getString(1),
                rs.getString(2),
                rs.getBigDecimal(3),
                rs.getString(4),
                rs.getLong(5),
                HexFormat.of().formatHex(rs.getBytes(6))));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot find reading " + sensorId + " at " + observedAt, e);
    }
  }

  /** The stored batch with this id and the assets its readings feed; empty when none is stored. */
  public Optional<TargetBatch> batch(long batchId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement batch =
            connection.prepareStatement(
                "SELECT digest, reading_count FROM reading_batch WHERE batch_id = ?");
        PreparedStatement spans =
            connection.prepareStatement(
                "SELECT asset_id, min(observed_at), max(observed_at) FROM reading"
                    + " WHERE batch_id = ? GROUP BY asset_id ORDER BY asset_id")) {
      batch.setLong(1, batchId);
      String digest;
      int count;
      try (ResultSet rs = batch.executeQuery()) {
        if (!rs.next() || rs.getBytes(1) == null) {
          return Optional.empty();
        }
        digest = HexFormat.of().formatHex(rs.getBytes(1));
        count = rs.getInt(2);
      }
      spans.setLong(1, batchId);
      List<TargetBatch.Span> assets = new ArrayList<>();
      try (ResultSet rs = spans.executeQuery()) {
        while (rs.next()) {
          assets.add(
              new TargetBatch.Span(
                  rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant()));
        }
      }
      return Optional.of(new TargetBatch(batchId, digest, count, assets));
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot find batch " + batchId, e);
    }
  }

  /**
   * The periods already closed that a correction of the readings in {@code spans} would change, as
   * labels such as {@code system-input-volume MONTH 2026-11}, sorted: those closed since batch
   * {@code usedBatch} arrived, since one closed before did not use it. For readings that no period
   * has used yet (a resubmission's), {@code usedBatch} 0 lists every closed period they fall in.
   *
   * @param zones the time zone of each asset, in which its periods were cut
   */
  public List<String> closedPeriods(
      long usedBatch, List<TargetBatch.Span> spans, Function<String, ZoneId> zones) {
    String sql =
        """
        SELECT kpi_id, period_kind, period_start FROM kpi_period_close
        WHERE asset_id = ? AND max_batch_id >= ? AND period_start > ? AND period_start <= ?
        """;
    TreeSet<String> labels = new TreeSet<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      for (TargetBatch.Span span : spans) {
        ZoneId zone = zones.apply(span.assetId());
        select.setString(1, span.assetId());
        select.setLong(2, usedBatch);
        select.setTimestamp(3, Timestamp.from(span.first().minus(LONGEST_PERIOD)));
        select.setTimestamp(4, Timestamp.from(span.last()));
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            PeriodWindow window =
                PeriodKind.valueOf(rs.getString(2))
                    .containing(rs.getTimestamp(3).toInstant(), zone);
            if (window.end().isAfter(span.first())) {
              labels.add(rs.getString(1) + " " + window.kind() + " " + window.label());
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot find the closed periods of " + spans, e);
    }
    return List.copyOf(labels);
  }

  /**
   * Keeps a recorded correction; applied at once unless it waits for a decision. Recording the same
   * correction again changes nothing, so a redelivered event is harmless.
   */
  public void recorded(CorrectionRecord correction) {
    String sql =
        "INSERT INTO reading_correction ("
            + COLUMNS
            + ", applied_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, "
            + (correction.status() == CorrectionStatus.APPLIED
                ? "nextval('reading_correction_applied')"
                : "NULL")
            + ") ON CONFLICT (correction_id) DO NOTHING";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(sql)) {
      insert.setLong(1, correction.correctionId());
      insert.setString(2, correction.action().name());
      insert.setString(3, correction.status().name());
      insert.setLong(4, correction.batchId());
      Optional<TargetReading> reading = correction.reading();
      insert.setString(5, reading.map(TargetReading::source).orElse(null));
      insert.setString(6, reading.map(TargetReading::sensorId).orElse(null));
      insert.setTimestamp(7, reading.map(r -> Timestamp.from(r.observedAt())).orElse(null));
      insert.setString(8, reading.map(TargetReading::assetId).orElse(null));
      insert.setString(9, reading.map(TargetReading::kpiId).orElse(null));
      if (correction.value().isPresent()) {
        insert.setBigDecimal(10, correction.value().get());
      } else {
        insert.setNull(10, Types.NUMERIC);
      }
      insert.setString(11, correction.reason());
      insert.setString(12, correction.requestedBy());
      insert.setTimestamp(13, Timestamp.from(correction.requestedAt()));
      insert.setArray(14, connection.createArrayOf("text", correction.closedPeriods().toArray()));
      insert.setObject(15, correction.quarantineId().orElse(null), Types.BIGINT);
      if (insert.executeUpdate() == 1 && correction.quarantineId().isPresent()) {
        try (PreparedStatement resubmitted =
            connection.prepareStatement(
                "UPDATE reading_quarantine SET resubmitted_by_correction = ?"
                    + " WHERE quarantine_id = ?")) {
          resubmitted.setLong(1, correction.correctionId());
          resubmitted.setLong(2, correction.quarantineId().get());
          resubmitted.executeUpdate();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot record correction " + correction.correctionId(), e);
    }
  }

  /**
   * Records the decision on a waiting correction: approved ones take effect now. A correction no
   * longer waiting is left as it is, so a redelivered decision is harmless.
   */
  public void decided(
      long correctionId, String decidedBy, boolean approved, Optional<String> reason, Instant at) {
    String sql =
        "UPDATE reading_correction SET status = ?, decided_by = ?, decided_at = ?,"
            + " decision_reason = ?, applied_seq = "
            + (approved ? "nextval('reading_correction_applied')" : "NULL")
            + " WHERE correction_id = ? AND status = 'WAITING'";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(sql)) {
      update.setString(1, (approved ? CorrectionStatus.APPLIED : CorrectionStatus.REJECTED).name());
      update.setString(2, decidedBy);
      update.setTimestamp(3, Timestamp.from(at));
      update.setString(4, reason.orElse(null));
      update.setLong(5, correctionId);
      update.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot record the decision on " + correctionId, e);
    }
  }

  /** One correction; empty when none has that number. */
  public Optional<CorrectionRecord> find(long correctionId) {
    List<CorrectionRecord> found = select(" WHERE c.correction_id = ?", List.of(correctionId), 1);
    return found.stream().findFirst();
  }

  /**
   * Corrections newest first, at most {@code limit}: all, or those of one status. With {@code
   * HELD}, the readings the spike rule holds that no later correction has dealt with.
   */
  public List<CorrectionRecord> list(
      Optional<CorrectionStatus> status, boolean heldOnly, int limit) {
    StringBuilder where = new StringBuilder(" WHERE true");
    List<Object> args = new ArrayList<>();
    status.ifPresent(
        s -> {
          where.append(" AND c.status = ?");
          args.add(s.name());
        });
    if (heldOnly) {
      where.append(
          " AND c.action = 'HOLD' AND c.status = 'APPLIED' AND NOT EXISTS (SELECT 1 FROM"
              + " reading_correction later WHERE later.correction_id > c.correction_id"
              + " AND later.status <> 'REJECTED' AND later.batch_id = c.batch_id"
              + " AND (later.observed_at IS NULL OR (later.source = c.source"
              + " AND later.sensor_id = c.sensor_id AND later.observed_at = c.observed_at)))");
    }
    return select(where.toString(), args, limit);
  }

  /** The newest correction in effect on a reading, if any: what decides how it counts now. */
  public Optional<CorrectionRecord> inEffect(TargetReading reading) {
    List<CorrectionRecord> found =
        select(
            " WHERE c.status = 'APPLIED' AND c.batch_id = ? AND (c.observed_at IS NULL OR"
                + " (c.source = ? AND c.sensor_id = ? AND c.observed_at = ?))"
                + " ORDER BY c.applied_seq DESC",
            List.of(
                reading.batchId(),
                reading.source(),
                reading.sensorId(),
                Timestamp.from(reading.observedAt())),
            1);
    return found.stream().findFirst();
  }

  /**
   * The numbers of the corrections in effect by {@code by} on readings of {@code assetId} observed
   * in {@code [from, to)}, of the KPIs the readings of {@code periodBatches} feed, or on whole
   * batches holding such readings, in the order they took effect: what a period closed at {@code
   * by} from those batches read its readings through. A voided reading's batch need not be among
   * the period's batches.
   */
  public List<Long> inEffectBy(
      String assetId, Collection<Long> periodBatches, Instant from, Instant to, Instant by) {
    String sql =
        """
        WITH kpis AS (SELECT DISTINCT kpi_id FROM reading
                      WHERE batch_id = ANY (?) AND asset_id = ?)
        SELECT c.correction_id FROM reading_correction c
        WHERE c.status = 'APPLIED' AND coalesce(c.decided_at, c.requested_at) <= ?
          AND ((c.observed_at IS NOT NULL AND c.asset_id = ?
                AND c.kpi_id IN (SELECT kpi_id FROM kpis)
                AND c.observed_at >= ? AND c.observed_at < ?)
            OR (c.observed_at IS NULL AND EXISTS (
                  SELECT 1 FROM reading r WHERE r.batch_id = c.batch_id AND r.asset_id = ?
                     AND r.kpi_id IN (SELECT kpi_id FROM kpis)
                     AND r.observed_at >= ? AND r.observed_at < ?)))
        ORDER BY c.applied_seq
        """;
    List<Long> ids = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setArray(1, connection.createArrayOf("bigint", periodBatches.toArray()));
      select.setString(2, assetId);
      select.setTimestamp(3, Timestamp.from(by));
      select.setString(4, assetId);
      select.setTimestamp(5, Timestamp.from(from));
      select.setTimestamp(6, Timestamp.from(to));
      select.setString(7, assetId);
      select.setTimestamp(8, Timestamp.from(from));
      select.setTimestamp(9, Timestamp.from(to));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot find the corrections behind a period", e);
    }
    return ids;
  }

  private List<CorrectionRecord> select(String where, List<Object> args, int limit) {
    String sql =
        "SELECT c.correction_id, c.action, c.status, c.batch_id, c.source, c.sensor_id,"
            + " c.observed_at, c.asset_id, c.kpi_id, c.value, c.reason, c.requested_by,"
            + " c.requested_at, c.decided_by, c.decided_at, c.decision_reason, r.value, r.unit,"
            + " b.digest, c.closed_periods, c.quarantine_id FROM reading_correction c"
            + " JOIN reading_batch b ON b.batch_id = c.batch_id"
            + " LEFT JOIN reading r ON r.source = c.source AND r.sensor_id = c.sensor_id"
            + " AND r.observed_at = c.observed_at"
            + where
            + (where.contains("ORDER BY") ? "" : " ORDER BY c.correction_id DESC")
            + " LIMIT ?";
    List<CorrectionRecord> found = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      int i = 1;
      for (Object arg : args) {
        select.setObject(i++, arg);
      }
      select.setInt(i, limit);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          found.add(record(rs));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot list corrections", e);
    }
    return found;
  }

  private static CorrectionRecord record(ResultSet rs) throws SQLException {
    String digest = HexFormat.of().formatHex(rs.getBytes(19));
    Optional<TargetReading> reading =
        rs.getString(5) == null
            ? Optional.empty()
            : Optional.of(
                new TargetReading(
                    rs.getString(5),
                    rs.getString(6),
                    rs.getTimestamp(7).toInstant(),
                    rs.getString(8),
                    rs.getString(9),
                    rs.getBigDecimal(17),
                    rs.getString(18),
                    rs.getLong(4),
                    digest));
    BigDecimal value = rs.getBigDecimal(10);
    Timestamp decidedAt = rs.getTimestamp(15);
    return new CorrectionRecord(
        rs.getLong(1),
        ReadingAction.valueOf(rs.getString(2)),
        CorrectionStatus.valueOf(rs.getString(3)),
        rs.getLong(4),
        digest,
        reading,
        Optional.ofNullable(value),
        rs.getString(11),
        rs.getString(12),
        rs.getTimestamp(13).toInstant(),
        List.of((String[]) rs.getArray(20).getArray()),
        Optional.ofNullable(rs.getString(14)),
        Optional.ofNullable(decidedAt).map(Timestamp::toInstant),
        Optional.ofNullable(rs.getString(16)),
        Optional.ofNullable(rs.getObject(21, Long.class)));
  }
}
