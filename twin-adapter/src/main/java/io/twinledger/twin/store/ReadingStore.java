package io.twinledger.twin.store;

import io.twinledger.twin.reading.AssessedReading;
import io.twinledger.twin.reading.BatchDigestListener;
import io.twinledger.twin.reading.QualityFlag;
import io.twinledger.twin.reading.Reading;
import io.twinledger.twin.reading.ReadingBatch;
import io.twinledger.twin.reading.ReadingKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Stores readings in PostgreSQL in batches, exactly once per (source, sensor, observedAt).
 *
 * <p>A batch is written in one transaction: the batch row, then the readings streamed with {@code
 * COPY} straight into the partitioned {@code reading} table, then the commit. If one of them is
 * stored already, that COPY fails as a whole; the transaction is rolled back and the batch is
 * written again through a temporary table into {@code reading} with {@code ON CONFLICT DO NOTHING}.
 * The readings that were new form the stored {@link ReadingBatch}, whose digest is saved with the
 * batch and handed to the {@link BatchDigestListener} after commit. Resending a batch therefore
 * stores nothing and creates no batch. Monthly partitions are created, under an advisory lock,
 * before the transaction that fills them.
 */
public final class ReadingStore {

  private static final long PARTITION_LOCK = 0x7477696e4c656467L;
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String DEADLOCK = "40P01";
  private static final int DEADLOCK_ATTEMPTS = 3;

  private static final String READING_COLUMNS =
      "reading (source, sensor_id, observed_at, asset_id, kpi_id, value, unit, original_value,"
          + " original_unit, flags, batch_id)";

  private final DataSource dataSource;
  private final BatchDigestListener listener;

  /** Months whose partition is known to exist; the store creates partitions and never drops one. */
  private final Set<LocalDate> partitions = ConcurrentHashMap.newKeySet();

  public ReadingStore(DataSource dataSource, BatchDigestListener listener) {
    this.dataSource = dataSource;
    this.listener = listener;
  }

  /** Stores the readings that are new and reports which were duplicates. */
  public StoredBatch store(String source, List<AssessedReading> readings, Instant receivedAt) {
    return prepare(source, readings, receivedAt).store();
  }

  /**
   * Does the work of {@link #store} that needs no database: puts the readings in canonical order,
   * sets aside repeated keys (the first reading of a key wins) and digests them as the batch they
   * form if none is stored yet, the usual case. A caller can prepare one batch on one thread while
   * another thread stores the previous one; batches are stored in the order {@link
   * Prepared#store()} is called.
   */
  public Prepared prepare(String source, List<AssessedReading> readings, Instant receivedAt) {
    List<AssessedReading> ordered = new ArrayList<>(readings);
    // A stable sort: of readings sharing a key, the one that came first stays first and wins.
    ordered.sort(Comparator.comparing(AssessedReading::reading, ReadingBatch.CANONICAL_ORDER));
    List<AssessedReading> canonical = new ArrayList<>(ordered.size());
    List<ReadingKey> repeated = new ArrayList<>();
    for (AssessedReading assessed : ordered) {
      if (!canonical.isEmpty()
          && ReadingBatch.CANONICAL_ORDER.compare(canonical.getLast().reading(), assessed.reading())
              == 0) {
        repeated.add(assessed.reading().key());
      } else {
        canonical.add(assessed);
      }
    }
    Optional<ReadingBatch> ifAllNew =
        canonical.isEmpty() ? Optional.empty() : Optional.of(ReadingBatch.of(canonical));
    return new Prepared(
        source,
        receivedAt,
        canonical,
        repeated.isEmpty() ? List.copyOf(readings) : inArrivalOrder(readings, canonical),
        repeated,
        ifAllNew);
  }

  /**
   * The kept readings in the order they came. PostgreSQL maintains the index by KPI and time with
   * less work when rows arrive roughly in time order, as files and live feeds send them, than in
   * canonical order, which goes through the same hours once per sensor.
   */
  private static List<AssessedReading> inArrivalOrder(
      List<AssessedReading> readings, List<AssessedReading> kept) {
    Set<AssessedReading> left = Collections.newSetFromMap(new IdentityHashMap<>());
    left.addAll(kept);
    List<AssessedReading> arrival = new ArrayList<>(kept.size());
    for (AssessedReading assessed : readings) {
      if (left.remove(assessed)) {
        arrival.add(assessed);
      }
    }
    return arrival;
  }

  /** Readings ready to store, from {@link #prepare}. */
  public final class Prepared {
    private final String source;
    private final Instant receivedAt;
    private final List<AssessedReading> canonical;
    private final List<AssessedReading> arrival;
    private final List<ReadingKey> repeated;
    private final Optional<ReadingBatch> ifAllNew;

    private Prepared(
        String source,
        Instant receivedAt,
        List<AssessedReading> canonical,
        List<AssessedReading> arrival,
        List<ReadingKey> repeated,
        Optional<ReadingBatch> ifAllNew) {
      this.source = source;
      this.receivedAt = receivedAt;
      this.canonical = canonical;
      this.arrival = arrival;
      this.repeated = repeated;
      this.ifAllNew = ifAllNew;
    }

    /**
     * Stores the readings that are new, in one transaction, and reports which were duplicates.
     *
     * <p>Batches stored at the same time that share readings in opposite orders wait for each
     * other's keys; PostgreSQL breaks the deadlock by aborting one of them, which is then stored
     * again and finds the other's readings stored.
     */
    public StoredBatch store() {
      if (canonical.isEmpty()) {
        return new StoredBatch(Optional.empty(), Optional.empty(), repeated);
      }
      for (int attempt = 1; ; attempt++) {
        try {
          return storeOnce();
        } catch (SQLException e) {
          // A partition dropped behind the store's back is looked up again on the next attempt.
          partitions.clear();
          if (!DEADLOCK.equals(e.getSQLState()) || attempt == DEADLOCK_ATTEMPTS) {
            throw new IllegalStateException("Cannot store " + canonical.size() + " readings", e);
          }
        }
      }
    }

    private StoredBatch storeOnce() throws SQLException {
      try (Connection connection = dataSource.getConnection()) {
        ensurePartitions(connection, arrival);
        connection.setAutoCommit(false);
        try {
          Optional<StoredBatch> allNew = copyAll(connection);
          return allNew.isPresent() ? allNew.get() : copyNew(connection);
        } catch (SQLException | RuntimeException e) {
          connection.rollback();
          throw e;
        }
      }
    }

    /**
     * The common case of a first import or a live stream: the batch row with its digest, then a
     * COPY straight into {@code reading}, then the commit. If any reading is stored already,
     * PostgreSQL refuses the whole COPY with a unique violation; the transaction is rolled back and
     * the answer is empty. Rolling back costs the rare batch a second transaction, and spares every
     * batch the round trips of a savepoint.
     */
    private Optional<StoredBatch> copyAll(Connection connection) throws SQLException {
      ReadingBatch batch = ifAllNew.orElseThrow();
      long batchId = newBatch(connection, source, receivedAt, Optional.of(batch));
      try {
        CopyCsv.copy(connection, READING_COLUMNS, arrival, Optional.of(batchId));
      } catch (SQLException e) {
        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw e;
        }
        connection.rollback();
        return Optional.empty();
      }
      connection.commit();
      listener.batchStored(batchId, batch);
      return Optional.of(new StoredBatch(Optional.of(batchId), Optional.of(batch), repeated));
    }

    /**
     * The slower way for a batch of which some readings are stored already: into a staging table,
     * then only the new rows into {@code reading}; the batch is digested again from those.
     */
    private StoredBatch copyNew(Connection connection) throws SQLException {
      long batchId = newBatch(connection, source, receivedAt, Optional.empty());
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            """
            CREATE TEMP TABLE IF NOT EXISTS reading_staging (
                source text, sensor_id text, observed_at timestamptz, asset_id text, kpi_id text,
                value numeric, unit text, original_value numeric, original_unit text, flags text[]
            ) ON COMMIT DELETE ROWS""");
      }
      CopyCsv.copy(
          connection,
          "reading_staging (source, sensor_id, observed_at, asset_id, kpi_id, value, unit,"
              + " original_value, original_unit, flags)",
          arrival,
          Optional.empty());
      Set<ReadingKey> inserted = moveNew(connection, batchId);
      List<ReadingKey> duplicates = new ArrayList<>(repeated);
      List<AssessedReading> stored = new ArrayList<>();
      for (AssessedReading assessed : canonical) {
        if (inserted.contains(assessed.reading().key())) {
          stored.add(assessed);
        } else {
          duplicates.add(assessed.reading().key());
        }
      }
      if (stored.isEmpty()) {
        connection.rollback();
        return new StoredBatch(Optional.empty(), Optional.empty(), duplicates);
      }
      ReadingBatch batch = ReadingBatch.of(stored);
      finishBatch(connection, batchId, batch);
      connection.commit();
      listener.batchStored(batchId, batch);
      return new StoredBatch(Optional.of(batchId), Optional.of(batch), duplicates);
    }
  }

  /** Keeps refused payloads, with their reasons, in the quarantine table. */
  public void quarantine(List<QuarantinedPayload> payloads) {
    if (payloads.isEmpty()) {
      return;
    }
    String sql =
        "INSERT INTO reading_quarantine (source, received_at, reason, raw_payload)"
            + " VALUES (?, ?, ?, ?)";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(sql)) {
      for (QuarantinedPayload payload : payloads) {
        insert.setString(1, storable(payload.source()));
        insert.setTimestamp(2, Timestamp.from(payload.receivedAt()));
        insert.setString(3, storable(payload.reason()));
        insert.setString(4, storable(payload.rawPayload()));
        insert.addBatch();
      }
      insert.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot quarantine " + payloads.size() + " payloads", e);
    }
  }

  /**
   * PostgreSQL text cannot hold NUL; it is written as a visible six-character escape, so the
   * quarantined payload still shows where it was.
   */
  private static String storable(String text) {
    return text.replace("\u0000", "\\u0000");
  }

  /**
   * The quoted identifier of a month's partition, such as {@code "reading_y2024m03"}. Built only
   * from a {@link YearMonth} of the years 1 to 9999, never from text a reading brought, so that the
   * name is always a plain identifier and the bounds a plain date.
   */
  static String partitionName(YearMonth month) {
    if (month.getYear() < 1 || month.getYear() > 9999) {
      throw new IllegalArgumentException("no partition for readings of " + month);
    }
    return String.format("\"reading_y%04dm%02d\"", month.getYear(), month.getMonthValue());
  }

  /**
   * Creates the monthly partitions the readings fall into, if they do not exist yet. Months seen to
   * exist are remembered, so that a batch of a known month costs no round trip.
   */
  private void ensurePartitions(Connection connection, List<AssessedReading> readings)
      throws SQLException {
    Set<LocalDate> months = new TreeSet<>();
    // Readings of one month mostly follow each other: look up a date only on leaving a month.
    long monthStart = 0;
    long monthEnd = 0;
    for (AssessedReading assessed : readings) {
      long second = assessed.reading().observedAt().getEpochSecond();
      if (second < monthStart || second >= monthEnd) {
        LocalDate month = LocalDate.ofEpochDay(Math.floorDiv(second, 86_400)).withDayOfMonth(1);
        if (!partitions.contains(month)) {
          months.add(month);
        }
        monthStart = month.toEpochSecond(LocalTime.MIDNIGHT, ZoneOffset.UTC);
        monthEnd = month.plusMonths(1).toEpochSecond(LocalTime.MIDNIGHT, ZoneOffset.UTC);
      }
    }
    if (months.isEmpty()) {
      return;
    }
    connection.setAutoCommit(true);
    try (Statement statement = connection.createStatement()) {
      for (LocalDate month : months) {
        String name = partitionName(YearMonth.from(month));
        try (PreparedStatement exists = connection.prepareStatement("SELECT to_regclass(?)")) {
          exists.setString(1, name);
          try (ResultSet rs = exists.executeQuery()) {
            rs.next();
            if (rs.getString(1) != null) {
              partitions.add(month);
              continue;
            }
          }
        }
        statement.execute("SELECT pg_advisory_lock(" + PARTITION_LOCK + ")");
        try {
          statement.execute(
              "CREATE TABLE IF NOT EXISTS "
                  + name
                  + " PARTITION OF reading FOR VALUES FROM ('"
                  + YearMonth.from(month).atDay(1)
                  + " 00:00:00+00') TO ('"
                  + YearMonth.from(month).plusMonths(1).atDay(1)
                  + " 00:00:00+00')");
        } finally {
          statement.execute("SELECT pg_advisory_unlock(" + PARTITION_LOCK + ")");
        }
        partitions.add(month);
      }
    }
  }

  /**
   * The batch row, with its digest and count when they are known before the readings are stored.
   */
  private static long newBatch(
      Connection connection, String source, Instant receivedAt, Optional<ReadingBatch> batch)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO reading_batch"
                + " (source, digest, reading_count, received_at, encoding_version)"
                + " VALUES (?, ?, ?, ?, ?) RETURNING batch_id")) {
      insert.setString(1, source);
      insert.setBytes(2, batch.map(ReadingBatch::digest).orElse(null));
      insert.setInt(3, batch.map(b -> b.readings().size()).orElse(0));
      insert.setTimestamp(4, Timestamp.from(receivedAt));
      // A batch digested later (copyNew) is digested with the current encoding too.
      insert.setInt(5, ReadingBatch.Encoding.CURRENT.version());
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static Set<ReadingKey> moveNew(Connection connection, long batchId) throws SQLException {
    Set<ReadingKey> inserted = new HashSet<>();
    try (PreparedStatement move =
        connection.prepareStatement(
            "INSERT INTO reading SELECT source, sensor_id, observed_at, asset_id, kpi_id, value,"
                + " unit, original_value, original_unit, flags, ? FROM reading_staging"
                + " ON CONFLICT DO NOTHING RETURNING source, sensor_id, observed_at")) {
      move.setLong(1, batchId);
      try (ResultSet rs = move.executeQuery()) {
        while (rs.next()) {
          inserted.add(
              new ReadingKey(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
        }
      }
    }
    return inserted;
  }

  private static void finishBatch(Connection connection, long batchId, ReadingBatch batch)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE reading_batch SET digest = ?, reading_count = ? WHERE batch_id = ?")) {
      update.setBytes(1, batch.digest());
      update.setInt(2, batch.readings().size());
      update.setLong(3, batchId);
      update.executeUpdate();
    }
  }

  /** Flags as {@code array_to_string(flags, ',')} reads them back. */
  static Set<QualityFlag> flags(String commaSeparated) {
    Set<QualityFlag> flags = EnumSet.noneOf(QualityFlag.class);
    for (String flag : commaSeparated.split(",")) {
      if (!flag.isEmpty()) {
        flags.add(QualityFlag.valueOf(flag));
      }
    }
    return flags;
  }

  /** Stored readings matching the query, oldest first. */
  public List<StoredReading> find(ReadingQuery query) {
    String sql =
        "SELECT source, sensor_id, observed_at, asset_id, kpi_id, value, unit, original_value,"
            + " original_unit, array_to_string(flags, ','), batch_id FROM reading"
            + " WHERE asset_id = ? AND observed_at >= ? AND observed_at < ?"
            + (query.kpiId().isPresent() ? " AND kpi_id = ?" : "")
            + (query.flag().isPresent() ? " AND ? = ANY(flags)" : "")
            + " ORDER BY observed_at, source, sensor_id LIMIT ?";
    List<StoredReading> found = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      int i = 1;
      select.setString(i++, query.assetId());
      select.setTimestamp(i++, Timestamp.from(query.from()));
      select.setTimestamp(i++, Timestamp.from(query.to()));
      if (query.kpiId().isPresent()) {
        select.setString(i++, query.kpiId().get());
      }
      if (query.flag().isPresent()) {
        select.setString(i++, query.flag().get().name());
      }
      select.setInt(i, query.limit());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          found.add(new StoredReading(reading(rs), flags(rs.getString(10)), rs.getLong(11)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot query readings of " + query.assetId(), e);
    }
    return found;
  }

  /**
   * The latest stored readings of an asset's KPIs, newest first, at most {@code limit}. Each KPI's
   * are read backwards along the index by asset, KPI and time, so the cost does not grow with the
   * history stored.
   */
  public List<StoredReading> latest(String assetId, List<String> kpiIds, int limit) {
    String sql =
        """
        SELECT r.* FROM unnest(?::text[]) AS k(kpi)
        CROSS JOIN LATERAL (
            SELECT source, sensor_id, observed_at, asset_id, kpi_id, value, unit, original_value,
                original_unit, array_to_string(flags, ',') AS flag_list, batch_id
            FROM reading WHERE asset_id = ? AND kpi_id = k.kpi
            ORDER BY observed_at DESC LIMIT ?) AS r
        ORDER BY r.observed_at DESC, r.kpi_id, r.source, r.sensor_id LIMIT ?""";
    List<StoredReading> found = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setArray(1, connection.createArrayOf("text", kpiIds.toArray()));
      select.setString(2, assetId);
      select.setInt(3, limit);
      select.setInt(4, limit);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          found.add(new StoredReading(reading(rs), flags(rs.getString(10)), rs.getLong(11)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the latest readings of " + assetId, e);
    }
    return found;
  }

  /** The most recent quarantined payloads, newest first. */
  public List<QuarantineEntry> quarantined(int limit) {
    return quarantine(" ORDER BY quarantine_id DESC LIMIT ?", limit);
  }

  /** One quarantined payload; empty when none has that id. */
  public Optional<QuarantineEntry> quarantineEntry(long id) {
    return quarantine(" WHERE quarantine_id = ?", id).stream().findFirst();
  }

  private List<QuarantineEntry> quarantine(String clause, long arg) {
    List<QuarantineEntry> entries = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT quarantine_id, source, received_at, reason, raw_payload,"
                    + " resubmitted_by_correction FROM reading_quarantine"
                    + clause)) {
      select.setLong(1, arg);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          entries.add(
              new QuarantineEntry(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getTimestamp(3).toInstant(),
                  rs.getString(4),
                  rs.getString(5),
                  Optional.ofNullable(rs.getObject(6, Long.class))));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot list quarantine", e);
    }
    return entries;
  }

  /**
   * The stored readings of one batch, with their flags and the batch's encoding, for evidence and
   * verification; empty when no batch has that id.
   */
  public Optional<BatchReadings> readingsOf(long batchId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement batch =
            connection.prepareStatement(
                "SELECT encoding_version FROM reading_batch WHERE batch_id = ?");
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT source, sensor_id, observed_at, asset_id, kpi_id, value, unit,"
                    + " original_value, original_unit, array_to_string(flags, ',') FROM reading"
                    + " WHERE batch_id = ?")) {
      batch.setLong(1, batchId);
      ReadingBatch.Encoding encoding;
      try (ResultSet rs = batch.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        int version = rs.getInt(1);
        encoding =
            ReadingBatch.Encoding.ofVersion(version)
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "batch " + batchId + " has unknown encoding version " + version));
      }
      select.setLong(1, batchId);
      List<AssessedReading> readings = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          readings.add(new AssessedReading(reading(rs), flags(rs.getString(10))));
        }
      }
      return Optional.of(new BatchReadings(batchId, encoding, readings));
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read batch " + batchId, e);
    }
  }

  /**
   * The ids of the stored batches above {@code after}, in order, at most {@code limit}: for
   * re-deriving each batch's digest from its readings as they are stored now.
   */
  public List<Long> batchIdsAfter(long after, int limit) {
    String sql = "SELECT batch_id FROM reading_batch WHERE batch_id > ? ORDER BY batch_id LIMIT ?";
    List<Long> ids = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, after);
      select.setInt(2, limit);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot list reading batches", e);
    }
    return ids;
  }

  /**
   * The ids of the batches with the given digests, for following a figure's evidence to the audit
   * log. A digest no stored batch has is left out.
   *
   * @param digestsHex lower-case hex SHA-256 digests, as KPI periods list them
   * @return batch id by digest
   */
  public Map<String, Long> batchIds(Collection<String> digestsHex) {
    Map<String, Long> ids = new TreeMap<>();
    if (digestsHex.isEmpty()) {
      return ids;
    }
    String sql =
        "SELECT encode(digest, 'hex'), batch_id FROM reading_batch"
            + " WHERE digest = ANY(SELECT decode(d, 'hex') FROM unnest(?) AS d)";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setArray(1, connection.createArrayOf("text", digestsHex.toArray()));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          ids.put(rs.getString(1), rs.getLong(2));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot look up reading batches by digest", e);
    }
    return ids;
  }

  /** The reading in the first nine columns of a row, in record order but observedAt third. */
  static Reading reading(ResultSet rs) throws SQLException {
    return new Reading(
        rs.getString(1),
        rs.getString(2),
        rs.getString(4),
        rs.getString(5),
        rs.getTimestamp(3).toInstant(),
        rs.getBigDecimal(6),
        rs.getString(7),
        rs.getBigDecimal(8),
        rs.getString(9));
  }
}
