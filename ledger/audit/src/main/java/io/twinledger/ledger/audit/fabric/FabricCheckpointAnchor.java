package io.twinledger.ledger.audit.fabric;

import io.twinledger.contracts.merkle.Checkpoint;
import io.twinledger.contracts.merkle.ConsistencyProof;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.ledger.audit.AnchorReceipt;
import io.twinledger.ledger.audit.CheckpointAnchor;
import io.twinledger.ledger.audit.SignedCheckpoint;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;

/**
 * Anchors checkpoints through the audit-anchor chaincode, with the Fabric Gateway client: the one
 * way TwinLedger reaches a ledger, embedded or a real network. The gateway's identity must be the
 * one whose key signed the checkpoints, since the chaincode checks the signature against the
 * submitting certificate.
 */
public final class FabricCheckpointAnchor implements CheckpointAnchor {

  /** The transaction, as the contract API routes it. */
  public static final String RECORD = "AuditAnchorContract:RecordCheckpoint";

  private final Contract contract;

  /**
   * @param contract the chaincode that hosts {@code AuditAnchorContract}, on its channel
   */
  public FabricCheckpointAnchor(Contract contract) {
    this.contract = contract;
  }

  @Override
  public AnchorReceipt anchor(SignedCheckpoint signed, Optional<ConsistencyProof> sincePrevious) {
    Checkpoint checkpoint = signed.checkpoint();
    try {
      SubmittedTransaction submitted =
          contract
              .newProposal(RECORD)
              .addArguments(arguments(signed, sincePrevious).toArray(String[]::new))
              .build()
              .endorse()
              .submitAsync();
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
                + status.getBlockNumber());
      }
      return new AnchorReceipt(status.getTransactionId(), status.getBlockNumber());
    } catch (EndorseException | SubmitException | CommitStatusException e) {
      throw new IllegalStateException(
          "Checkpoint "
              + checkpoint.logId()
              + "@"
              + checkpoint.treeSize()
              + " was refused: "
              + describe(e),
          e);
    }
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

  /** The gateway's message and the endorsing peers' details, which carry the chaincode's reason. */
  private static String describe(GatewayException e) {
    String details =
        e.getDetails().stream()
            .map(d -> d.getMspId() + ": " + d.getMessage())
            .collect(Collectors.joining("; "));
    return details.isEmpty() ? e.getMessage() : e.getMessage() + " (" + details + ")";
  }
}
