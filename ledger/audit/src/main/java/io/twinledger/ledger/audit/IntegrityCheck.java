package io.twinledger.ledger.audit;

import io.twinledger.contracts.merkle.MerkleTree;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.contracts.merkle.TreeHash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Checks a stored log against itself, reading the tables directly (no cache), in one snapshot:
 *
 * <ol>
 *   <li>every leaf's data is hashed again and compared with its stored leaf hash;
 *   <li>every node is recomputed from the stored leaf hashes upwards and compared with the stored
 *       node, so a changed node is named alone (its parent is checked against the recomputed value,
 *       not the changed one);
 *   <li>every checkpoint's root is compared with the root of the recomputed tree at its size, and
 *       its signature is verified.
 * </ol>
 *
 * <p>Leaves are read {@value #CHUNK_LEVEL}-level chunks at a time ({@code 2^16} leaves), so memory
 * stays flat whatever the log's size.
 */
public final class IntegrityCheck {

  private static final int CHUNK_LEVEL = 16;
  private static final long CHUNK = 1L << CHUNK_LEVEL;

  private final DataSource dataSource;
  private final String logId;

  public IntegrityCheck(DataSource dataSource, String logId) {
    this.dataSource = dataSource;
    this.logId = logId;
  }

  /** Runs the check. */
  public IntegrityReport run() {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        return new Run(connection).check();
      } finally {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot check audit log " + logId, e);
    }
  }

  /** One check's state. */
  private final class Run {
    private final Connection connection;
    private final List<Defect> leafDefects = new ArrayList<>();
    private final List<Defect> nodeDefects = new ArrayList<>();
    private final List<Defect> checkpointDefects = new ArrayList<>();

    /** Recomputed subtree hashes the checkpoints' roots are built from. */
    private final Map<Long, Sha256> wanted = new HashMap<>();

    private long leavesChecked;
    private long nodesChecked;

    Run(Connection connection) {
      this.connection = connection;
    }

    IntegrityReport check() throws SQLException {
      long size = treeSize();
      List<SignedCheckpoint> checkpoints =
          CheckpointBook.read(connection, logId, "ORDER BY tree_size");
      for (SignedCheckpoint c : checkpoints) {
        long treeSize = c.checkpoint().treeSize();
        if (treeSize <= size) {
          long start = 0;
          for (int level = 63; level >= 0; level--) {
            if ((treeSize & (1L << level)) != 0) {
              wanted.put(StoredSubtrees.Cache.key(level, start >> level), null);
              start += 1L << level;
            }
          }
        }
      }
      List<Sha256> chunkRoots = new ArrayList<>();
      for (long start = 0; start < size; start += CHUNK) {
        long end = Math.min(size, start + CHUNK);
        List<Sha256> top = build(leafHashes(start, end), 0, start, CHUNK_LEVEL);
        if (end - start == CHUNK) {
          chunkRoots.add(top.getFirst());
        }
      }
      build(chunkRoots, CHUNK_LEVEL, 0, 63);
      unexpected(size);
      MerkleTree recomputed =
          new MerkleTree(
              (start, level) -> wanted.get(StoredSubtrees.Cache.key(level, start >> level)));
      for (SignedCheckpoint c : checkpoints) {
        long treeSize = c.checkpoint().treeSize();
        if (treeSize > size) {
          checkpointDefects.add(new Defect.CheckpointBeyondLog(treeSize, size));
          continue;
        }
        Sha256 root = recomputed.root(treeSize);
        if (!root.equals(c.checkpoint().root())) {
          checkpointDefects.add(
              new Defect.CheckpointRootMismatch(treeSize, c.checkpoint().root(), root));
        }
        if (!c.signatureValid()) {
          checkpointDefects.add(new Defect.CheckpointSignatureInvalid(treeSize, c.signer()));
        }
      }
      List<Defect> defects = new ArrayList<>(leafDefects);
      defects.addAll(nodeDefects);
      defects.addAll(checkpointDefects);
      return new IntegrityReport(
          logId, size, leavesChecked, nodesChecked, checkpoints.size(), defects);
    }

    private long treeSize() throws SQLException {
      try (PreparedStatement query =
          connection.prepareStatement("SELECT tree_size FROM audit_log WHERE log_id = ?")) {
        query.setString(1, logId);
        try (ResultSet row = query.executeQuery()) {
          if (!row.next()) {
            throw new IllegalStateException("audit log " + logId + " does not exist");
          }
          return row.getLong(1);
        }
      }
    }

    /**
     * The stored hashes of leaves {@code [start, end)}, each leaf's data hashed again on the way. A
     * missing leaf is reported and stands in as the empty hash, so the check goes on.
     */
    private List<Sha256> leafHashes(long start, long end) throws SQLException {
      List<Sha256> hashes = new ArrayList<>((int) (end - start));
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT leaf_index, leaf_hash, data FROM audit_leaf WHERE log_id = ?"
                  + " AND leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index")) {
        query.setString(1, logId);
        query.setLong(2, start);
        query.setLong(3, end);
        query.setFetchSize(4096);
        try (ResultSet row = query.executeQuery()) {
          long expected = start;
          while (row.next()) {
            long index = row.getLong(1);
            for (; expected < index; expected++) {
              leafDefects.add(new Defect.LeafMissing(expected));
              hashes.add(TreeHash.EMPTY);
            }
            Sha256 stored = Sha256.of(row.getBytes(2));
            Sha256 computed = TreeHash.leaf(row.getBytes(3));
            leavesChecked++;
            if (!computed.equals(stored)) {
              leafDefects.add(new Defect.LeafDataMismatch(index, stored, computed));
            }
            hashes.add(stored);
            expected = index + 1;
          }
          for (; expected < end; expected++) {
            leafDefects.add(new Defect.LeafMissing(expected));
            hashes.add(TreeHash.EMPTY);
          }
        }
      }
      for (int i = 0; i < hashes.size(); i++) {
        want(0, start + i, hashes.get(i));
      }
      return hashes;
    }

    /**
     * Builds the perfect subtrees above {@code hashes} (consecutive subtrees of {@code baseLevel},
     * the first at {@code baseIndex}) up to {@code topLevel}, comparing each with the stored node.
     *
     * @return the recomputed hashes at the highest level reached
     */
    private List<Sha256> build(List<Sha256> hashes, int baseLevel, long baseIndex, int topLevel)
        throws SQLException {
      List<Sha256> current = hashes;
      long index = baseIndex;
      for (int level = baseLevel + 1; level <= topLevel && current.size() >= 2; level++) {
        index >>= 1;
        int count = current.size() / 2;
        Map<Long, Sha256> stored = storedNodes(level, index, index + count);
        List<Sha256> next = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          Sha256 computed = TreeHash.node(current.get(2 * i), current.get(2 * i + 1));
          long nodeIndex = index + i;
          Sha256 found = stored.get(nodeIndex);
          if (found == null) {
            nodeDefects.add(new Defect.NodeMissing(level, nodeIndex));
          } else {
            nodesChecked++;
            if (!found.equals(computed)) {
              nodeDefects.add(new Defect.NodeMismatch(level, nodeIndex, found, computed));
            }
          }
          want(level, nodeIndex, computed);
          next.add(computed);
        }
        current = next;
      }
      return current;
    }

    private Map<Long, Sha256> storedNodes(int level, long from, long to) throws SQLException {
      Map<Long, Sha256> nodes = new HashMap<>();
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT node_index, hash FROM audit_node WHERE log_id = ? AND level = ?"
                  + " AND node_index >= ? AND node_index < ?")) {
        query.setString(1, logId);
        query.setInt(2, level);
        query.setLong(3, from);
        query.setLong(4, to);
        try (ResultSet row = query.executeQuery()) {
          while (row.next()) {
            nodes.put(row.getLong(1), Sha256.of(row.getBytes(2)));
          }
        }
      }
      return nodes;
    }

    private void want(int level, long index, Sha256 hash) {
      long key = StoredSubtrees.Cache.key(level, index);
      if (wanted.containsKey(key)) {
        wanted.put(key, hash);
      }
    }

    /** Leaves and nodes stored for leaves the log does not have. */
    private void unexpected(long size) throws SQLException {
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT leaf_index FROM audit_leaf WHERE log_id = ? AND leaf_index >= ?"
                  + " ORDER BY leaf_index")) {
        query.setString(1, logId);
        query.setLong(2, size);
        try (ResultSet row = query.executeQuery()) {
          while (row.next()) {
            leafDefects.add(new Defect.UnexpectedLeaf(row.getLong(1)));
          }
        }
      }
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT level, node_index FROM audit_node WHERE log_id = ?"
                  + " AND (node_index + 1) * (1::bigint << level::int) > ? ORDER BY level, node_index")) {
        query.setString(1, logId);
        query.setLong(2, size);
        try (ResultSet row = query.executeQuery()) {
          while (row.next()) {
            nodeDefects.add(new Defect.UnexpectedNode(row.getInt(1), row.getLong(2)));
          }
        }
      }
    }
  }
}
