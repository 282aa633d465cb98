package io.twinledger.ledger.audit;

import io.twinledger.contracts.merkle.Checkpoint;
import io.twinledger.contracts.merkle.ConsistencyProof;
import io.twinledger.contracts.merkle.InclusionProof;
import io.twinledger.contracts.merkle.MerkleTree;
import io.twinledger.contracts.merkle.MultiInclusionProof;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.contracts.merkle.TreeHash;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * A named, append-only RFC 9162 Merkle log in PostgreSQL ({@code audit_log}, {@code audit_leaf},
 * {@code audit_node}).
 *
 * <p><b>Appends</b> go in batches, each in one transaction that first locks the log's row ({@code
 * SELECT … FOR UPDATE}), so one writer at a time extends a log whatever the number of processes,
 * and the tree a batch extends is the one committed before it. The right frontier of the tree is
 * kept between appends (and read again, O(log n) lookups, when another writer moved the log on), so
 * a leaf costs its own hash plus one node hash amortised; every perfect subtree of two or more
 * leaves is stored as it is completed. Leaves and nodes go in with {@code COPY}.
 *
 * <p><b>Reads</b> (roots, proofs) use {@link MerkleTree} over the stored subtrees: O(log n)
 * primary-key lookups per proof, fewer with the upper nodes cached.
 */
public final class AuditLog {

  private static final int CACHED_SUBTREES = 1 << 16;
  private static final HexFormat HEX = HexFormat.of();

  private final DataSource dataSource;
  private final String logId;
  private final StoredSubtrees.Cache cache = new StoredSubtrees.Cache(CACHED_SUBTREES);

  /** The frontier as of this instance's last append; another writer may have moved on since. */
  private Optional<Frontier> frontier = Optional.empty();

  private AuditLog(DataSource dataSource, String logId) {
    this.dataSource = dataSource;
    this.logId = logId;
  }

  /**
   * The log named {@code logId}, created empty if it does not exist.
   *
   * @param logId 1 to 64 characters from {@code [a-z0-9._-]}, as checkpoints require
   * @throws IllegalArgumentException if the name is not one
   */
  public static AuditLog open(DataSource dataSource, String logId) {
    if (!logId.matches("[a-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(
          "a log id is 1 to 64 characters from a-z, 0-9, '.', '_' and '-': " + logId);
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO audit_log (log_id, created_at) VALUES (?, now())"
                    + " ON CONFLICT (log_id) DO NOTHING")) {
      insert.setString(1, logId);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot open audit log " + logId, e);
    }
    return new AuditLog(dataSource, logId);
  }

  public String logId() {
    return logId;
  }

  /** The number of leaves committed to the log. */
  public long size() {
    try (Connection connection = dataSource.getConnection()) {
      return size(connection, "");
    } catch (SQLException e) {
      throw failure("read the size of", e);
    }
  }

  /** Appends the leaves in order, in one transaction; see {@link Appended#count()}. */
  public Appended append(List<? extends AuditLeaf> leaves) {
    List<? extends AuditLeaf> copy = List.copyOf(leaves);
    return append(locked -> copy);
  }

  /**
   * Appends what {@code source} supplies inside the locked transaction, committing the leaves
   * together with whatever the source wrote. A leaf whose kind and reference the log holds already,
   * or that repeats one earlier in the batch, is skipped, so delivering a record twice appends it
   * once.
   */
  public synchronized Appended append(LeafSource source) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        long size = size(connection, " FOR UPDATE");
        Frontier working = frontier.filter(f -> f.size() == size).map(Frontier::copy).orElse(null);
        if (working == null) {
          try (StoredSubtrees stored = new StoredSubtrees(connection, logId, cache)) {
            working = Frontier.of(size, stored);
          }
        }
        List<AuditLeaf> fresh = unseen(connection, source.next(connection));
        if (!fresh.isEmpty()) {
          write(connection, working, fresh);
        }
        connection.commit();
        frontier = Optional.of(working);
        return new Appended(size, fresh.size(), working.size());
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure("append to", e);
    }
  }

  /** The root of the first {@code size} leaves (RFC 9162 MTH). */
  public Sha256 root(long size) {
    return read(size, tree -> tree.root(size));
  }

  /**
   * The inclusion proof of leaf {@code index} in the tree of the first {@code size} leaves.
   *
   * @throws IllegalArgumentException unless {@code 0 <= index < size <= size()}
   */
  public InclusionProof inclusion(long index, long size) {
    return read(size, tree -> tree.inclusion(index, size));
  }

  /**
   * The proof that the leaves at {@code indices} (any order, none twice) are in the tree of the
   * first {@code size} leaves: each hash they need once, not an audit path per leaf.
   *
   * @throws IllegalArgumentException unless there is at least one index, none repeated, each {@code
   *     0 <= index < size <= size()}
   */
  public MultiInclusionProof multiInclusion(Collection<Long> indices, long size) {
    return read(size, tree -> tree.multiInclusion(indices, size));
  }

  /**
   * The consistency proof from the first {@code size1} leaves to the first {@code size2}.
   *
   * @throws IllegalArgumentException unless {@code 0 < size1 <= size2 <= size()}
   */
  public ConsistencyProof consistency(long size1, long size2) {
    return read(size2, tree -> tree.consistency(size1, size2));
  }

  /** The checkpoint of the log as it is now, unsigned: size, root, the given time. */
  public Checkpoint checkpoint(Instant at) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        long size = size(connection, "");
        try (StoredSubtrees stored = new StoredSubtrees(connection, logId, cache)) {
          return new Checkpoint(logId, size, new MerkleTree(stored).root(size), at);
        }
      } finally {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw failure("take a checkpoint of", e);
    }
  }

  /** The leaf at {@code index}, if the log has one. */
  public Optional<StoredLeaf> leaf(long index) {
    return findLeaf("leaf_index = ?", ps -> ps.setLong(2, index));
  }

  /** The leaf recording the record of this kind and reference, if the log has one. */
  public Optional<StoredLeaf> leaf(LeafKind kind, long reference) {
    return findLeaf(
        "kind = ? AND reference = ?",
        ps -> {
          ps.setString(2, kind.label());
          ps.setLong(3, reference);
        });
  }

  /**
   * The leaf index of each record of this kind the log holds, by reference, in one read: for
   * judging many records at once (are they all inside a checkpoint's tree?) without reading their
   * leaves. A reference the log does not hold is left out.
   */
  public Map<Long, Long> leafIndices(LeafKind kind, Collection<Long> references) {
    Map<Long, Long> indices = new HashMap<>();
    if (references.isEmpty()) {
      return indices;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT reference, leaf_index FROM audit_leaf WHERE log_id = ? AND kind = ?"
                    + " AND reference = ANY (?)")) {
      query.setString(1, logId);
      query.setString(2, kind.label());
      query.setArray(3, connection.createArrayOf("bigint", references.toArray()));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          indices.put(rows.getLong(1), rows.getLong(2));
        }
      }
    } catch (SQLException e) {
      throw failure("read leaves of", e);
    }
    return indices;
  }

  private <T> T read(long size, Function<MerkleTree, T> query) {
    try (Connection connection = dataSource.getConnection()) {
      long logSize = size(connection, "");
      if (size > logSize) {
        throw new IllegalArgumentException(
            "tree size " + size + " is beyond the " + logSize + " leaves of log " + logId);
      }
      try (StoredSubtrees stored = new StoredSubtrees(connection, logId, cache)) {
        return query.apply(new MerkleTree(stored));
      }
    } catch (SQLException e) {
      throw failure("read", e);
    }
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private Optional<StoredLeaf> findLeaf(String where, Binder binder) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT leaf_index, leaf_hash, data FROM audit_leaf WHERE log_id = ? AND "
                    + where)) {
      query.setString(1, logId);
      binder.bind(query);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new StoredLeaf(
                row.getLong(1), Sha256.of(row.getBytes(2)), AuditLeaf.decode(row.getBytes(3))));
      }
    } catch (SQLException e) {
      throw failure("read a leaf of", e);
    }
  }

  private long size(Connection connection, String lock) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT tree_size FROM audit_log WHERE log_id = ?" + lock)) {
      query.setString(1, logId);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          throw new IllegalStateException("audit log " + logId + " does not exist");
        }
        return row.getLong(1);
      }
    }
  }

  /** The leaves whose kind and reference are neither in the log nor earlier in the list. */
  private List<AuditLeaf> unseen(Connection connection, List<? extends AuditLeaf> leaves)
      throws SQLException {
    Map<LeafKind, List<Long>> byKind = new EnumMap<>(LeafKind.class);
    for (AuditLeaf leaf : leaves) {
      byKind.computeIfAbsent(leaf.kind(), k -> new ArrayList<>()).add(leaf.reference());
    }
    Map<LeafKind, Set<Long>> seen = new EnumMap<>(LeafKind.class);
    for (Map.Entry<LeafKind, List<Long>> entry : byKind.entrySet()) {
      Set<Long> present = new HashSet<>();
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT reference FROM audit_leaf WHERE log_id = ? AND kind = ?"
                  + " AND reference = ANY (?)")) {
        Array references = connection.createArrayOf("bigint", entry.getValue().toArray());
        query.setString(1, logId);
        query.setString(2, entry.getKey().label());
        query.setArray(3, references);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            present.add(rows.getLong(1));
          }
        }
      }
      seen.put(entry.getKey(), present);
    }
    List<AuditLeaf> fresh = new ArrayList<>(leaves.size());
    for (AuditLeaf leaf : leaves) {
      if (seen.get(leaf.kind()).add(leaf.reference())) {
        fresh.add(leaf);
      }
    }
    return fresh;
  }

  private void write(Connection connection, Frontier working, List<AuditLeaf> leaves)
      throws SQLException {
    StringBuilder leafRows = new StringBuilder(leaves.size() * 400);
    StringBuilder nodeRows = new StringBuilder(leaves.size() * 100);
    for (AuditLeaf leaf : leaves) {
      byte[] data = leaf.data();
      Sha256 hash = TreeHash.leaf(data);
      leafRows
          .append(logId)
          .append('\t')
          .append(working.size())
          .append("\t\\\\x")
          .append(hash.hex())
          .append('\t')
          .append(leaf.kind().label())
          .append('\t')
          .append(leaf.reference())
          .append("\t\\\\x")
          .append(HEX.formatHex(data))
          .append('\n');
      working.append(
          hash,
          (level, index, node) ->
              nodeRows
                  .append(logId)
                  .append('\t')
                  .append(level)
                  .append('\t')
                  .append(index)
                  .append("\t\\\\x")
                  .append(node.hex())
                  .append('\n'));
    }
    copy(connection, "audit_leaf (log_id, leaf_index, leaf_hash, kind, reference, data)", leafRows);
    if (!nodeRows.isEmpty()) {
      copy(connection, "audit_node (log_id, level, node_index, hash)", nodeRows);
    }
    try (PreparedStatement update =
        connection.prepareStatement("UPDATE audit_log SET tree_size = ? WHERE log_id = ?")) {
      update.setLong(1, working.size());
      update.setString(2, logId);
      update.executeUpdate();
    }
  }

  private static void copy(Connection connection, String tableAndColumns, CharSequence rows)
      throws SQLException {
    byte[] text = rows.toString().getBytes(StandardCharsets.US_ASCII);
    try {
      connection
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn("COPY " + tableAndColumns + " FROM STDIN", new ByteArrayInputStream(text));
    } catch (IOException e) {
      throw new SQLException("COPY into " + tableAndColumns + " failed", e);
    }
  }

  private IllegalStateException failure(String what, SQLException e) {
    return new IllegalStateException("Cannot " + what + " audit log " + logId, e);
  }
}
