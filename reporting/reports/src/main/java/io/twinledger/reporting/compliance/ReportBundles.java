package io.twinledger.reporting.compliance;

import io.twinledger.contracts.merkle.MultiInclusionProof;
import io.twinledger.ledger.audit.AuditLog;
import io.twinledger.ledger.audit.CheckpointBook;
import io.twinledger.ledger.audit.CheckpointNotes;
import io.twinledger.ledger.audit.DomainEventLeaf;
import io.twinledger.ledger.audit.LeafKind;
import io.twinledger.ledger.audit.NoteKeyEndorsement;
import io.twinledger.ledger.audit.ReadingBatchLeaf;
import io.twinledger.ledger.audit.SignedCheckpoint;
import io.twinledger.ledger.audit.StoredLeaf;
import io.twinledger.ledger.report.api.ReportIssued;
import io.twinledger.ledger.report.api.ReportStreams;
import io.twinledger.ledger.store.StoredEvent;
import io.twinledger.ledger.store.StoredEvents;
import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.reporting.evidence.Pem;
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
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Builds the {@link ReportBundle} of an issued report from what the stores hold now: the issuing
 * event, each input's batch or event read again by its leaf, one multi-leaf proof against the
 * latest anchored checkpoint, that checkpoint's anchoring and its witnessed note with the note
 * keys' endorsements, and the blocks of the report contract's transactions about the report; for
 * inputs written on the ledger (market slots), which no leaf records, the market evidence {@link
 * VillageReports#evidence} reads. Reading now, not copying what was read at issue, is the point: a
 * row changed in PostgreSQL after issue travels in the bundle, and the verifier names the input it
 * breaks.
 *
 * <p>The anchoring block is at or after every one of those transactions' blocks, so that the
 * bundle's header chain links them all; a checkpoint anchored before the latest attestation is
 * replaced by one more audit run.
 */
public class ReportBundles {

  private static final HexFormat HEX = HexFormat.of();

  private final StoredEvents events;
  private final ReadingStore readings;
  private final AuditLog auditLog;
  private final CheckpointBook checkpoints;
  private final Runnable checkpointNow;
  private final Optional<AnchoringLedger> ledger;
  private final CheckpointNotes notes;
  private final Optional<NoteKeyEndorsement> logKey;
  private final List<NoteKeyEndorsement> witnessKeys;
  private final TransactionBlocks transactions;
  private final Optional<VillageReports> village;

  /** Where the ledger committed a transaction. */
  @FunctionalInterface
  public interface TransactionBlocks {

    /** The number of the block that holds transaction {@code txId}, when the ledger has it. */
    Optional<Long> blockOf(String txId);
  }

  /**
   * Bundles of reports that read no market slots.
   *
   * @param checkpointNow appends what the log lacks, signs and anchors a checkpoint, and has the
   *     witnesses cosign its note
   * @param ledger the ledger checkpoints are anchored on; none when the deployment has no ledger
   * @param notes the checkpoints' C2SP notes with their cosignatures
   * @param logKey the log's note key endorsed by the organisation that signs checkpoints
   * @param witnessKeys each witness's cosignature key endorsed by its organisation
   * @param transactions finds the blocks of the report contract's transactions
   */
  public ReportBundles(
      StoredEvents events,
      ReadingStore readings,
      AuditLog auditLog,
      CheckpointBook checkpoints,
      Runnable checkpointNow,
      Optional<AnchoringLedger> ledger,
      CheckpointNotes notes,
      Optional<NoteKeyEndorsement> logKey,
      List<NoteKeyEndorsement> witnessKeys,
      TransactionBlocks transactions) {
    this(
        events,
        readings,
        auditLog,
        checkpoints,
        checkpointNow,
        ledger,
        notes,
        logKey,
        witnessKeys,
        transactions,
        Optional.empty());
  }

  /**
   * @param checkpointNow appends what the log lacks, signs and anchors a checkpoint, and has the
   *     witnesses cosign its note
   * @param ledger the ledger checkpoints are anchored on; none when the deployment has no ledger
   * @param notes the checkpoints' C2SP notes with their cosignatures
   * @param logKey the log's note key endorsed by the organisation that signs checkpoints
   * @param witnessKeys each witness's cosignature key endorsed by its organisation
   * @param transactions finds the blocks of the report contract's transactions
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
      CheckpointNotes notes,
      Optional<NoteKeyEndorsement> logKey,
      List<NoteKeyEndorsement> witnessKeys,
      TransactionBlocks transactions,
      Optional<VillageReports> village) {
    this.events = events;
    this.readings = readings;
    this.auditLog = auditLog;
    this.checkpoints = checkpoints;
    this.checkpointNow = checkpointNow;
    this.ledger = ledger;
    this.notes = notes;
    this.logKey = logKey;
    this.witnessKeys = List.copyOf(witnessKeys);
    this.transactions = transactions;
    this.village = village;
  }

  /**
   * The bundle of an issued report.
   *
   * @param ledgerTxs the report contract's transactions about the report: its issue, then each
   *     attestation
   * @param trusted a block the verifier already trusts: the bundle's headers then start after it
   *     (or at the earliest of the transactions' blocks, when that is earlier); empty for headers
   *     from block 0
   * @throws EvidenceUnavailableException when the deployment has no ledger, a transaction is not on
   *     it, or no anchored checkpoint covers the report's leaves and transactions even after one
   *     more audit run, or the report reads market slots and the deployment runs no market
   */
  public ReportBundle bundle(
      Report report,
      ReportBundle.IssuerSignature signature,
      List<String> ledgerTxs,
      Optional<Long> trusted) {
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
    // Only audit-log leaves are proven; market slots travel in the market evidence.
    List<Long> inputLeaves =
        report.inputs().stream()
            .flatMap(i -> i.auditLeaf().stream())
            .map(Input.AuditLeaf::index)
            .toList();
    indices.addAll(inputLeaves);
    Map<String, Long> txBlocks = new LinkedHashMap<>();
    for (String txId : ledgerTxs) {
      txBlocks.put(
          txId,
          transactions
              .blockOf(txId)
              .orElseThrow(
                  () ->
                      new EvidenceUnavailableException(
                          "the ledger holds no transaction "
                              + txId
                              + " of report "
                              + report.id())));
    }
    long lastBlock = txBlocks.values().stream().mapToLong(Long::longValue).max().orElse(0);
    SignedCheckpoint checkpoint = covering(indices.last(), lastBlock);
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
    long firstBlock = txBlocks.values().stream().mapToLong(Long::longValue).min().orElse(0);
    long from = trusted.map(t -> Math.min(t + 1, firstBlock)).orElse(0L);
    return new ReportBundle(
        report,
        signature,
        BundleParts.event(issued, leaf(issuedLeaf)),
        batches,
        bundled,
        new ReportBundle.LeafProof(proof.treeSize(), proof.leafIndices(), proof.hexHashes()),
        BundleParts.anchored(anchoring, checkpoint, from),
        witnessed(checkpoint.checkpoint().treeSize()),
        txBlocks.entrySet().stream()
            .map(
                tx ->
                    new ReportBundle.LedgerTransaction(
                        tx.getKey(),
                        Base64.getEncoder()
                            .encodeToString(
                                BundleParts.block(anchoring, tx.getValue()).toByteArray())))
            .toList(),
        market(report));
  }

  /** The market evidence of the report's market-slot inputs, when it reads any. */
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

  /**
   * The note of the checkpoint of {@code treeSize} leaves, when it has one and the log key an
   * endorsement.
   */
  private Optional<ReportBundle.Witnessed> witnessed(long treeSize) {
    return notes
        .at(treeSize)
        .flatMap(
            note ->
                logKey.map(
                    log ->
                        new ReportBundle.Witnessed(
                            note.encode(),
                            endorsement(log),
                            witnessKeys.stream().map(ReportBundles::endorsement).toList())));
  }

  private static ReportBundle.KeyEndorsement endorsement(NoteKeyEndorsement e) {
    return new ReportBundle.KeyEndorsement(
        e.vkey(),
        e.mspId(),
        Pem.of(e.certificate()),
        Base64.getEncoder().encodeToString(e.signature()));
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

  /** The latest anchored checkpoint, if it covers leaf {@code highest} and block {@code block}. */
  private SignedCheckpoint covering(long highest, long block) {
    Predicate<SignedCheckpoint> covers =
        c ->
            c.checkpoint().treeSize() > highest
                && c.anchor().map(a -> a.blockNumber() >= block).orElse(false);
    Optional<SignedCheckpoint> anchored = checkpoints.latestAnchored();
    if (anchored.filter(covers).isEmpty()) {
      checkpointNow.run();
      anchored = checkpoints.latestAnchored();
    }
    return anchored
        .filter(covers)
        .orElseThrow(
            () ->
                new EvidenceUnavailableException(
                    "no anchored checkpoint covers leaf "
                        + highest
                        + " and block "
                        + block
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
