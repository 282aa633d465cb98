package io.twinledger.ledger.audit;

import io.twinledger.contracts.merkle.Checkpoint;
import io.twinledger.contracts.merkle.Sha256;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
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
 * The signed checkpoints of one log ({@code audit_checkpoint}), at most one per tree size, with
 * their anchoring once known. Rows are read as stored: nothing here checks a root or a signature
 * (see {@link IntegrityCheck}).
 */
public final class CheckpointBook {

  private static final String COLUMNS =
      "tree_size, root, taken_at, signer_certificate, signature, anchor_tx_id, anchor_block";

  private final DataSource dataSource;
  private final String logId;

  public CheckpointBook(DataSource dataSource, String logId) {
    this.dataSource = dataSource;
    this.logId = logId;
  }

  /**
   * Stores a signed checkpoint of this log, unless one of its size is stored already.
   *
   * @return whether it was stored
   * @throws IllegalArgumentException if it is of another log, or is of the empty tree
   */
  public boolean store(SignedCheckpoint signed) {
    Checkpoint checkpoint = signed.checkpoint();
    if (!checkpoint.logId().equals(logId)) {
      throw new IllegalArgumentException(
          "a checkpoint of log " + checkpoint.logId() + " does not belong in " + logId);
    }
    if (checkpoint.treeSize() == 0) {
      throw new IllegalArgumentException("the empty tree gets no checkpoint");
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO audit_checkpoint (log_id, tree_size, root, taken_at, signer,"
                    + " signer_certificate, signature) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (log_id, tree_size) DO NOTHING")) {
      insert.setString(1, logId);
      insert.setLong(2, checkpoint.treeSize());
      insert.setBytes(3, checkpoint.root().bytes());
      insert.setTimestamp(4, Timestamp.from(checkpoint.timestamp()));
      insert.setString(5, signed.signer());
      insert.setBytes(6, signed.certificate().getEncoded());
      insert.setBytes(7, signed.signature());
      return insert.executeUpdate() == 1;
    } catch (SQLException | CertificateEncodingException e) {
      throw new IllegalStateException("Cannot store a checkpoint of audit log " + logId, e);
    }
  }

  /**
   * Records where the checkpoint of {@code treeSize} leaves was anchored; a checkpoint is anchored
   * once.
   *
   * @throws IllegalStateException if there is no such checkpoint or it is anchored already
   */
  public void anchored(long treeSize, AnchorReceipt receipt, Instant at) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE audit_checkpoint SET anchor_tx_id = ?, anchor_block = ?, anchored_at = ?"
                    + " WHERE log_id = ? AND tree_size = ? AND anchor_tx_id IS NULL")) {
      update.setString(1, receipt.txId());
      update.setLong(2, receipt.blockNumber());
      update.setTimestamp(3, Timestamp.from(at));
      update.setString(4, logId);
      update.setLong(5, treeSize);
      if (update.executeUpdate() != 1) {
        throw new IllegalStateException(
            "no unanchored checkpoint of " + treeSize + " leaves in audit log " + logId);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot record the anchor of a checkpoint of " + logId, e);
    }
  }

  /** The checkpoint of the largest tree. */
  public Optional<SignedCheckpoint> latest() {
    return query("ORDER BY tree_size DESC LIMIT 1").stream().findFirst();
  }

  /** The anchored checkpoint of the largest tree. */
  public Optional<SignedCheckpoint> latestAnchored() {
    return query("AND anchor_tx_id IS NOT NULL ORDER BY tree_size DESC LIMIT 1").stream()
        .findFirst();
  }

  /** The checkpoint of exactly {@code treeSize} leaves. */
  public Optional<SignedCheckpoint> at(long treeSize) {
    return query("AND tree_size = " + treeSize).stream().findFirst();
  }

  /** Every checkpoint, smallest tree first. */
  public List<SignedCheckpoint> all() {
    return query("ORDER BY tree_size");
  }

  /** The checkpoints not anchored yet, smallest tree first. */
  public List<SignedCheckpoint> unanchored() {
    return query("AND anchor_tx_id IS NULL ORDER BY tree_size");
  }

  private List<SignedCheckpoint> query(String rest) {
    try (Connection connection = dataSource.getConnection()) {
      return read(connection, logId, rest);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the checkpoints of audit log " + logId, e);
    }
  }

  /** The checkpoints of {@code logId} matching {@code rest}, read on {@code connection}. */
  static List<SignedCheckpoint> read(Connection connection, String logId, String rest)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM audit_checkpoint WHERE log_id = ? " + rest)) {
      query.setString(1, logId);
      List<SignedCheckpoint> found = new ArrayList<>();
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          found.add(signed(logId, row));
        }
      }
      return found;
    }
  }

  private static SignedCheckpoint signed(String logId, ResultSet row) throws SQLException {
    String txId = row.getString(6);
    Optional<AnchorReceipt> anchor =
        txId == null ? Optional.empty() : Optional.of(new AnchorReceipt(txId, row.getLong(7)));
    return new SignedCheckpoint(
        new Checkpoint(
            logId, row.getLong(1), Sha256.of(row.getBytes(2)), row.getTimestamp(3).toInstant()),
        certificate(row.getBytes(4)),
        row.getBytes(5),
        anchor);
  }

  private static X509Certificate certificate(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new IllegalStateException("a stored checkpoint certificate does not parse", e);
    }
  }
}
