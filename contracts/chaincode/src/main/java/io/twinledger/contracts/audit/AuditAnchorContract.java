package io.twinledger.contracts.audit;

import io.twinledger.contracts.merkle.Checkpoint;
import io.twinledger.contracts.merkle.ConsistencyProof;
import io.twinledger.contracts.merkle.ProofCheck;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.contracts.merkle.TreeHash;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.json.JSONObject;

/**
 * Anchors signed checkpoints of TwinLedger's Merkle audit logs on the channel. A log operator
 * submits each checkpoint it signs, with the consistency proof from the log's previous recorded
 * checkpoint; the contract checks the signature against the submitter's certificate and the proof
 * against the previous root, so the ledger holds one append-only history per log that the operator
 * cannot rewrite afterwards.
 *
 * <p>A log belongs to the MSP that recorded its first checkpoint. Refusals are {@code
 * ChaincodeException}s whose payload is an {@link AnchorError} name. Sizes and hashes are passed as
 * text and checked here, so that a bad value is an {@code INVALID_ARGUMENT} rather than a
 * conversion failure in the contract runtime.
 */
@Contract(
    name = "AuditAnchorContract",
    info =
        @Info(
            title = "TwinLedger audit anchor",
            description =
                "Signed checkpoints of RFC 9162 Merkle audit logs, each a consistent extension of"
                    + " the last",
            version = "0.1.0",
            license = @License(name = "Apache-2.0")))
@Default
public final class AuditAnchorContract implements ContractInterface {

  /**
   * The chaincode event of a recorded checkpoint. Its payload is JSON: {@code logId}, {@code
   * treeSize}, {@code root}, {@code previousSize} (-1 for a log's first checkpoint) and {@code
   * txId}.
   */
  public static final String CHECKPOINT_RECORDED = "CheckpointRecorded";

  /**
   * Records a checkpoint of log {@code logId}, signed by the transaction creator.
   *
   * @param treeSize leaves in the tree, decimal
   * @param root the tree's root hash, 64 hex digits
   * @param timestamp when the operator took the checkpoint, ISO-8601 UTC ({@code Instant})
   * @param signature ECDSA (SHA-256) signature, base64 DER, over {@link
   *     Checkpoint#signedContent()}, made with the key of the creator's certificate
   * @param consistencyProof JSON array of hex hashes: the RFC 9162 consistency proof from the log's
   *     last recorded checkpoint to this one; {@code []} for the first checkpoint of a log, and
   *     after a checkpoint of the empty tree
   * @return the checkpoint as recorded
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public AnchoredCheckpoint RecordCheckpoint(
      Context ctx,
      String logId,
      String treeSize,
      String root,
      String timestamp,
      String signature,
      String consistencyProof) {
    Checkpoint checkpoint = checkpoint(logId, treeSize, root, timestamp);
    CheckpointSignature signed = signature(signature);
    List<Sha256> proof = proof(consistencyProof);
    ClientIdentity creator = ctx.getClientIdentity();
    X509Certificate certificate = creator.getX509Certificate();
    if (!signed.verifies(checkpoint, certificate.getPublicKey())) {
      throw AnchorError.BAD_SIGNATURE.refuse(
          "the signature does not verify with the key of " + creator.getId());
    }

    ChaincodeStub stub = ctx.getStub();
    Optional<AnchoredCheckpoint> latest = read(stub, CheckpointKeys.latest(checkpoint.logId()));
    if (latest.isPresent()) {
      extend(stub, latest.get(), checkpoint, proof, creator.getMSPID());
    } else if (!proof.isEmpty()) {
      throw AnchorError.INVALID_ARGUMENT.refuse(
          "log " + checkpoint.logId() + " has no checkpoint yet; its first takes an empty proof");
    }

    AnchoredCheckpoint anchored =
        new AnchoredCheckpoint(
            checkpoint.logId(),
            checkpoint.treeSize(),
            checkpoint.root().hex(),
            checkpoint.timestamp().toString(),
            signature,
            creator.getMSPID(),
            creator.getId(),
            stub.getTxId(),
            stub.getTxTimestamp().toString());
    byte[] state = anchored.toJson().getBytes(StandardCharsets.UTF_8);
    stub.putState(CheckpointKeys.checkpoint(checkpoint.logId(), checkpoint.treeSize()), state);
    stub.putState(CheckpointKeys.latest(checkpoint.logId()), state);
    // Fixed field order: every endorser must produce the same event bytes.
    String event =
        "{\"logId\":"
            + JSONObject.quote(anchored.logId())
            + ",\"treeSize\":"
            + anchored.treeSize()
            + ",\"root\":"
            + JSONObject.quote(anchored.root())
            + ",\"previousSize\":"
            + latest.map(AnchoredCheckpoint::treeSize).orElse(-1L)
            + ",\"txId\":"
            + JSONObject.quote(anchored.txId())
            + "}";
    stub.setEvent(CHECKPOINT_RECORDED, event.getBytes(StandardCharsets.UTF_8));
    return anchored;
  }

  /** The last checkpoint recorded for {@code logId}. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public AnchoredCheckpoint LatestCheckpoint(Context ctx, String logId) {
    return read(ctx.getStub(), CheckpointKeys.latest(logId(logId)))
        .orElseThrow(
            () -> AnchorError.CHECKPOINT_NOT_FOUND.refuse("log " + logId + " has no checkpoint"));
  }

  /** The checkpoint of {@code logId} at {@code treeSize} leaves (decimal). */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public AnchoredCheckpoint CheckpointAt(Context ctx, String logId, String treeSize) {
    long size = size("treeSize", treeSize);
    return read(ctx.getStub(), CheckpointKeys.checkpoint(logId(logId), size))
        .orElseThrow(
            () ->
                AnchorError.CHECKPOINT_NOT_FOUND.refuse(
                    "log " + logId + " has no checkpoint at " + size + " leaves"));
  }

  /**
   * The checkpoints of {@code logId} with {@code fromSize <= treeSize <= toSize} (decimal), by
   * size; empty when there are none.
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public AnchoredCheckpoint[] CheckpointHistory(
      Context ctx, String logId, String fromSize, String toSize) {
    String id = logId(logId);
    long from = size("fromSize", fromSize);
    long to = size("toSize", toSize);
    if (from > to) {
      throw AnchorError.INVALID_ARGUMENT.refuse(
          "fromSize " + from + " is larger than toSize " + to);
    }
    List<AnchoredCheckpoint> history = new ArrayList<>();
    try (QueryResultsIterator<KeyValue> range =
        ctx.getStub()
            .getStateByRange(CheckpointKeys.checkpoint(id, from), CheckpointKeys.after(id, to))) {
      for (KeyValue entry : range) {
        history.add(AnchoredCheckpoint.fromState(entry.getValue()));
      }
    } catch (Exception e) {
      // QueryResultsIterator.close is declared to throw Exception; closing tells the peer only.
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("closing a range query failed", e);
    }
    return history.toArray(AnchoredCheckpoint[]::new);
  }

  /** Checks that {@code next} may follow {@code last}, the log's last recorded checkpoint. */
  private static void extend(
      ChaincodeStub stub,
      AnchoredCheckpoint last,
      Checkpoint next,
      List<Sha256> proof,
      String creatorMsp) {
    if (!last.signerMsp().equals(creatorMsp)) {
      throw AnchorError.UNAUTHORIZED_SIGNER.refuse(
          "log " + next.logId() + " belongs to " + last.signerMsp() + ", not " + creatorMsp);
    }
    if (next.treeSize() <= last.treeSize()) {
      Optional<AnchoredCheckpoint> same =
          read(stub, CheckpointKeys.checkpoint(next.logId(), next.treeSize()))
              .filter(recorded -> recorded.root().equals(next.root().hex()));
      if (same.isPresent()) {
        throw AnchorError.CHECKPOINT_EXISTS.refuse(
            "log "
                + next.logId()
                + " already has this checkpoint at "
                + next.treeSize()
                + " leaves, recorded in "
                + same.get().txId());
      }
      throw AnchorError.STALE_CHECKPOINT.refuse(
          next.treeSize() == last.treeSize()
              ? "log " + next.logId() + " already has another root at " + last.treeSize()
              : "log "
                  + next.logId()
                  + " is at "
                  + last.treeSize()
                  + " leaves; "
                  + next.treeSize()
                  + " is not larger");
    }
    if (next.timestamp().isBefore(Instant.parse(last.timestamp()))) {
      throw AnchorError.STALE_CHECKPOINT.refuse(
          "the timestamp " + next.timestamp() + " is before the last one, " + last.timestamp());
    }
    if (last.treeSize() == 0) {
      // Every tree extends the empty one, and RFC 9162 has no proof from it.
      if (!proof.isEmpty()) {
        throw AnchorError.INVALID_ARGUMENT.refuse(
            "log " + next.logId() + " was empty; a proof from the empty tree is empty");
      }
      return;
    }
    ProofCheck check =
        new ConsistencyProof(last.treeSize(), next.treeSize(), proof)
            .verify(Sha256.fromHex(last.root()), next.root());
    if (check instanceof ProofCheck.Invalid(String reason)) {
      throw AnchorError.NOT_CONSISTENT.refuse(
          "not a consistent extension of log "
              + next.logId()
              + " at "
              + last.treeSize()
              + " leaves: "
              + reason);
    }
  }

  private static Checkpoint checkpoint(
      String logId, String treeSize, String root, String timestamp) {
    long size = size("treeSize", treeSize);
    Sha256 hash;
    try {
      hash = Sha256.fromHex(root);
    } catch (IllegalArgumentException e) {
      throw AnchorError.INVALID_ARGUMENT.refuse("root: " + e.getMessage());
    }
    if (size == 0 && !hash.equals(TreeHash.EMPTY)) {
      throw AnchorError.INVALID_ARGUMENT.refuse(
          "the root of the empty tree is " + TreeHash.EMPTY + ", not " + hash);
    }
    Instant at;
    try {
      at = Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      throw AnchorError.INVALID_ARGUMENT.refuse(
          "timestamp: not an ISO-8601 UTC instant: " + timestamp);
    }
    return new Checkpoint(logId(logId), size, hash, at);
  }

  private static CheckpointSignature signature(String base64) {
    try {
      return CheckpointSignature.fromBase64(base64);
    } catch (IllegalArgumentException e) {
      throw AnchorError.INVALID_ARGUMENT.refuse("signature: not base64: " + e.getMessage());
    }
  }

  private static List<Sha256> proof(String json) {
    try {
      return ProofHashes.parse(json);
    } catch (IllegalArgumentException e) {
      throw AnchorError.INVALID_ARGUMENT.refuse(e.getMessage());
    }
  }

  private static String logId(String logId) {
    if (!CheckpointKeys.isLogId(logId)) {
      throw AnchorError.INVALID_ARGUMENT.refuse(
          "logId: 1 to 64 characters from a-z, 0-9, '.', '_' and '-', not " + logId);
    }
    return logId;
  }

  private static long size(String name, String decimal) {
    if (!decimal.matches("[0-9]{1,19}")) {
      throw AnchorError.INVALID_ARGUMENT.refuse(
          name + ": a tree size is a non-negative decimal number, not " + decimal);
    }
    try {
      return Long.parseLong(decimal);
    } catch (NumberFormatException e) {
      throw AnchorError.INVALID_ARGUMENT.refuse(name + ": " + decimal + " is too large");
    }
  }

  private static Optional<AnchoredCheckpoint> read(ChaincodeStub stub, String key) {
    byte[] value = stub.getState(key);
    return value == null || value.length == 0
        ? Optional.empty()
        : Optional.of(AnchoredCheckpoint.fromState(value));
  }
}
