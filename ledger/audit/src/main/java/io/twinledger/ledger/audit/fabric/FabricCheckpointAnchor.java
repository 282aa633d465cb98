package io.twinledger.ledger.audit.fabric;

import io.twinledger.contracts.merkle.Checkpoint;
import io.twinledger.contracts.merkle.ConsistencyProof;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.ledger.audit.AnchorReceipt;
import io.twinledger.ledger.audit.CheckpointAnchor;
import io.twinledger.ledger.audit.SignedCheckpoint;
import io.twinledger.ledger.gateway.ChaincodeRefusal;
import io.twinledger.ledger.gateway.CommitStatuses;
import io.twinledger.ledger.gateway.TransactionLogContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anchors checkpoints through the audit-anchor chaincode, with the Fabric Gateway client: the one
 * way TwinLedger reaches a ledger, embedded or a real network. The gateway's identity must be the
 * one whose key signed the checkpoints, since the chaincode checks the signature against the
 * submitting certificate.
 *
 * <p>Anchoring is idempotent. The chaincode records a checkpoint once and refuses it again with
 * {@code CHECKPOINT_EXISTS}; an attempt whose answer was lost (the peer went away after ordering,
 * the service was killed) therefore ends, on the next attempt, in that refusal, and the receipt is
 * then taken from the ledger: the recording transaction's id from {@code CheckpointAt} (if it holds
 * the same root and signature) and its block from the gateway's commit status of that transaction.
 * A checkpoint is never recorded twice and never left unanchored for want of an answer.
 */
public final class FabricCheckpointAnchor implements CheckpointAnchor {

  private static final Logger log = LoggerFactory.getLogger(FabricCheckpointAnchor.class);

  /** The transaction, as the contract API routes it. */
  public static final String RECORD = "AuditAnchorContract:RecordCheckpoint";

  /** The lookup of a recorded checkpoint, as the contract API routes it. */
  static final String AT = "AuditAnchorContract:CheckpointAt";

  /** The chaincode's code for a checkpoint recorded already. */
  static final String EXISTS = "CHECKPOINT_EXISTS";

  private final Gateway gateway;
  private final String channel;
  private final Contract contract;

  /**
   * @param gateway the gateway the contract was taken from
   * @param channel the contract's channel
   * @param contract the chaincode that hosts {@code AuditAnchorContract}, on {@code channel}
   */
  public FabricCheckpointAnchor(Gateway gateway, String channel, Contract contract) {
    this.gateway = gateway;
    this.channel = channel;
    this.contract = contract;
  }

  @Override
  public AnchorReceipt anchor(SignedCheckpoint signed, Optional<ConsistencyProof> sincePrevious) {
    Checkpoint checkpoint = signed.checkpoint();
    Proposal proposal =
        contract
            .newProposal(RECORD)
            .addArguments(arguments(signed, sincePrevious).toArray(String[]::new))
            .build();
    try (var tx = TransactionLogContext.of(proposal.getTransactionId())) {
      SubmittedTransaction submitted = proposal.endorse().submitAsync();
      Status status = submitted.getStatus();
      if (!status.isSuccessful()) {
        throw new IllegalStateException(
            "Checkpoint "
                + checkpoint.logId()
                + "@"
                + checkpoint.treeSize()
                + " was not committed: "
                + status.getCode()
                + " in block "
                + status.getBlockNumber()
                + " (transaction "
                + status.getTransactionId()
                + ")");
      }
      log.debug(
          "Checkpoint {}@{} anchored in block {}",
          checkpoint.logId(),
          checkpoint.treeSize(),
          status.getBlockNumber());
      return new AnchorReceipt(status.getTransactionId(), status.getBlockNumber());
    } catch (EndorseException e) {
      if (ChaincodeRefusal.in(e).filter(r -> r.code().equals(EXISTS)).isPresent()) {
        return recorded(signed);
      }
      throw refused(checkpoint, e);
    } catch (SubmitException | CommitStatusException e) {
      throw refused(checkpoint, e);
    }
  }

  /** The receipt of {@code signed} as the ledger recorded it by an earlier attempt. */
  private AnchorReceipt recorded(SignedCheckpoint signed) {
    Checkpoint checkpoint = signed.checkpoint();
    try {
      JSONObject recorded =
          new JSONObject(
              new String(
                  contract.evaluateTransaction(
                      AT, checkpoint.logId(), Long.toString(checkpoint.treeSize())),
                  StandardCharsets.UTF_8));
      if (!recorded.getString("root").equals(checkpoint.root().hex())
          || !recorded
              .getString("signature")
              .equals(Base64.getEncoder().encodeToString(signed.signature()))) {
        throw new IllegalStateException(
            "Checkpoint "
                + checkpoint.logId()
                + "@"
                + checkpoint.treeSize()
                + " is recorded on the ledger with another root or signature, in "
                + recorded.getString("txId"));
      }
      String txId = recorded.getString("txId");
      Status status = CommitStatuses.of(gateway, channel, txId);
      log.info(
          "Checkpoint {}@{} was recorded by an earlier attempt, in {} (block {})",
          checkpoint.logId(),
          checkpoint.treeSize(),
          txId,
          status.getBlockNumber());
      return new AnchorReceipt(txId, status.getBlockNumber());
    } catch (GatewayException e) {
      throw refused(checkpoint, e);
    }
  }

  private static IllegalStateException refused(Checkpoint checkpoint, GatewayException e) {
    return new IllegalStateException(
        "Checkpoint "
            + checkpoint.logId()
            + "@"
            + checkpoint.treeSize()
            + " was refused: "
            + ChaincodeRefusal.describe(e),
        e);
  }

  /**
   * The arguments of {@value #RECORD} for {@code signed}: log id, tree size, root (hex), timestamp,
   * signature (base64 DER) and the consistency proof from the last anchored checkpoint as a JSON
   * array of hex hashes, empty for a log's first.
   */
  public static List<String> arguments(
      SignedCheckpoint signed, Optional<ConsistencyProof> sincePrevious) {
    Checkpoint checkpoint = signed.checkpoint();
    List<Sha256> proof = sincePrevious.map(ConsistencyProof::path).orElse(List.of());
    return List.of(
        checkpoint.logId(),
        Long.toString(checkpoint.treeSize()),
        checkpoint.root().hex(),
        checkpoint.timestamp().toString(),
        Base64.getEncoder().encodeToString(signed.signature()),
        proof.stream()
            .map(hash -> '"' + hash.hex() + '"')
            .collect(Collectors.joining(",", "[", "]")));
  }
}
