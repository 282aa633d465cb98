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
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Anchors checkpoints through the audit-anchor chaincode, with the Fabric Gateway client: the one
 * way TwinLedger reaches a ledger, embedded or a real network. The gateway's identity must be the
 * one whose key signed the checkpoints, since the chaincode checks the signature against the
 * submitting certificate.
 */
public final class FabricCheckpointAnchor implements CheckpointAnchor {

  /** The logging context's key for the Fabric transaction id while one is submitted. */
  public static final String TX_ID = "txId";

  private static final Logger log = LoggerFactory.getLogger(FabricCheckpointAnchor.class);

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
    List<Sha256> proof = sincePrevious.map(ConsistencyProof::path).orElse(List.of());
    Proposal proposal =
        contract
            .newProposal(RECORD)
            .addArguments(
                checkpoint.logId(),
                Long.toString(checkpoint.treeSize()),
                checkpoint.root().hex(),
                checkpoint.timestamp().toString(),
                Base64.getEncoder().encodeToString(signed.signature()),
                proof.stream()
                    .map(hash -> '"' + hash.hex() + '"')
                    .collect(Collectors.joining(",", "[", "]")))
            .build();
    // What is logged while the transaction is under way carries its id (MDC "txId").
    try (MDC.MDCCloseable tx = MDC.putCloseable(TX_ID, proposal.getTransactionId())) {
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

  /** The gateway's message and the endorsing peers' details, which carry the chaincode's reason. */
  private static String describe(GatewayException e) {
    String details =
        e.getDetails().stream()
            .map(d -> d.getMspId() + ": " + d.getMessage())
            .collect(Collectors.joining("; "));
    return details.isEmpty() ? e.getMessage() : e.getMessage() + " (" + details + ")";
  }
}
