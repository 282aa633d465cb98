package io.twinledger.ledger.audit;

import io.twinledger.contracts.merkle.Checkpoint;
import io.twinledger.contracts.merkle.LogCheckpoint;
import io.twinledger.contracts.merkle.NoteSignature;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.contracts.merkle.SignedNote;
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
 * The C2SP tlog-checkpoint signed notes of one log's checkpoints ({@code audit_checkpoint_note}),
 * at most one per stored checkpoint, and the witnesses' cosignatures on them as they arrive ({@code
 * audit_checkpoint_cosignature}). A note read back is the log's note with the cosignature lines
 * appended in order of arrival. Nothing here verifies a signature: {@link CheckpointNotary} signs
 * what it stores, and cosignatures are verified before they are added.
 */
public final class CheckpointNotes {

  private final DataSource dataSource;
  private final String logId;

  public CheckpointNotes(DataSource dataSource, String logId) {
    this.dataSource = dataSource;
    this.logId = logId;
  }

  /** The log these notes are of. */
  public String logId() {
    return logId;
  }

  /**
   * Stores the log's note of a stored checkpoint, unless one of its size is stored already.
   *
   * @param at when it was signed
   * @return whether it was stored
   * @throws IllegalArgumentException if the note's text is not a checkpoint
   */
  public boolean store(SignedNote note, Instant at) {
    LogCheckpoint checkpoint = LogCheckpoint.parse(note.text());
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO audit_checkpoint_note (log_id, tree_size, origin, note, signed_at)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (log_id, tree_size) DO NOTHING")) {
      insert.setString(1, logId);
      insert.setLong(2, checkpoint.size());
      insert.setString(3, checkpoint.origin());
      insert.setString(4, note.encode());
      insert.setTimestamp(5, Timestamp.from(at));
      return insert.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failure("store the note of a checkpoint of", e);
    }
  }

  /**
   * Adds a witness's cosignature line to the note of {@code treeSize} leaves, unless that witness
   * key (name and key ID) has one on it already. The caller has verified it.
   *
   * @return whether it was added
   */
  public boolean addCosignature(long treeSize, NoteSignature cosignature, Instant at) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO audit_checkpoint_cosignature (log_id, tree_size, key_name, key_id,"
                    + " line, received_at) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (log_id, tree_size, key_name, key_id) DO NOTHING")) {
      insert.setString(1, logId);
      insert.setLong(2, treeSize);
      insert.setString(3, cosignature.keyName());
      insert.setString(4, cosignature.keyIdHex());
      insert.setString(5, cosignature.line());
      insert.setTimestamp(6, Timestamp.from(at));
      return insert.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failure("store a cosignature on a checkpoint of", e);
    }
  }

  /** The note of the largest checkpoint that has one, with its cosignatures. */
  public Optional<SignedNote> latest() {
    return read(
        "SELECT tree_size, note FROM audit_checkpoint_note WHERE log_id = ?"
            + " ORDER BY tree_size DESC LIMIT 1",
        -1);
  }

  /** The note of the checkpoint of exactly {@code treeSize} leaves, with its cosignatures. */
  public Optional<SignedNote> at(long treeSize) {
    return read(
        "SELECT tree_size, note FROM audit_checkpoint_note WHERE log_id = ? AND tree_size = ?",
        treeSize);
  }

  /** The stored checkpoints that have no note yet, smallest first. */
  public List<Checkpoint> unnoted() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT c.tree_size, c.root, c.taken_at FROM audit_checkpoint c"
                    + " LEFT JOIN audit_checkpoint_note n"
                    + " ON n.log_id = c.log_id AND n.tree_size = c.tree_size"
                    + " WHERE c.log_id = ? AND n.tree_size IS NULL ORDER BY c.tree_size")) {
      query.setString(1, logId);
      List<Checkpoint> found = new ArrayList<>();
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          found.add(
              new Checkpoint(
                  logId,
                  row.getLong(1),
                  Sha256.of(row.getBytes(2)),
                  row.getTimestamp(3).toInstant()));
        }
      }
      return found;
    } catch (SQLException e) {
      throw failure("read the checkpoints without a note of", e);
    }
  }

  /** The note the query finds ({@code treeSize} bound second unless negative), cosigned. */
  private Optional<SignedNote> read(String sql, long treeSize) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, logId);
      if (treeSize >= 0) {
        query.setLong(2, treeSize);
      }
      long size;
      SignedNote note;
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        size = row.getLong(1);
        note = SignedNote.parse(row.getString(2));
      }
      return Optional.of(withCosignatures(connection, size, note));
    } catch (SQLException e) {
      throw failure("read the checkpoint notes of", e);
    }
  }

  private SignedNote withCosignatures(Connection connection, long treeSize, SignedNote note)
      throws SQLException {
    StringBuilder lines = new StringBuilder();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT line FROM audit_checkpoint_cosignature WHERE log_id = ? AND tree_size = ?"
                + " ORDER BY arrival")) {
      query.setString(1, logId);
      query.setLong(2, treeSize);
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          lines.append(row.getString(1));
        }
      }
    }
    // The stored lines are whole signature lines, so appending them keeps the note's encoding.
    return lines.isEmpty() ? note : SignedNote.parse(note.encode() + lines);
  }

  private IllegalStateException failure(String what, SQLException e) {
    return new IllegalStateException("Cannot " + what + " audit log " + logId, e);
  }
}
