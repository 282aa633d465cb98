package io.twinledger.twin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What the stored batches and the quarantine say about ingestion: each source's recent volume and
 * when it was last heard from, and the reasons payloads were refused. Read from the tables the
 * {@link ReadingStore} writes, through their indexes by source, so the cost grows with the number
 * of sources and the recent rows, not with the years stored.
 */
public final class IngestionActivity {

  /** Sources listed at most, those heard from most recently first. */
  public static final int MAX_SOURCES = 100;

  /**
   * Every distinct source of a table, read by skipping along its index by source: one index probe
   * per source rather than a scan of the table.
   */
  private static final String DISTINCT_SOURCES =
      """
      %1$s AS (
          (SELECT source FROM %2$s ORDER BY source LIMIT 1)
          UNION ALL
          SELECT (SELECT t.source FROM %2$s t WHERE t.source > s.source ORDER BY t.source LIMIT 1)
          FROM %1$s s WHERE s.source IS NOT NULL)""";

  private static final String SOURCES =
      "WITH RECURSIVE "
          + DISTINCT_SOURCES.formatted("batch_sources", "reading_batch")
          + ", "
          + DISTINCT_SOURCES.formatted("quarantine_sources", "reading_quarantine")
          + """
          , sources AS (
              SELECT source FROM batch_sources WHERE source IS NOT NULL
              UNION SELECT source FROM quarantine_sources WHERE source IS NOT NULL)
          SELECT source, recent, hour, quarantined, last_batch, last_quarantined FROM (
              SELECT s.source,
                  (SELECT coalesce(sum(b.reading_count), 0) FROM reading_batch b
                      WHERE b.source = s.source AND b.received_at >= ?) AS recent,
                  (SELECT coalesce(sum(b.reading_count), 0) FROM reading_batch b
                      WHERE b.source = s.source AND b.received_at >= ?) AS hour,
                  (SELECT count(*) FROM reading_quarantine q
                      WHERE q.source = s.source AND q.received_at >= ?) AS quarantined,
                  (SELECT max(b.received_at) FROM reading_batch b
                      WHERE b.source = s.source) AS last_batch,
                  (SELECT max(q.received_at) FROM reading_quarantine q
                      WHERE q.source = s.source) AS last_quarantined
              FROM sources s) AS activity
          ORDER BY greatest(last_batch, last_quarantined) DESC, source
          LIMIT ?""";

  private static final String REASONS =
      """
      SELECT source, regexp_replace(reason, '^line [0-9]+: ', '') AS why, count(*),
          max(received_at)
      FROM reading_quarantine WHERE received_at >= ?
      GROUP BY source, why ORDER BY max(received_at) DESC, count(*) DESC, source, why LIMIT ?""";

  private final DataSource dataSource;

  public IngestionActivity(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Each source's activity, the most recently heard from first, at most {@value #MAX_SOURCES}.
   *
   * @param recentSince start of the short window ({@link SourceActivity#recentReadings})
   * @param hourSince start of the longer window ({@link SourceActivity#hourReadings})
   * @param quarantineSince start of the window refusals are counted in
   */
  public List<SourceActivity> sources(
      Instant recentSince, Instant hourSince, Instant quarantineSince) {
    List<SourceActivity> sources = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(SOURCES)) {
      select.setTimestamp(1, Timestamp.from(recentSince));
      select.setTimestamp(2, Timestamp.from(hourSince));
      select.setTimestamp(3, Timestamp.from(quarantineSince));
      select.setInt(4, MAX_SOURCES);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          sources.add(
              new SourceActivity(
                  rs.getString(1),
                  rs.getLong(2),
                  rs.getLong(3),
                  rs.getLong(4),
                  instant(rs.getTimestamp(5)),
                  instant(rs.getTimestamp(6))));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the ingestion activity", e);
    }
    return sources;
  }

  /**
   * The reasons of refusals received since {@code since}, at most {@code limit}, the most recently
   * seen first (what is going wrong now), then the commonest.
   */
  public List<QuarantineReason> quarantineReasons(Instant since, int limit) {
    List<QuarantineReason> reasons = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(REASONS)) {
      select.setTimestamp(1, Timestamp.from(since));
      select.setInt(2, limit);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          reasons.add(
              new QuarantineReason(
                  rs.getString(1), rs.getString(2), rs.getLong(3), rs.getTimestamp(4).toInstant()));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot count the quarantine's reasons", e);
    }
    return reasons;
  }

  private static Optional<Instant> instant(Timestamp timestamp) {
    return Optional.ofNullable(timestamp).map(Timestamp::toInstant);
  }
}
