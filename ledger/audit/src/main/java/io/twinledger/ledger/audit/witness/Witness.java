package io.twinledger.ledger.audit.witness;

import io.twinledger.contracts.merkle.CheckpointCosigner;
import io.twinledger.contracts.merkle.ConsistencyProof;
import io.twinledger.contracts.merkle.LogCheckpoint;
import io.twinledger.contracts.merkle.NoteCheck;
import io.twinledger.contracts.merkle.NoteKeyType;
import io.twinledger.contracts.merkle.NoteSignature;
import io.twinledger.contracts.merkle.NoteVerifier;
import io.twinledger.contracts.merkle.ProofCheck;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.contracts.merkle.SignedNote;
import io.twinledger.ledger.audit.witness.WitnessResult.Refusal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A C2SP tlog-witness: cosigns a log's checkpoint only if it extends the last one it cosigned for
 * that log, so that it never vouches for two histories. TwinLedger's runs for the Independent
 * Auditor ({@code IndependentAuditorMSP}); its state lives in PostgreSQL ({@code
 * witness_checkpoint}, {@code witness_fork}), one row per witness name and origin.
 *
 * <p>{@link #addCheckpoint} checks, in the spec's order: the note is a checkpoint (else {@link
 * Refusal#MALFORMED}); a key is configured for its origin ({@link Refusal#UNKNOWN_LOG}); a trusted
 * key's signature verifies and none fails ({@link Refusal#BAD_SIGNATURE}); the old size is at most
 * the new size, and the proof is empty from size 0 ({@link Refusal#MALFORMED}). Then, holding the
 * origin's row locked ({@code SELECT … FOR UPDATE}) until it commits, so that two requests never
 * both advance it: the old size is the size last cosigned ({@link WitnessResult.Conflict} with that
 * size); at an equal size the root is the one cosigned, at a larger one the consistency proof
 * verifies from the cosigned root ({@link WitnessResult.Forked}, recorded with both notes and
 * logged at ERROR). The first checkpoint of a log (old size 0) is taken on trust, as the spec does.
 * Only then is the new state written and the cosignature, timestamped with the clock's seconds,
 * returned; the state is committed before it is.
 *
 * <p>A fork does not stop the witness: it keeps the history it cosigned and cosigns what extends
 * it.
 */
public final class Witness implements CheckpointWitness {

  private static final Logger log = LoggerFactory.getLogger(Witness.class);

  private final DataSource dataSource;
  private final CheckpointCosigner cosigner;
  private final Map<String, List<NoteVerifier>> logs;
  private final Clock clock;

  /**
   * @param logKeys the Ed25519 note keys of the logs it witnesses; a log's origin is its key's name
   * @throws IllegalArgumentException if a log key is not of type Ed25519
   */
  public Witness(
      DataSource dataSource,
      CheckpointCosigner cosigner,
      Collection<NoteVerifier> logKeys,
      Clock clock) {
    for (NoteVerifier key : logKeys) {
      if (key.type() != NoteKeyType.ED25519) {
        throw new IllegalArgumentException("a log's note key has type 0x01 (Ed25519): " + key);
      }
    }
    this.dataSource = dataSource;
    this.cosigner = cosigner;
    this.logs =
        logKeys.stream()
            .collect(
                Collectors.groupingBy(NoteVerifier::name, LinkedHashMap::new, Collectors.toList()));
    this.clock = clock;
  }

  /** The witness's name: its key's name, as on its cosignature lines. */
  public String name() {
    return cosigner.verifier().name();
  }

  @Override
  public NoteVerifier key() {
    return cosigner.verifier();
  }

  @Override
  public WitnessResult addCheckpoint(AddCheckpoint request) {
    SignedNote note = request.checkpoint();
    LogCheckpoint checkpoint;
    try {
      checkpoint = LogCheckpoint.parse(note.text());
    } catch (IllegalArgumentException e) {
      return new WitnessResult.Rejected(Refusal.MALFORMED, e.getMessage());
    }
    List<NoteVerifier> keys = logs.get(checkpoint.origin());
    if (keys == null) {
      return new WitnessResult.Rejected(
          Refusal.UNKNOWN_LOG, "no log key for origin " + checkpoint.origin());
    }
    if (note.verify(keys) instanceof NoteCheck.Rejected rejected) {
      return new WitnessResult.Rejected(Refusal.BAD_SIGNATURE, rejected.reason());
    }
    if (request.oldSize() > checkpoint.size()) {
      return new WitnessResult.Rejected(
          Refusal.MALFORMED,
          "old size "
              + request.oldSize()
              + " is larger than the checkpoint's "
              + checkpoint.size());
    }
    if (request.oldSize() == 0 && !request.proof().isEmpty()) {
      return new WitnessResult.Rejected(Refusal.MALFORMED, "the proof from size 0 is empty");
    }
    WitnessResult result = advance(request, checkpoint);
    if (result instanceof WitnessResult.Forked forked) {
      WitnessFork fork = forked.fork();
      log.error(
          "Witness {} refused a fork of log {} ({}, record {}): {}",
          fork.witness(),
          fork.origin(),
          fork.kind(),
          fork.id(),
          fork.reason());
    }
    return result;
  }

  /** The note this witness last cosigned for {@code origin}, if any. */
  public Optional<SignedNote> cosigned(String origin) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT note FROM witness_checkpoint WHERE witness = ? AND origin = ?"
                    + " AND note IS NOT NULL")) {
      query.setString(1, name());
      query.setString(2, origin);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? Optional.of(SignedNote.parse(row.getString(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("read the state", e);
    }
  }

  /** Every fork this witness refused, first detected first. */
  public List<WitnessFork> forks() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT id, origin, kind, cosigned_note, conflicting_note, old_size, proof,"
                    + " reason, detected_at FROM witness_fork WHERE witness = ? ORDER BY id")) {
      query.setString(1, name());
      List<WitnessFork> forks = new ArrayList<>();
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          forks.add(
              new WitnessFork(
                  row.getLong(1),
                  name(),
                  row.getString(2),
                  WitnessFork.Kind.valueOf(row.getString(3)),
                  SignedNote.parse(row.getString(4)),
                  SignedNote.parse(row.getString(5)),
                  row.getLong(6),
                  proof(row.getString(7)),
                  row.getString(8),
                  row.getTimestamp(9).toInstant()));
        }
      }
      return forks;
    } catch (SQLException e) {
      throw failure("read the forks", e);
    }
  }

  /** The origin's state as cosigned so far: size 0 and no note before the first. */
  private record State(long size, Optional<Sha256> root, Optional<String> note) {}

  private WitnessResult advance(AddCheckpoint request, LogCheckpoint checkpoint) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        WitnessResult result = decide(connection, lock(connection, checkpoint.origin()), request);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure("add a checkpoint of " + checkpoint.origin() + " to the state", e);
    }
  }

  /**
   * The origin's row, locked until the transaction ends; made first if the witness never saw the
   * origin. A request that finds another's uncommitted first row waits for it, then locks it.
   */
  private State lock(Connection connection, String origin) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO witness_checkpoint (witness, origin, tree_size) VALUES (?, ?, 0)"
                + " ON CONFLICT (witness, origin) DO NOTHING")) {
      insert.setString(1, name());
      insert.setString(2, origin);
      insert.executeUpdate();
    }
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT tree_size, root, note FROM witness_checkpoint WHERE witness = ? AND origin = ?"
                + " FOR UPDATE")) {
      query.setString(1, name());
      query.setString(2, origin);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        byte[] root = row.getBytes(2);
        return new State(
            row.getLong(1),
            Optional.ofNullable(root).map(Sha256::of),
            Optional.ofNullable(row.getString(3)));
      }
    }
  }

  private WitnessResult decide(Connection connection, State state, AddCheckpoint request)
      throws SQLException {
    LogCheckpoint checkpoint = LogCheckpoint.parse(request.checkpoint().text());
    if (request.oldSize() != state.size()) {
      return new WitnessResult.Conflict(state.size());
    }
    // Nothing cosigned yet, or only the empty tree, which every tree extends: taken on trust.
    if (state.size() > 0) {
      Sha256 cosignedRoot = state.root().orElseThrow();
      if (checkpoint.size() == state.size()) {
        if (!checkpoint.root().equals(cosignedRoot)) {
          return fork(
              connection,
              state,
              request,
              WitnessFork.Kind.SAME_SIZE_OTHER_ROOT,
              "size "
                  + state.size()
                  + " was cosigned with root "
                  + cosignedRoot
                  + ", not "
                  + checkpoint.root());
        }
        if (!request.proof().isEmpty()) {
          return new WitnessResult.Rejected(
              Refusal.MALFORMED, "the proof between equal sizes is empty");
        }
      } else if (new ConsistencyProof(state.size(), checkpoint.size(), request.proof())
              .verify(cosignedRoot, checkpoint.root())
          instanceof ProofCheck.Invalid invalid) {
        return fork(connection, state, request, WitnessFork.Kind.INCONSISTENT, invalid.reason());
      }
    }
    Instant now = clock.instant();
    NoteSignature cosignature = cosigner.cosign(request.checkpoint(), now.getEpochSecond());
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE witness_checkpoint SET tree_size = ?, root = ?, note = ?, cosigned_at = ?"
                + " WHERE witness = ? AND origin = ?")) {
      update.setLong(1, checkpoint.size());
      update.setBytes(2, checkpoint.root().bytes());
      update.setString(3, request.checkpoint().encode());
      update.setTimestamp(4, Timestamp.from(now));
      update.setString(5, name());
      update.setString(6, checkpoint.origin());
      update.executeUpdate();
    }
    return new WitnessResult.Cosigned(checkpoint, cosignature);
  }

  private WitnessResult fork(
      Connection connection,
      State state,
      AddCheckpoint request,
      WitnessFork.Kind kind,
      String reason)
      throws SQLException {
    LogCheckpoint checkpoint = LogCheckpoint.parse(request.checkpoint().text());
    SignedNote cosigned = SignedNote.parse(state.note().orElseThrow());
    Instant now = clock.instant();
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO witness_fork (witness, origin, kind, cosigned_note, conflicting_note,"
                + " old_size, proof, reason, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " RETURNING id")) {
      insert.setString(1, name());
      insert.setString(2, checkpoint.origin());
      insert.setString(3, kind.name());
      insert.setString(4, cosigned.encode());
      insert.setString(5, request.checkpoint().encode());
      insert.setLong(6, request.oldSize());
      insert.setString(7, proofText(request.proof()));
      insert.setString(8, reason);
      insert.setTimestamp(9, Timestamp.from(now));
      try (ResultSet row = insert.executeQuery()) {
        row.next();
        return new WitnessResult.Forked(
            new WitnessFork(
                row.getLong(1),
                name(),
                checkpoint.origin(),
                kind,
                cosigned,
                request.checkpoint(),
                request.oldSize(),
                request.proof(),
                reason,
                now));
      }
    }
  }

  /** The proof as its request lines: one base64 hash per line. */
  private static String proofText(List<Sha256> proof) {
    StringBuilder text = new StringBuilder();
    for (Sha256 hash : proof) {
      text.append(Base64.getEncoder().encodeToString(hash.bytes())).append('\n');
    }
    return text.toString();
  }

  private static List<Sha256> proof(String text) {
    return text.lines().map(line -> Sha256.of(Base64.getDecoder().decode(line))).toList();
  }

  private IllegalStateException failure(String what, SQLException e) {
    return new IllegalStateException("Witness " + name() + " cannot " + what, e);
  }
}
