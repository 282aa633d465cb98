package io.twinledger.ledger.peer.store;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.twinledger.ledger.peer.state.HistoryEntry;
import io.twinledger.ledger.peer.state.KeyHistory;
import io.twinledger.ledger.peer.state.PrivateWrite;
import io.twinledger.ledger.peer.state.PublicWrite;
import io.twinledger.ledger.peer.state.Version;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;

/**
 * The embedded peer's PostgreSQL tables (migration {@code V3_0__embedded_peer.sql}) for one
 * channel: blocks, transactions, world state, key history and private data.
 *
 * <p>Each block is appended in one database transaction with everything its commit changes, so the
 * stored ledger is always at a block boundary. Keys are stored as their UTF-8 bytes.
 */
public final class PeerStore implements KeyHistory {

  private static final int FETCH_SIZE = 256;

  private final DataSource dataSource;
  private final String channel;

  /** The tables of {@code channel} in {@code dataSource}. */
  public PeerStore(DataSource dataSource, String channel) {
    this.dataSource = dataSource;
    this.channel = channel;
  }

  /** The channel this store holds. */
  public String channel() {
    return channel;
  }

  /** Appends a validated block and applies its writes, atomically. */
  public void append(CommittedBlock committed) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        insertBlock(connection, committed);
        insertTransactions(connection, committed);
        applyWrites(connection, committed.writes());
        insertHistory(connection, committed.history());
        applyPrivateWrites(connection, committed.privateWrites());
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot store block " + committed.number() + " of channel " + channel, e);
    }
  }

  /** The stored block {@code number}. */
  public Optional<Block> block(long number) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT bytes FROM peer_block WHERE channel = ? AND number = ?")) {
      select.setString(1, channel);
      select.setLong(2, number);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(Block.parseFrom(rs.getBytes(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read block " + number, e);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("Stored block " + number + " cannot be parsed", e);
    }
  }

  @Override
  public List<HistoryEntry> of(String namespace, String key) {
    String sql =
        "SELECT tx_id, value, is_delete, tx_timestamp, block_number, tx_number"
            + " FROM peer_key_history WHERE channel = ? AND namespace = ? AND key = ?"
            + " ORDER BY block_number DESC, tx_number DESC";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, channel);
      select.setString(2, namespace);
      select.setBytes(3, utf8(key));
      List<HistoryEntry> entries = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          Optional<ByteString> value =
              rs.getBoolean(3)
                  ? Optional.empty()
                  : Optional.of(ByteString.copyFrom(rs.getBytes(2)));
          entries.add(
              new HistoryEntry(
                  rs.getString(1),
                  value,
                  rs.getTimestamp(4).toInstant(),
                  new Version(rs.getLong(5), rs.getInt(6))));
        }
      }
      return entries;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the history of " + namespace + "/" + key, e);
    }
  }

  /** Streams the stored blocks in number order. */
  void forEachBlock(BlockVisitor visitor) throws SQLException {
    String sql =
        "SELECT number, header_hash, previous_hash, data_hash, tx_count, bytes FROM peer_block"
            + " WHERE channel = ? ORDER BY number";
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        select.setFetchSize(FETCH_SIZE);
        select.setString(1, channel);
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            visitor.visit(
                new StoredBlock(
                    rs.getLong(1),
                    BlockHeader.newBuilder()
                        .setNumber(rs.getLong(1))
                        .setPreviousHash(ByteString.copyFrom(rs.getBytes(3)))
                        .setDataHash(ByteString.copyFrom(rs.getBytes(4)))
                        .build(),
                    ByteString.copyFrom(rs.getBytes(2)),
                    rs.getInt(5),
                    ByteString.copyFrom(rs.getBytes(6))));
          }
        }
      } finally {
        connection.rollback();
      }
    }
  }

  /** The stored transaction rows, keyed by "block:tx". */
  Map<String, TxRecord> transactions() throws SQLException {
    String sql =
        "SELECT block_number, tx_number, tx_id, validation_code FROM peer_transaction"
            + " WHERE channel = ? ORDER BY block_number, tx_number";
    Map<String, TxRecord> rows = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, channel);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          rows.put(
              rs.getLong(1) + ":" + rs.getInt(2),
              new TxRecord(
                  rs.getInt(2),
                  rs.getString(3),
                  org.hyperledger.fabric.protos.peer.TxValidationCode.forNumber(rs.getInt(4))));
        }
      }
    }
    return rows;
  }

  /** Streams the stored public world state. */
  void forEachStateRow(StateVisitor visitor) throws SQLException {
    String sql =
        "SELECT namespace, key, value, block_number, tx_number FROM peer_world_state"
            + " WHERE channel = ?";
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        select.setFetchSize(FETCH_SIZE * 16);
        select.setString(1, channel);
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            visitor.visit(
                rs.getString(1),
                new String(rs.getBytes(2), StandardCharsets.UTF_8),
                ByteString.copyFrom(rs.getBytes(3)),
                new Version(rs.getLong(4), rs.getInt(5)));
          }
        }
      } finally {
        connection.rollback();
      }
    }
  }

  /** Streams the stored private data. */
  void forEachPrivateRow(PrivateVisitor visitor) throws SQLException {
    String sql =
        "SELECT namespace, collection, key_hash, key, value, value_hash, block_number, tx_number"
            + " FROM peer_private_data WHERE channel = ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, channel);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          byte[] key = rs.getBytes(4);
          byte[] value = rs.getBytes(5);
          visitor.visit(
              rs.getString(1),
              rs.getString(2),
              ByteString.copyFrom(rs.getBytes(3)),
              Optional.ofNullable(key).map(k -> new String(k, StandardCharsets.UTF_8)),
              Optional.ofNullable(value).map(ByteString::copyFrom),
              ByteString.copyFrom(rs.getBytes(6)),
              new Version(rs.getLong(7), rs.getInt(8)));
        }
      }
    }
  }

  private void insertBlock(Connection connection, CommittedBlock committed) throws SQLException {
    String sql =
        "INSERT INTO peer_block (channel, number, header_hash, previous_hash, data_hash,"
            + " tx_count, bytes) VALUES (?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      BlockHeader header = committed.block().getHeader();
      insert.setString(1, channel);
      insert.setLong(2, header.getNumber());
      insert.setBytes(3, committed.headerHash().toByteArray());
      insert.setBytes(4, header.getPreviousHash().toByteArray());
      insert.setBytes(5, header.getDataHash().toByteArray());
      insert.setInt(6, committed.block().getData().getDataCount());
      insert.setBytes(7, committed.block().toByteArray());
      insert.executeUpdate();
    }
  }

  private void insertTransactions(Connection connection, CommittedBlock committed)
      throws SQLException {
    List<TxRecord> records = committed.transactions();
    Integer[] numbers = new Integer[records.size()];
    String[] ids = new String[records.size()];
    Short[] codes = new Short[records.size()];
    for (int i = 0; i < numbers.length; i++) {
      TxRecord tx = records.get(i);
      numbers[i] = tx.txNumber();
      ids[i] = tx.txId();
      codes[i] = (short) tx.code().getNumber();
    }
    String sql =
        "INSERT INTO peer_transaction (channel, block_number, tx_number, tx_id, validation_code)"
            + " SELECT ?, ?, * FROM unnest(?::int4[], ?::text[], ?::int2[])";
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      insert.setString(1, channel);
      insert.setLong(2, committed.number());
      insert.setArray(3, connection.createArrayOf("int4", numbers));
      insert.setArray(4, connection.createArrayOf("text", ids));
      insert.setArray(5, connection.createArrayOf("int2", codes));
      insert.executeUpdate();
    }
  }

  private void applyWrites(Connection connection, List<PublicWrite> writes) throws SQLException {
    Map<String, PublicWrite> last = new LinkedHashMap<>();
    for (PublicWrite write : writes) {
      last.put(write.namespace() + '\u0000' + write.key(), write);
    }
    List<PublicWrite> puts = new ArrayList<>();
    List<PublicWrite> deletes = new ArrayList<>();
    for (PublicWrite write : last.values()) {
      (write.value().isPresent() ? puts : deletes).add(write);
    }
    if (!puts.isEmpty()) {
      String upsert =
          "INSERT INTO peer_world_state (channel, namespace, key, value, block_number, tx_number)"
              + " SELECT ?, * FROM unnest(?::text[], ?::bytea[], ?::bytea[], ?::int8[], ?::int4[])"
              + " ON CONFLICT (channel, namespace, key) DO UPDATE SET"
              + " value = EXCLUDED.value, block_number = EXCLUDED.block_number,"
              + " tx_number = EXCLUDED.tx_number";
      try (PreparedStatement insert = connection.prepareStatement(upsert)) {
        insert.setString(1, channel);
        insert.setArray(2, array(connection, "text", puts, PublicWrite::namespace));
        insert.setArray(3, array(connection, "bytea", puts, w -> utf8(w.key())));
        insert.setArray(4, array(connection, "bytea", puts, w -> w.value().get().toByteArray()));
        insert.setArray(5, array(connection, "int8", puts, w -> w.version().blockNumber()));
        insert.setArray(6, array(connection, "int4", puts, w -> w.version().txNumber()));
        insert.executeUpdate();
      }
    }
    if (!deletes.isEmpty()) {
      String delete =
          "DELETE FROM peer_world_state WHERE channel = ? AND (namespace, key) IN"
              + " (SELECT * FROM unnest(?::text[], ?::bytea[]))";
      try (PreparedStatement remove = connection.prepareStatement(delete)) {
        remove.setString(1, channel);
        remove.setArray(2, array(connection, "text", deletes, PublicWrite::namespace));
        remove.setArray(3, array(connection, "bytea", deletes, w -> utf8(w.key())));
        remove.executeUpdate();
      }
    }
  }

  private void insertHistory(Connection connection, List<HistoryRecord> history)
      throws SQLException {
    if (history.isEmpty()) {
      return;
    }
    String sql =
        "INSERT INTO peer_key_history (channel, namespace, key, block_number, tx_number, tx_id,"
            + " value, is_delete, tx_timestamp) SELECT ?, * FROM unnest(?::text[], ?::bytea[],"
            + " ?::int8[], ?::int4[], ?::text[], ?::bytea[], ?::bool[], ?::timestamptz[])"
            + " ON CONFLICT DO NOTHING";
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      insert.setString(1, channel);
      insert.setArray(2, array(connection, "text", history, r -> r.write().namespace()));
      insert.setArray(3, array(connection, "bytea", history, r -> utf8(r.write().key())));
      insert.setArray(
          4, array(connection, "int8", history, r -> r.write().version().blockNumber()));
      insert.setArray(5, array(connection, "int4", history, r -> r.write().version().txNumber()));
      insert.setArray(6, array(connection, "text", history, HistoryRecord::txId));
      insert.setArray(
          7,
          array(
              connection,
              "bytea",
              history,
              r -> r.write().value().map(ByteString::toByteArray).orElse(null)));
      insert.setArray(8, array(connection, "bool", history, r -> r.write().value().isEmpty()));
      insert.setArray(
          9, array(connection, "timestamptz", history, r -> Timestamp.from(r.timestamp())));
      insert.executeUpdate();
    }
  }

  /**
   * One column of a set-based statement: a whole block's rows go to PostgreSQL as arrays in one
   * statement, which costs the server a fraction of one executed statement per row.
   */
  private static <T> Array array(
      Connection connection, String type, List<T> rows, Function<T, ?> column) throws SQLException {
    Object[] values =
        switch (type) {
          case "bytea" -> new byte[rows.size()][];
          case "text" -> new String[rows.size()];
          case "int8" -> new Long[rows.size()];
          case "int4" -> new Integer[rows.size()];
          case "bool" -> new Boolean[rows.size()];
          case "timestamptz" -> new Timestamp[rows.size()];
          default -> throw new IllegalArgumentException(type);
        };
    for (int i = 0; i < values.length; i++) {
      values[i] = column.apply(rows.get(i));
    }
    return connection.createArrayOf(type, values);
  }

  private void applyPrivateWrites(Connection connection, List<PrivateWrite> writes)
      throws SQLException {
    String upsert =
        "INSERT INTO peer_private_data (channel, namespace, collection, key_hash, key, value,"
            + " value_hash, block_number, tx_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (channel, namespace, collection, key_hash) DO UPDATE SET"
            + " key = EXCLUDED.key, value = EXCLUDED.value, value_hash = EXCLUDED.value_hash,"
            + " block_number = EXCLUDED.block_number, tx_number = EXCLUDED.tx_number";
    String delete =
        "DELETE FROM peer_private_data WHERE channel = ? AND namespace = ? AND collection = ?"
            + " AND key_hash = ?";
    try (PreparedStatement puts = connection.prepareStatement(upsert);
        PreparedStatement deletes = connection.prepareStatement(delete)) {
      for (PrivateWrite write : writes) {
        if (write.isDelete()) {
          deletes.setString(1, channel);
          deletes.setString(2, write.namespace());
          deletes.setString(3, write.collection());
          deletes.setBytes(4, write.keyHash().toByteArray());
          deletes.executeUpdate();
        } else {
          puts.setString(1, channel);
          puts.setString(2, write.namespace());
          puts.setString(3, write.collection());
          puts.setBytes(4, write.keyHash().toByteArray());
          puts.setBytes(5, write.key().map(PeerStore::utf8).orElse(null));
          puts.setBytes(6, write.value().map(ByteString::toByteArray).orElse(null));
          puts.setBytes(7, write.valueHash().get().toByteArray());
          puts.setLong(8, write.version().blockNumber());
          puts.setInt(9, write.version().txNumber());
          puts.executeUpdate();
        }
      }
    }
  }

  private static byte[] utf8(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }

  /** A stored block row: its columns and its bytes, unparsed. */
  record StoredBlock(
      long number,
      BlockHeader headerColumns,
      ByteString headerHash,
      int txCount,
      ByteString bytes) {}

  @FunctionalInterface
  interface BlockVisitor {
    void visit(StoredBlock block);
  }

  @FunctionalInterface
  interface StateVisitor {
    void visit(String namespace, String key, ByteString value, Version version);
  }

  @FunctionalInterface
  interface PrivateVisitor {
    void visit(
        String namespace,
        String collection,
        ByteString keyHash,
        Optional<String> key,
        Optional<ByteString> value,
        ByteString valueHash,
        Version version);
  }
}
