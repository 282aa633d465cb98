package io.twinledger.service.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twinledger.contracts.merkle.ConsistencyProof;
import io.twinledger.contracts.merkle.InclusionProof;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.ledger.audit.AuditLog;
import io.twinledger.ledger.audit.CheckpointBook;
import io.twinledger.ledger.audit.IntegrityCheck;
import io.twinledger.ledger.audit.LeafKind;
import io.twinledger.ledger.audit.LeafScan;
import io.twinledger.ledger.audit.LogWatch;
import io.twinledger.ledger.audit.SignedCheckpoint;
import io.twinledger.ledger.audit.StoredLeaf;
import io.twinledger.service.problem.NotFoundException;
import io.twinledger.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The deployment's Merkle audit log: leaves, inclusion and consistency proofs, checkpoints and the
 * integrity check. Proofs default to the latest signed checkpoint, the tree a verifier can hold the
 * operator to; a tree size given explicitly must be within the log.
 */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit log", description = "RFC 9162 Merkle audit log: leaves, proofs, checkpoints")
public class AuditController {

  private final AuditLog auditLog;
  private final CheckpointBook checkpoints;
  private final IntegrityCheck integrity;
  private final LogWatch watch;
  private final LeafScan scan;

  public AuditController(
      AuditLog auditLog,
      CheckpointBook checkpoints,
      IntegrityCheck integrity,
      LogWatch watch,
      LeafScan scan) {
    this.auditLog = auditLog;
    this.checkpoints = checkpoints;
    this.integrity = integrity;
    this.watch = watch;
    this.scan = scan;
  }

  @GetMapping("/alarm")
  @RolesAllowed({Roles.AUDITOR, Roles.OPERATOR})
  @Operation(
      summary = "The integrity alarm",
      description =
          "Before each checkpoint the service checks the stored log; if it is not intact, no"
              + " checkpoint is signed or anchored and an alarm is raised (health component audit"
              + " DOWN) until an operator acknowledges it. state is none, open or acknowledged.")
  public AuditViews.Alarm alarm() {
    return AuditViews.Alarm.of(watch.alarm());
  }

  @PostMapping("/alarm/acknowledge")
  @RolesAllowed(Roles.OPERATOR)
  @Operation(
      summary = "Acknowledge the integrity alarm",
      description =
          "Records who acknowledged it; the health component turns UP again. Checkpoints stay"
              + " unsigned until the log is intact.")
  public AuditViews.Alarm acknowledge(Principal operator) {
    return AuditViews.Alarm.of(
        Optional.of(
            watch
                .acknowledge(operator.getName())
                .orElseThrow(() -> new NotFoundException("no integrity alarm is raised"))));
  }

  @GetMapping("/leaves")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.OPERATOR})
  @Operation(
      summary = "One leaf, by exactly one of: index, readingBatch (batch id), event (global index)")
  public AuditViews.Leaf leaf(
      @RequestParam(required = false) String index,
      @RequestParam(required = false) String readingBatch,
      @RequestParam(required = false) String event) {
    return AuditViews.Leaf.of(auditLog.logId(), find("index", index, readingBatch, event));
  }

  @GetMapping("/proofs/inclusion")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.OPERATOR})
  @Operation(
      summary = "Inclusion proof of a leaf",
      description =
          "In the tree of treeSize leaves, by default the latest checkpoint's. The leaf is the one"
              + " at leafIndex, or the one recording readingBatch or event.")
  public AuditViews.Inclusion inclusion(
      @RequestParam(required = false) String leafIndex,
      @RequestParam(required = false) String readingBatch,
      @RequestParam(required = false) String event,
      @RequestParam(required = false) String treeSize) {
    StoredLeaf leaf = find("leafIndex", leafIndex, readingBatch, event);
    long size = size("treeSize", treeSize);
    if (leaf.index() >= size) {
      throw new InvalidFieldException(
          "treeSize",
          "leaf "
              + leaf.index()
              + " is not in the tree of "
              + size
              + " leaves; give a larger"
              + " treeSize or wait for the next checkpoint");
    }
    InclusionProof proof = auditLog.inclusion(leaf.index(), size);
    return AuditViews.Inclusion.of(proof, leaf.hash(), auditLog.root(size));
  }

  @GetMapping("/proofs/consistency")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.OPERATOR})
  @Operation(
      summary = "Consistency proof between two tree sizes",
      description =
          "From size1 to size2, by default the latest checkpoint's size; 0 < size1 <= size2.")
  public AuditViews.Consistency consistency(
      @RequestParam String size1, @RequestParam(required = false) String size2) {
    long from = number("size1", size1);
    long to = size("size2", size2);
    if (from < 1 || from > to) {
      throw new InvalidFieldException(
          "size1", "must be between 1 and size2 (" + to + "), not " + from);
    }
    ConsistencyProof proof = auditLog.consistency(from, to);
    return AuditViews.Consistency.of(proof, auditLog.root(from), auditLog.root(to));
  }

  @GetMapping("/checkpoints/latest")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.OPERATOR})
  @Operation(
      summary = "The latest signed checkpoint",
      description = "anchor is null until the checkpoint is recorded on the ledger.")
  public AuditViews.Checkpoint latestCheckpoint() {
    return AuditViews.Checkpoint.of(latest());
  }

  @GetMapping("/integrity")
  @RolesAllowed({Roles.AUDITOR, Roles.OPERATOR})
  @Operation(
      summary = "Check the stored log",
      description =
          "Hashes every leaf's data again, recomputes every node and every checkpoint's root, and"
              + " names whatever does not match. Reads the whole log. records: the background"
              + " re-derivation of every reading batch's digest and every event's leaf from what is"
              + " stored now, with the first record that no longer matches its leaf.")
  public AuditViews.Integrity integrity() {
    return AuditViews.Integrity.of(integrity.run(), scan.progress());
  }

  private SignedCheckpoint latest() {
    return checkpoints
        .latest()
        .orElseThrow(
            () ->
                new NotFoundException("audit log " + auditLog.logId() + " has no checkpoint yet"));
  }

  /**
   * The leaf named by exactly one selector: its index (the parameter {@code indexName}), the
   * reading batch it records, or the domain event it records.
   */
  private StoredLeaf find(String indexName, String index, String readingBatch, String event) {
    Map<String, String> given = new TreeMap<>();
    Optional.ofNullable(index).ifPresent(v -> given.put(indexName, v));
    Optional.ofNullable(readingBatch).ifPresent(v -> given.put("readingBatch", v));
    Optional.ofNullable(event).ifPresent(v -> given.put("event", v));
    if (given.size() != 1) {
      throw new InvalidFieldException(
          given.isEmpty() ? indexName : String.join(",", given.keySet()),
          "give exactly one of " + indexName + ", readingBatch and event");
    }
    Map.Entry<String, String> by = given.entrySet().iterator().next();
    long value = number(by.getKey(), by.getValue());
    Optional<StoredLeaf> found =
        switch (by.getKey()) {
          case "readingBatch" -> auditLog.leaf(LeafKind.READING_BATCH, value);
          case "event" -> auditLog.leaf(LeafKind.DOMAIN_EVENT, value);
          default -> auditLog.leaf(value);
        };
    return found.orElseThrow(
        () ->
            new NotFoundException(
                "audit log "
                    + auditLog.logId()
                    + " has no leaf with "
                    + by.getKey()
                    + " "
                    + value));
  }

  /** A given tree size, within the log; or the latest checkpoint's. */
  private long size(String field, String given) {
    if (given == null) {
      return latest().checkpoint().treeSize();
    }
    long size = number(field, given);
    long logSize = auditLog.size();
    if (size < 1 || size > logSize) {
      throw new InvalidFieldException(
          field, "must be between 1 and the log's " + logSize + " leaves, not " + size);
    }
    return size;
  }

  private static long number(String field, String text) {
    try {
      long value = Long.parseLong(text);
      if (value < 0) {
        throw new InvalidFieldException(field, "must not be negative");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new InvalidFieldException(field, "'" + text + "' is not a whole number");
    }
  }
}
