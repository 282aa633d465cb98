package io.twinledger.service.evidence;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.twinledger.contracts.merkle.TreeHash;
import io.twinledger.ledger.asset.projection.KpiPeriodView;
import io.twinledger.ledger.asset.projection.KpiPeriods;
import io.twinledger.ledger.peer.block.EndorserTransaction;
import io.twinledger.ledger.peer.block.MalformedTransactionException;
import io.twinledger.network.Consortium;
import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.reporting.evidence.EvidenceVerifier;
import io.twinledger.reporting.evidence.Finding;
import io.twinledger.reporting.evidence.Verification;
import io.twinledger.reporting.evidence.export.EvidenceExport;
import io.twinledger.reporting.evidence.export.PeriodKey;
import io.twinledger.twin.store.ReadingStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.hyperledger.fabric.protos.common.Block;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A KPI period's evidence as the explorer walks it: the period, its reading batches by digest,
 * their audit leaves with the inclusion proofs, the signed checkpoint those proofs lead to, and the
 * ledger block that anchored it. Built from the very bundle the download and the API give ({@link
 * EvidenceExport}), and checked with the offline verifier ({@link EvidenceVerifier}), so that each
 * step shows what {@code ./twinledger verify} says of it.
 */
@Component
public class EvidenceTrail {

  /** Closed periods the explorer offers to choose from, latest first. */
  public static final int CHOICES = 36;

  private static final HexFormat HEX = HexFormat.of();

  /**
   * A reading batch behind the period and its leaf.
   *
   * @param digest the batch digest the period names (hex)
   * @param leafHash the RFC 9162 hash of the leaf's data (hex)
   * @param path the inclusion proof: sibling hashes from the leaf up to the checkpoint's root
   * @param check the verifier's finding on the batch: digest, leaf and proof
   */
  public record BatchStep(
      long batchId,
      String digest,
      int readings,
      long leafIndex,
      String leafHash,
      List<String> path,
      Finding check) {}

  /** The event that recorded the period, its leaf and proof, and the verifier's finding. */
  public record EventStep(
      long globalIndex, long leafIndex, String leafHash, List<String> path, Finding check) {}

  /**
   * The whole walk.
   *
   * @param blockTime when the anchoring transaction was created (its channel header's timestamp)
   * @param checkpointCheck the verifier's finding on the checkpoint's signature
   * @param anchorChecks the verifier's findings on the block and the anchoring transaction
   */
  public record Trail(
      EvidenceBundle bundle,
      List<BatchStep> batches,
      Optional<EventStep> event,
      Finding periodCheck,
      Finding checkpointCheck,
      List<Finding> anchorChecks,
      Optional<Instant> blockTime,
      Verification verification) {

    /** The period's start, which the bundle carries as text. */
    public Instant periodStart() {
      return Instant.parse(bundle.period().periodStart());
    }
  }

  private final EvidenceExport export;
  private final ReadingStore readings;
  private final KpiPeriods periods;
  private final ObjectProvider<Consortium> consortium;

  /**
   * Walks of period revisions, kept for {@link #KEPT}: a month's evidence can be tens of megabytes
   * of readings to export and verify again, and a period revision's walk only changes when stored
   * evidence does, which the integrity check and its alarm watch. Without the readings, a walk is a
   * few kilobytes.
   */
  private final Cache<PeriodKey, Trail> walked =
      Caffeine.newBuilder().maximumSize(256).expireAfterWrite(KEPT).build();

  /** How long a period revision's verified walk is shown again without walking it anew. */
  public static final Duration KEPT = Duration.ofMinutes(5);

  public EvidenceTrail(
      EvidenceExport export,
      ReadingStore readings,
      KpiPeriods periods,
      ObjectProvider<Consortium> consortium) {
    this.export = export;
    this.readings = readings;
    this.periods = periods;
    this.consortium = consortium;
  }

  /**
   * The evidence of one period.
   *
   * @throws io.twinledger.reporting.UnknownSubjectException if there is no such period
   * @throws io.twinledger.reporting.evidence.export.EvidenceUnavailableException if its evidence
   *     cannot be completed now
   */
  public Trail of(PeriodKey key) {
    Optional<PeriodKey> revision = revision(key);
    if (revision.isEmpty()) {
      return walk(key);
    }
    return walked.get(revision.get(), this::walk);
  }

  /**
   * The key with the revision it names, or the period's latest; empty when the period is not closed
   * (the export then says why).
   */
  private Optional<PeriodKey> revision(PeriodKey key) {
    if (key.revision().isPresent()) {
      return Optional.of(key);
    }
    return periods
        .of(
            key.assetId(),
            key.kpiId(),
            Optional.of(key.kind()),
            key.start(),
            key.start().plusMillis(1),
            false)
        .stream()
        .findFirst()
        .map(
            p ->
                new PeriodKey(
                    key.assetId(),
                    key.kpiId(),
                    key.kind(),
                    key.start(),
                    Optional.of(p.revision())));
  }

  private Trail walk(PeriodKey key) {
    EvidenceBundle bundle = export.export(key);
    Verification verification = new EvidenceVerifier(consortium::getObject).verify(bundle);
    Map<Long, String> digests = new TreeMap<>();
    readings.batchIds(bundle.period().batchDigests()).forEach((d, id) -> digests.put(id, d));
    List<BatchStep> batches =
        bundle.batches().stream()
            .map(
                b ->
                    new BatchStep(
                        b.batchId(),
                        digests.getOrDefault(b.batchId(), ""),
                        b.readings().size(),
                        b.leaf().index(),
                        leafHash(b.leaf()),
                        b.leaf().proof(),
                        finding(verification, "reading batch " + b.batchId())))
            .toList();
    Optional<EventStep> event =
        bundle
            .event()
            .map(
                e ->
                    new EventStep(
                        e.globalIndex(),
                        e.leaf().index(),
                        leafHash(e.leaf()),
                        e.leaf().proof(),
                        finding(verification, "event " + e.globalIndex())));
    EvidenceBundle.Anchor anchor = bundle.anchor();
    return new Trail(
        withoutReadings(bundle),
        batches,
        event,
        finding(verification, i -> i.startsWith("period ")),
        finding(verification, i -> i.startsWith("checkpoint ")),
        verification.findings().stream()
            .filter(
                f ->
                    f.item().equals("block " + anchor.blockNumber())
                        || f.item().equals("transaction " + anchor.txId()))
            .toList(),
        transactionTime(anchor),
        verification);
  }

  /**
   * The latest revisions of a KPI's closed periods of one kind, latest first, at most {@value
   * #CHOICES}.
   */
  public List<KpiPeriodView> choices(String assetId, String kpiId, String kind) {
    List<KpiPeriodView> all =
        periods.of(assetId, kpiId, Optional.of(kind), Instant.EPOCH, Instant.now(), false);
    return all.subList(Math.max(0, all.size() - CHOICES), all.size()).reversed();
  }

  /** The bundle without its readings, which the walk has counted and checked and no page shows. */
  private static EvidenceBundle withoutReadings(EvidenceBundle bundle) {
    return new EvidenceBundle(
        bundle.format(),
        bundle.exportedAt(),
        bundle.period(),
        bundle.event(),
        bundle.batches().stream()
            .map(b -> new EvidenceBundle.Batch(b.batchId(), b.encoding(), List.of(), b.leaf()))
            .toList(),
        bundle.corrections(),
        bundle.checkpoint(),
        bundle.anchor(),
        bundle.certificates());
  }

  private static String leafHash(EvidenceBundle.Leaf leaf) {
    return TreeHash.leaf(HEX.parseHex(leaf.data())).hex();
  }

  private static Finding finding(Verification verification, String item) {
    return finding(verification, item::equals);
  }

  private static Finding finding(Verification verification, Predicate<String> item) {
    return verification.findings().stream()
        .filter(f -> item.test(f.item()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the verifier left out an item it checks"));
  }

  /** The anchoring transaction's timestamp, read from the block the bundle carries. */
  private static Optional<Instant> transactionTime(EvidenceBundle.Anchor anchor) {
    Block block;
    try {
      block = Block.parseFrom(Base64.getDecoder().decode(anchor.block()));
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      return Optional.empty();
    }
    for (ByteString envelope : block.getData().getDataList()) {
      try {
        EndorserTransaction tx = EndorserTransaction.parse(envelope);
        if (tx.txId().equals(anchor.txId())) {
          return Optional.of(tx.timestamp());
        }
      } catch (MalformedTransactionException e) {
        // Another kind of entry, or one the verifier reports; this one only looks for the time.
      }
    }
    return Optional.empty();
  }
}
