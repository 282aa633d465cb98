package io.twinledger.reporting.evidence.export;

import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.ledger.asset.api.KpiPeriodClosed;
import io.twinledger.ledger.asset.api.PeriodStreams;
import io.twinledger.ledger.asset.projection.KpiPeriodView;
import io.twinledger.ledger.asset.projection.KpiPeriods;
import io.twinledger.ledger.audit.AuditLog;
import io.twinledger.ledger.audit.CheckpointBook;
import io.twinledger.ledger.audit.LeafKind;
import io.twinledger.ledger.audit.SignedCheckpoint;
import io.twinledger.ledger.audit.StoredLeaf;
import io.twinledger.ledger.correction.api.CorrectionDecided;
import io.twinledger.ledger.correction.api.CorrectionRequested;
import io.twinledger.ledger.correction.api.CorrectionStreams;
import io.twinledger.ledger.store.StoredEvent;
import io.twinledger.ledger.store.StoredEvents;
import io.twinledger.reporting.UnknownSubjectException;
import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.twin.correction.CorrectionBook;
import io.twinledger.twin.reading.ReadingBatch;
import io.twinledger.twin.store.BatchReadings;
import io.twinledger.twin.store.ReadingStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the {@link EvidenceBundle} of one KPI period from the owning modules' read interfaces: the
 * period ({@link KpiPeriods}), its {@code KpiPeriodClosed} event as stored, on its period series or
 * (closed before periods had streams of their own) on its asset's stream ({@link StoredEvents}),
 * its reading batches and their readings as stored ({@link ReadingStore}), leaves and proofs from
 * the {@link AuditLog} against its latest anchored checkpoint, the anchoring block and the headers
 * before it, and the channel members' CA certificates ({@link AnchoringLedger}).
 *
 * <p>Everything is read as it is stored now, not as it was recorded: if a stored row was changed,
 * the bundle carries the change and the verifier names it. When the log does not yet hold the
 * period's leaves, or the latest anchored checkpoint does not cover them, the export runs the audit
 * job once ({@code checkpointNow}: append pending events, sign and anchor a checkpoint).
 */
public class EvidenceExport {

  private static final HexFormat HEX = HexFormat.of();

  private final KpiPeriods periods;
  private final StoredEvents events;
  private final ReadingStore readings;
  private final CorrectionBook corrections;
  private final AuditLog auditLog;
  private final CheckpointBook checkpoints;
  private final Runnable checkpointNow;
  private final Optional<AnchoringLedger> ledger;
  private final JsonMapper json;
  private final Clock clock;

  /**
   * @param checkpointNow appends what the audit log lacks and signs and anchors a checkpoint
   * @param ledger the ledger checkpoints are anchored on; none when the deployment has no ledger
   */
  public EvidenceExport(
      KpiPeriods periods,
      StoredEvents events,
      ReadingStore readings,
      CorrectionBook corrections,
      AuditLog auditLog,
      CheckpointBook checkpoints,
      Runnable checkpointNow,
      Optional<AnchoringLedger> ledger,
      JsonMapper json,
      Clock clock) {
    this.periods = periods;
    this.events = events;
    this.readings = readings;
    this.corrections = corrections;
    this.auditLog = auditLog;
    this.checkpoints = checkpoints;
    this.checkpointNow = checkpointNow;
    this.ledger = ledger;
    this.json = json;
    this.clock = clock;
  }

  /**
   * The bundle of the period named by {@code key}.
   *
   * @throws UnknownSubjectException if there is no such period (or revision)
   * @throws EvidenceUnavailableException if its evidence cannot be completed now
   */
  public EvidenceBundle export(PeriodKey key) {
    AnchoringLedger anchoring =
        ledger.orElseThrow(
            () ->
                new EvidenceUnavailableException(
                    "no ledger in this deployment (twinledger.ledger.mode=none): checkpoints are"
                        + " not anchored"));
    KpiPeriodView period = period(key);
    Map<Long, String> batchIds = batchIds(period);
    Optional<StoredEvent> event = closingEvent(period);
    List<InEffect> inEffect = corrections(period, batchIds.keySet());
    // The bundle holds the batch each names, voided ones included.
    inEffect.forEach(c -> batchIds.putIfAbsent(c.batchId(), c.batchDigest()));
    List<StoredEvent> proved = new ArrayList<>();
    event.ifPresent(proved::add);
    inEffect.forEach(c -> proved.addAll(c.events()));
    Proven proven = prove(batchIds.keySet(), proved);
    List<EvidenceBundle.Batch> batches = new ArrayList<>();
    for (Map.Entry<Long, StoredLeaf> entry : proven.batches().entrySet()) {
      // A batch whose row is gone is exported without readings, for the verifier to report.
      Optional<BatchReadings> stored = readings.readingsOf(entry.getKey());
      batches.add(
          new EvidenceBundle.Batch(
              entry.getKey(),
              stored.map(BatchReadings::encoding).orElse(ReadingBatch.Encoding.CURRENT).tag(),
              stored.map(BatchReadings::readings).orElse(List.of()).stream()
                  .map(BundleParts::reading)
                  .toList(),
              leaf(entry.getValue(), proven.checkpoint())));
    }
    return new EvidenceBundle(
        EvidenceBundle.FORMAT,
        clock.instant().toString(),
        period(period),
        event.map(
            e ->
                BundleParts.event(
                    e, leaf(proven.eventLeaves().get(e.globalIndex()), proven.checkpoint()))),
        batches,
        inEffect.stream()
            .map(
                c ->
                    new EvidenceBundle.Correction(
                        c.correctionId(),
                        c.events().stream()
                            .map(
                                e ->
                                    BundleParts.event(
                                        e,
                                        leaf(
                                            proven.eventLeaves().get(e.globalIndex()),
                                            proven.checkpoint())))
                            .toList()))
            .toList(),
        BundleParts.checkpoint(anchoring, proven.checkpoint()),
        BundleParts.anchor(anchoring, proven.checkpoint()),
        BundleParts.certificates(anchoring));
  }

  /**
   * Which of these periods are <em>proven</em> now: the period has a value, every reading batch
   * behind it (by the digests it names) is in the reading store and is a leaf of the audit log, and
   * the latest checkpoint anchored on the ledger covers all of those leaves. Such a period's bundle
   * can be exported without waiting for the audit job, and what it proves is the readings behind
   * the figure; the closing event is appended to the log within seconds and is proven in the
   * bundle. Without a ledger nothing is proven. Three reads, whatever the number of periods.
   */
  public Set<KpiPeriodView> proven(Collection<KpiPeriodView> candidates) {
    return provenLeaves(candidates).map(p -> p.leaves().keySet()).orElse(Set.of());
  }

  /**
   * The proven periods among {@code candidates} (as {@link #proven}), each with the audit-log leaf
   * indexes of its reading batches, and the anchored checkpoint that covers them; empty when
   * nothing is anchored.
   */
  public Optional<ProvenPeriods> provenLeaves(Collection<KpiPeriodView> candidates) {
    Optional<SignedCheckpoint> anchored =
        ledger.isEmpty() ? Optional.empty() : checkpoints.latestAnchored();
    if (anchored.isEmpty()) {
      return Optional.empty();
    }
    long treeSize = anchored.get().checkpoint().treeSize();
    Set<String> digests = new HashSet<>();
    candidates.forEach(p -> digests.addAll(p.batchDigests()));
    Map<String, Long> ids = readings.batchIds(digests);
    Map<Long, Long> leaves = auditLog.leafIndices(LeafKind.READING_BATCH, ids.values());
    Map<KpiPeriodView, List<Long>> proven = new HashMap<>();
    for (KpiPeriodView period : candidates) {
      if (period.value().isEmpty() || period.batchDigests().isEmpty()) {
        continue;
      }
      List<Long> indexes = new ArrayList<>();
      for (String digest : period.batchDigests()) {
        Long index = Optional.ofNullable(ids.get(digest)).map(leaves::get).orElse(null);
        if (index == null || index >= treeSize) {
          indexes = null;
          break;
        }
        indexes.add(index);
      }
      if (indexes != null) {
        proven.put(period, List.copyOf(indexes));
      }
    }
    return Optional.of(new ProvenPeriods(anchored.get(), proven));
  }

  /**
   * Proven periods with the leaf indexes of their reading batches.
   *
   * @param checkpoint the anchored checkpoint whose tree holds every leaf named
   */
  public record ProvenPeriods(SignedCheckpoint checkpoint, Map<KpiPeriodView, List<Long>> leaves) {

    public ProvenPeriods {
      leaves = Map.copyOf(leaves);
    }
  }

  private KpiPeriodView period(PeriodKey key) {
    List<KpiPeriodView> revisions =
        periods
            .of(
                key.assetId(),
                key.kpiId(),
                Optional.of(key.kind()),
                key.start(),
                key.start().plusSeconds(1),
                true)
            .stream()
            .filter(p -> p.periodStart().equals(key.start()))
            .toList();
    String named =
        key.assetId() + " " + key.kpiId() + " " + key.kind() + " period starting " + key.start();
    if (revisions.isEmpty()) {
      throw new UnknownSubjectException("no closed " + named);
    }
    if (key.revision().isEmpty()) {
      return revisions.getLast();
    }
    return revisions.stream()
        .filter(p -> p.revision() == key.revision().get())
        .findFirst()
        .orElseThrow(
            () ->
                new UnknownSubjectException(
                    "no revision " + key.revision().get() + " of the " + named));
  }

  /** The batch id of each of the period's digests. */
  private Map<Long, String> batchIds(KpiPeriodView period) {
    Map<Long, String> ids = new TreeMap<>();
    readings.batchIds(period.batchDigests()).forEach((digest, id) -> ids.put(id, digest));
    List<String> missing = new ArrayList<>(period.batchDigests());
    missing.removeAll(ids.values());
    if (!missing.isEmpty()) {
      throw new EvidenceUnavailableException(
          "the reading store holds no batch with digest " + String.join(", ", missing));
    }
    return ids;
  }

  /**
   * The first stored {@code KpiPeriodClosed} of this revision of the period, the one the read side
   * shows (it keeps the first of repeated revisions). It is on the period series of the asset and
   * KPI or, for a period closed before periods had streams of their own, on the asset's stream: the
   * series holds only a copy of such a period ({@code KpiPeriodCarriedOver}), and the evidence is
   * the event the read side was built from.
   */
  public Optional<StoredEvent> closingEvent(KpiPeriodView period) {
    String type = KpiPeriodClosed.class.getName();
    return Stream.concat(
            events.of(PeriodStreams.seriesId(period.assetId(), period.kpiId()), type).stream(),
            events.of(period.assetId(), type).stream())
        .filter(e -> records(e, period))
        .min(Comparator.comparingLong(StoredEvent::globalIndex));
  }

  private boolean records(StoredEvent event, KpiPeriodView period) {
    try {
      JsonNode payload = json.readTree(event.payload());
      return payload.path("kpiId").asString("").equals(period.kpiId())
          && payload.path("periodKind").asString("").equals(period.periodKind())
          && payload.path("revision").asInt(-1) == period.revision()
          && Instant.parse(payload.path("periodStart").asString("")).equals(period.periodStart());
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * A correction in effect on a period's readings when it was closed, with the batch it names and
   * its stored events: the request, and the decision where one was needed, in log order.
   *
   * @param batchDigest lower-case hex SHA-256 of the batch, as the audit log recorded it
   */
  public record InEffect(
      long correctionId, long batchId, String batchDigest, List<StoredEvent> events) {

    public InEffect {
      events = List.copyOf(events);
    }
  }

  /**
   * The corrections in effect on the period's readings when it was closed, in the order they took
   * effect: what its close read its readings through. A voided reading's batch need not be among
   * {@code periodBatches}, the ids of the batches the period names.
   */
  public List<InEffect> corrections(KpiPeriodView period, Collection<Long> periodBatches) {
    List<InEffect> found = new ArrayList<>();
    for (long id :
        corrections.inEffectBy(
            period.assetId(),
            Set.copyOf(periodBatches),
            period.periodStart(),
            period.periodEnd(),
            period.closedAt())) {
      String stream = CorrectionStreams.streamId(id);
      List<StoredEvent> stored = new ArrayList<>();
      stored.addAll(events.of(stream, CorrectionRequested.class.getName()));
      stored.addAll(events.of(stream, CorrectionDecided.class.getName()));
      stored.sort(Comparator.comparingLong(StoredEvent::globalIndex));
      corrections
          .find(id)
          .ifPresent(c -> found.add(new InEffect(id, c.batchId(), c.batchDigest(), stored)));
    }
    return found;
  }

  /** The leaves and the anchored checkpoint whose tree holds them all. */
  private record Proven(
      Map<Long, StoredLeaf> batches,
      Map<Long, StoredLeaf> eventLeaves,
      SignedCheckpoint checkpoint) {}

  private Proven prove(Iterable<Long> batchIds, List<StoredEvent> events) {
    Optional<Proven> proven = tryProve(batchIds, events, false);
    if (proven.isEmpty()) {
      checkpointNow.run();
      proven = tryProve(batchIds, events, true);
    }
    return proven.orElseThrow();
  }

  private Optional<Proven> tryProve(
      Iterable<Long> batchIds, List<StoredEvent> events, boolean last) {
    Map<Long, StoredLeaf> leaves = new TreeMap<>();
    long highest = -1;
    for (long batchId : batchIds) {
      Optional<StoredLeaf> leaf = auditLog.leaf(LeafKind.READING_BATCH, batchId);
      if (leaf.isEmpty()) {
        return unavailable(last, "reading batch " + batchId + " is not in the audit log");
      }
      leaves.put(batchId, leaf.get());
      highest = Math.max(highest, leaf.get().index());
    }
    Map<Long, StoredLeaf> eventLeaves = new TreeMap<>();
    for (StoredEvent event : events) {
      Optional<StoredLeaf> eventLeaf = auditLog.leaf(LeafKind.DOMAIN_EVENT, event.globalIndex());
      if (eventLeaf.isEmpty()) {
        return unavailable(last, "event " + event.globalIndex() + " is not in the audit log yet");
      }
      eventLeaves.put(event.globalIndex(), eventLeaf.get());
      highest = Math.max(highest, eventLeaf.get().index());
    }
    Optional<SignedCheckpoint> anchored = checkpoints.latestAnchored();
    if (anchored.isEmpty() || anchored.get().checkpoint().treeSize() <= highest) {
      return unavailable(
          last,
          "no anchored checkpoint of "
              + auditLog.logId()
              + " covers leaf "
              + highest
              + " yet (the ledger may be refusing checkpoints; see the service log)");
    }
    return Optional.of(new Proven(leaves, eventLeaves, anchored.get()));
  }

  private static Optional<Proven> unavailable(boolean last, String reason) {
    if (last) {
      throw new EvidenceUnavailableException(reason);
    }
    return Optional.empty();
  }

  private EvidenceBundle.Leaf leaf(StoredLeaf stored, SignedCheckpoint checkpoint) {
    return new EvidenceBundle.Leaf(
        stored.index(),
        HEX.formatHex(stored.leaf().data()),
        auditLog.inclusion(stored.index(), checkpoint.checkpoint().treeSize()).path().stream()
            .map(Sha256::hex)
            .toList());
  }

  private static EvidenceBundle.Period period(KpiPeriodView p) {
    return new EvidenceBundle.Period(
        p.assetId(),
        p.kpiId(),
        p.periodKind(),
        p.periodStart().toString(),
        p.periodEnd().toString(),
        p.revision(),
        p.value().map(BigDecimal::toPlainString),
        p.unit(),
        p.readingCount(),
        p.batchDigests(),
        p.closedAt().toString());
  }
}
