package io.twinledger.reporting.compliance;

import io.twinledger.contracts.merkle.MultiInclusionProof;
import io.twinledger.ledger.audit.AuditLog;
import io.twinledger.ledger.audit.CheckpointBook;
import io.twinledger.ledger.audit.DomainEventLeaf;
import io.twinledger.ledger.audit.LeafKind;
import io.twinledger.ledger.audit.ReadingBatchLeaf;
import io.twinledger.ledger.audit.SignedCheckpoint;
import io.twinledger.ledger.audit.StoredLeaf;
import io.twinledger.ledger.report.api.ReportIssued;
import io.twinledger.ledger.report.api.ReportStreams;
import io.twinledger.ledger.store.StoredEvent;
import io.twinledger.ledger.store.StoredEvents;
import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.reporting.evidence.export.AnchoringLedger;
import io.twinledger.reporting.evidence.export.BundleParts;
import io.twinledger.reporting.evidence.export.EvidenceUnavailableException;
import io.twinledger.reporting.report.Input;
import io.twinledger.reporting.report.Report;
import io.twinledger.reporting.report.ReportBundle;
import io.twinledger.twin.reading.ReadingBatch;
import io.twinledger.twin.store.BatchReadings;
import io.twinledger.twin.store.ReadingStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Builds the {@link ReportBundle} of an issued report from what the stores hold now: the issuing
 * event, each input's batch or event read again by its leaf, one multi-leaf proof against the
 * latest anchored checkpoint, and that checkpoint's anchoring; for inputs written on the ledger
 * (market slots), the market evidence {@link VillageReports#evidence} reads. Reading now, not
 * copying what was read at issue, is the point: a row changed in PostgreSQL after issue travels in
 * the bundle, and the verifier names the input it breaks.
 */
public class ReportBundles {

  private static final HexFormat HEX = HexFormat.of();

  private final StoredEvents events;
  private final ReadingStore readings;
  private final AuditLog auditLog;
  private final CheckpointBook checkpoints;
  private final Runnable checkpointNow;
  private final Optional<AnchoringLedger> ledger;
  private final Optional<VillageReports> village;

  /**
   * Bundles of reports that read no market slots.
   *
   * @param checkpointNow appends what the log lacks and signs and anchors a checkpoint
   * @param ledger the ledger checkpoints are anchored on; none when the deployment has no ledger
   */
  public ReportBundles(
      StoredEvents events,
      ReadingStore readings,
      AuditLog auditLog,
      CheckpointBook checkpoints,
      Runnable checkpointNow,
      Optional<AnchoringLedger> ledger) {
    this(events, readings, auditLog, checkpoints, checkpointNow, ledger, Optional.empty());
  }

  /**
   * @param checkpointNow appends what the log lacks and signs and anchors a checkpoint
   * @param ledger the ledger checkpoints are anchored on; none when the deployment has no ledger
   * @param village the village market's reports, for reports that read market slots; none when the
   *     deployment runs no market
   */
  public ReportBundles(
      StoredEvents events,
      ReadingStore readings,
      AuditLog auditLog,
      CheckpointBook checkpoints,
      Runnable checkpointNow,
      Optional<AnchoringLedger> ledger,
      Optional<VillageReports> village) {
    this.events = events;
    this.readings = readings;
    this.auditLog = auditLog;
    this.checkpoints = checkpoints;
    this.checkpointNow = checkpointNow;
    this.ledger = ledger;
    this.village = village;
  }

  /**
   * The bundle of an issued report.
   *
   * @throws EvidenceUnavailableException when the deployment has no ledger, or no anchored
   *     checkpoint covers the report's leaves even after one more audit run, or the report reads
   *     market slots and the deployment runs no market
   */
  public ReportBundle bundle(Report report, ReportBundle.IssuerSignature signature) {
    AnchoringLedger anchoring =
        ledger.orElseThrow(
            () ->
                new EvidenceUnavailableException(
                    "no ledger in this deployment (twinledger.ledger.mode=none): checkpoints are"
                        + " not anchored"));
    StoredEvent issued =
        events.of(ReportStreams.streamId(report.id()), ReportIssued.class.getName()).stream()
            .findFirst()
            .orElseThrow(
                () ->
                    new EvidenceUnavailableException(
                        "report " + report.id() + " has no stored issue"));
    StoredLeaf issuedLeaf = issuanceLeaf(issued);
    TreeSet<Long> indices = new TreeSet<>();
    indices.add(issuedLeaf.index());
    List<Long> inputLeaves = new ArrayList<>();
    for (Input input : report.inputs()) {
      if (input.evidence() instanceof Input.AuditLeaf leaf) {
        inputLeaves.add(leaf.index());
      }
    }
    indices.addAll(inputLeaves);
    SignedCheckpoint checkpoint = covering(indices.last());
    List<EvidenceBundle.Batch> batches = new ArrayList<>();
    List<Long> eventIndexes = new ArrayList<>();
    Map<Long, StoredLeaf> eventLeaves = new HashMap<>();
    for (long index : inputLeaves) {
      StoredLeaf leaf =
          auditLog
              .leaf(index)
              .orElseThrow(
                  () -> new EvidenceUnavailableException("the log holds no leaf " + index));
      switch (leaf.leaf()) {
        case ReadingBatchLeaf batch -> batches.add(batch(batch.batchId(), leaf));
        case DomainEventLeaf event -> {
          eventIndexes.add(event.globalIndex());
          eventLeaves.put(event.globalIndex(), leaf);
        }
      }
    }
    List<EvidenceBundle.Event> bundled = new ArrayList<>();
    // An event the store no longer holds travels as its leaf alone, for the verifier to report.
    Map<Long, StoredEvent> stored = events.at(eventIndexes);
    for (long index : eventIndexes) {
      StoredEvent event = stored.get(index);
      if (event != null) {
        bundled.add(BundleParts.event(event, leaf(eventLeaves.get(index))));
      }
    }
    MultiInclusionProof proof =
        auditLog.multiInclusion(indices, checkpoint.checkpoint().treeSize());
    return new ReportBundle(
        report,
        signature,
        BundleParts.event(issued, leaf(issuedLeaf)),
        batches,
        bundled,
        new ReportBundle.LeafProof(proof.treeSize(), proof.leafIndices(), proof.hexHashes()),
        BundleParts.anchored(anchoring, checkpoint),
        market(report));
  }

  private Optional<ReportBundle.Market> market(Report report) {
    if (report.inputs().stream().noneMatch(i -> i.evidence() instanceof Input.LedgerWrite)) {
      return Optional.empty();
    }
    return Optional.of(
        village
            .orElseThrow(
                () ->
                    new EvidenceUnavailableException(
                        "report "
                            + report.id()
                            + " reads market slots; this deployment runs no"
                            + " market"))
            .evidence(report));
  }

  private StoredLeaf issuanceLeaf(StoredEvent issued) {
    Optional<StoredLeaf> leaf = auditLog.leaf(LeafKind.DOMAIN_EVENT, issued.globalIndex());
    if (leaf.isEmpty()) {
      checkpointNow.run();
      leaf = auditLog.leaf(LeafKind.DOMAIN_EVENT, issued.globalIndex());
    }
    return leaf.orElseThrow(
        () ->
            new EvidenceUnavailableException(
                "the report's issue is not in the audit log yet; try again in a minute"));
  }

  private SignedCheckpoint covering(long highest) {
    Optional<SignedCheckpoint> anchored = checkpoints.latestAnchored();
    if (anchored.isEmpty() || anchored.get().checkpoint().treeSize() <= highest) {
      checkpointNow.run();
      anchored = checkpoints.latestAnchored();
    }
    return anchored
        .filter(c -> c.checkpoint().treeSize() > highest)
        .orElseThrow(
            () ->
                new EvidenceUnavailableException(
                    "no anchored checkpoint covers leaf "
                        + highest
                        + " yet (the ledger may be refusing checkpoints; see the service log)"));
  }

  private EvidenceBundle.Batch batch(long batchId, StoredLeaf leaf) {
    // A batch whose rows are gone travels without readings, for the verifier to report.
    Optional<BatchReadings> stored = readings.readingsOf(batchId);
    return new EvidenceBundle.Batch(
        batchId,
        stored.map(BatchReadings::encoding).orElse(ReadingBatch.Encoding.CURRENT).tag(),
        stored.map(BatchReadings::readings).orElse(List.of()).stream()
            .map(BundleParts::reading)
            .toList(),
        leaf(leaf));
  }

  private static EvidenceBundle.Leaf leaf(StoredLeaf leaf) {
    return new EvidenceBundle.Leaf(leaf.index(), HEX.formatHex(leaf.leaf().data()), List.of());
  }
}
