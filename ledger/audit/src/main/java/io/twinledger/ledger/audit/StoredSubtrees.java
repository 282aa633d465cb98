package io.twinledger.ledger.audit;

import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.contracts.merkle.SubtreeSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Perfect-subtree hashes of one log read from {@code audit_leaf} (level 0) and {@code audit_node}
 * over one connection, one primary-key lookup each, through a cache shared by the log's readers.
 * Stored subtrees never change, so a cached hash stays right; the integrity check reads the tables
 * itself, never this cache.
 */
final class StoredSubtrees implements SubtreeSource, AutoCloseable {

  private final String logId;
  private final Cache cache;
  private final PreparedStatement leaf;
  private final PreparedStatement node;

  StoredSubtrees(Connection connection, String logId, Cache cache) throws SQLException {
    this.logId = logId;
    this.cache = cache;
    this.leaf =
        connection.prepareStatement(
            "SELECT leaf_hash FROM audit_leaf WHERE log_id = ? AND leaf_index = ?");
    this.node =
        connection.prepareStatement(
            "SELECT hash FROM audit_node WHERE log_id = ? AND level = ? AND node_index = ?");
  }

  @Override
  public Sha256 perfect(long start, int level) {
    long index = start >> level;
    long key = Cache.key(level, index);
    Sha256 cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    Sha256 hash = level == 0 ? lookUp(leaf, index) : lookUp(node, level, index);
    cache.put(key, hash);
    return hash;
  }

  private Sha256 lookUp(PreparedStatement query, long... keys) {
    try {
      query.setString(1, logId);
      for (int i = 0; i < keys.length; i++) {
        query.setLong(i + 2, keys[i]);
      }
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          throw new IllegalStateException(
              "audit log " + logId + " has no stored subtree at " + Arrays.toString(keys));
        }
        return Sha256.of(row.getBytes(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read audit log " + logId, e);
    }
  }

  @Override
  public void close() throws SQLException {
    leaf.close();
    node.close();
  }

  /**
   * The most recently used subtree hashes of a log. The upper nodes, which every proof visits, stay
   * in it; a proof at ten million leaves then reads mostly the few low nodes near its leaf.
   */
  static final class Cache {
    private final int capacity;
    private final LinkedHashMap<Long, Sha256> entries;

    Cache(int capacity) {
      this.capacity = capacity;
      this.entries = new LinkedHashMap<>(capacity * 2, 0.75f, true);
    }

    /** Levels fit in 6 bits; an index of a tree of at most 2^57 leaves in the rest. */
    static long key(int level, long index) {
      return (index << 6) | level;
    }

    synchronized Sha256 get(long key) {
      return entries.get(key);
    }

    synchronized void put(long key, Sha256 hash) {
      entries.put(key, hash);
      if (entries.size() > capacity) {
        Map.Entry<Long, Sha256> eldest = entries.entrySet().iterator().next();
        entries.remove(eldest.getKey());
      }
    }
  }
}
