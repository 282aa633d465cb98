package io.twinledger.service.evidence.export;

import com.google.protobuf.ByteString;
import io.twinledger.contracts.merkle.MerkleHash;
import io.twinledger.ledger.asset.api.KpiPeriodClosed;
import io.twinledger.ledger.asset.projection.KpiPeriodView;
import io.twinledger.ledger.asset.projection.KpiPeriods;
import io.twinledger.ledger.audit.AnchorReceipt;
import io.twinledger.ledger.audit.AuditLog;
import io.twinledger.ledger.audit.CheckpointBook;
import io.twinledger.ledger.audit.LeafKind;
import io.twinledger.ledger.audit.SignedCheckpoint;
import io.twinledger.ledger.audit.StoredLeaf;
import io.twinledger.ledger.peer.EmbeddedPeer;
import io.twinledger.network.Consortium;
import io.twinledger.network.channel.Channel;
import io.twinledger.network.msp.MspDirectory;
import io.twinledger.network.msp.OrgMsp;
import io.twinledger.service.audit.AuditJobs;
import io.twinledger.service.evidence.EvidenceBundle;
import io.twinledger.service.evidence.EvidenceVerifier;
import io.twinledger.service.evidence.Pem;
import io.twinledger.service.ledger.LedgerProperties;
import io.twinledger.service.problem.NotFoundException;
import io.twinledger.twin.reading.Reading;
import io.twinledger.twin.store.ReadingStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.common.Block;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the {@link EvidenceBundle} of one KPI period from the service's stores: the period ({@code
 * kpi_period_view}), its {@code KpiPeriodClosed} event as stored ({@code domain_event_entry}), its
 * reading batches and their readings as stored ({@code reading_batch}, {@code reading}), leaves and
 * proofs from the audit log against its latest anchored checkpoint, the anchoring block and the
 * headers before it from the embedded peer, and the channel members' CA certificates.
 *
 * <p>Everything is read as it is stored now, not as it was recorded: if a stored row was changed,
 * the bundle carries the change and the verifier names it. When the log does not yet hold the
 * period's leaves, or the latest anchored checkpoint does not cover them, the export runs the audit
 * job once ({@link AuditJobs#checkpoint()}: append pending events, sign and anchor a checkpoint).
 */
@Component
public class EvidenceExport {

  private static final HexFormat HEX = HexFormat.of();

  private final JdbcClient jdbc;
  private final KpiPeriods periods;
  private final ReadingStore readings;
  private final AuditLog auditLog;
  private final CheckpointBook checkpoints;
  private final AuditJobs jobs;
  private final ObjectProvider<EmbeddedPeer> peer;
  private final ObjectProvider<MspDirectory> msps;
  private final ObjectProvider<Consortium> consortium;
  private final ObjectProvider<LedgerProperties> ledger;
  private final JsonMapper json;
  private final Clock clock = Clock.systemUTC();

  public EvidenceExport(
      JdbcClient jdbc,
      KpiPeriods periods,
      ReadingStore readings,
      AuditLog auditLog,
      CheckpointBook checkpoints,
      AuditJobs jobs,
      ObjectProvider<EmbeddedPeer> peer,
      ObjectProvider<MspDirectory> msps,
      ObjectProvider<Consortium> consortium,
      ObjectProvider<LedgerProperties> ledger,
      JsonMapper json) {
    this.jdbc = jdbc;
    this.periods = periods;
    this.readings = readings;
    this.auditLog = auditLog;
    this.checkpoints = checkpoints;
    this.jobs = jobs;
    this.peer = peer;
    this.msps = msps;
    this.consortium = consortium;
    this.ledger = ledger;
    this.json = json;
  }

  /**
   * The bundle of the period named by {@code key}.
   *
   * @throws NotFoundException if there is no such period (or revision)
   * @throws EvidenceUnavailableException if its evidence cannot be completed now
   */
  public EvidenceBundle export(PeriodKey key) {
    EmbeddedPeer ledgerPeer = peer.getIfAvailable();
    if (ledgerPeer == null) {
      throw new EvidenceUnavailableException(
          "no ledger in this deployment (twinledger.ledger.mode=none): checkpoints are not"
              + " anchored");
    }
    KpiPeriodView period = period(key);
    Map<Long, String> batchIds = batchIds(period);
    Optional<StoredEvent> event = event(period);
    Proven proven = prove(batchIds.keySet(), event);
    List<EvidenceBundle.Batch> batches = new ArrayList<>();
    for (Map.Entry<Long, StoredLeaf> entry : proven.batches().entrySet()) {
      batches.add(
          new EvidenceBundle.Batch(
              entry.getKey(),
              readings.readingsOf(entry.getKey()).stream().map(EvidenceExport::reading).toList(),
              leaf(entry.getValue(), proven.checkpoint())));
    }
    return new EvidenceBundle(
        EvidenceBundle.FORMAT,
        clock.instant().toString(),
        period(period),
        event.map(e -> e.toEvidence(leaf(proven.eventLeaf().orElseThrow(), proven.checkpoint()))),
        batches,
        checkpoint(proven.checkpoint()),
        anchor(ledgerPeer, proven.checkpoint()),
        certificates());
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
      throw new NotFoundException("no closed " + named);
    }
    if (key.revision().isEmpty()) {
      return revisions.getLast();
    }
    return revisions.stream()
        .filter(p -> p.revision() == key.revision().get())
        .findFirst()
        .orElseThrow(
            () ->
                new NotFoundException("no revision " + key.revision().get() + " of the " + named));
  }

  /** The batch id of each of the period's digests. */
  private Map<Long, String> batchIds(KpiPeriodView period) {
    Map<Long, String> ids = new TreeMap<>();
    if (period.batchDigests().isEmpty()) {
      return ids;
    }
    jdbc.sql(
            "SELECT batch_id, encode(digest, 'hex') AS digest FROM reading_batch"
                + " WHERE digest IN (SELECT decode(d, 'hex') FROM unnest(CAST(:digests AS text[])) d)")
        .param("digests", "{" + String.join(",", period.batchDigests()) + "}")
        .query((rs, n) -> Map.entry(rs.getLong("batch_id"), rs.getString("digest")))
        .list()
        .forEach(e -> ids.put(e.getKey(), e.getValue()));
    List<String> missing = new ArrayList<>(period.batchDigests());
    missing.removeAll(ids.values());
    if (!missing.isEmpty()) {
      throw new EvidenceUnavailableException(
          "the reading store holds no batch with digest " + String.join(", ", missing));
    }
    return ids;
  }

  /** An event row as stored. */
  private record StoredEvent(
      long globalIndex,
      String eventIdentifier,
      String aggregateType,
      String aggregateIdentifier,
      long sequenceNumber,
      String payloadType,
      String timestamp,
      byte[] payload,
      byte[] metaData) {

    EvidenceBundle.Event toEvidence(EvidenceBundle.Leaf leaf) {
      return new EvidenceBundle.Event(
          globalIndex,
          eventIdentifier,
          aggregateType == null ? "" : aggregateType,
          aggregateIdentifier,
          sequenceNumber,
          payloadType,
          timestamp,
          Base64.getEncoder().encodeToString(payload),
          Base64.getEncoder().encodeToString(metaData == null ? new byte[0] : metaData),
          leaf);
    }
  }

  /**
   * The first stored {@code KpiPeriodClosed} of this revision of the period, the one the read side
   * shows (it keeps the first of repeated revisions).
   */
  private Optional<StoredEvent> event(KpiPeriodView period) {
    List<StoredEvent> candidates =
        jdbc.sql(
                """
                SELECT global_index, event_identifier, type, aggregate_identifier, sequence_number,
                       payload_type, time_stamp, payload, meta_data
                FROM domain_event_entry
                WHERE aggregate_identifier = :asset AND payload_type = :type
                ORDER BY global_index
                """)
            .param("asset", period.assetId())
            .param("type", KpiPeriodClosed.class.getName())
            .query(
                (rs, n) ->
                    new StoredEvent(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getLong(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getBytes(8),
                        rs.getBytes(9)))
            .list();
    return candidates.stream().filter(e -> records(e, period)).findFirst();
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

  /** The leaves and the anchored checkpoint whose tree holds them all. */
  private record Proven(
      Map<Long, StoredLeaf> batches, Optional<StoredLeaf> eventLeaf, SignedCheckpoint checkpoint) {}

  private Proven prove(Iterable<Long> batchIds, Optional<StoredEvent> event) {
    Optional<Proven> proven = tryProve(batchIds, event, false);
    if (proven.isEmpty()) {
      jobs.checkpoint();
      proven = tryProve(batchIds, event, true);
    }
    return proven.orElseThrow();
  }

  private Optional<Proven> tryProve(
      Iterable<Long> batchIds, Optional<StoredEvent> event, boolean last) {
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
    Optional<StoredLeaf> eventLeaf = Optional.empty();
    if (event.isPresent()) {
      eventLeaf = auditLog.leaf(LeafKind.DOMAIN_EVENT, event.get().globalIndex());
      if (eventLeaf.isEmpty()) {
        return unavailable(
            last, "event " + event.get().globalIndex() + " is not in the audit log yet");
      }
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
    return Optional.of(new Proven(leaves, eventLeaf, anchored.get()));
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
            .map(MerkleHash::hex)
            .toList());
  }

  private static EvidenceBundle.Reading reading(Reading r) {
    return new EvidenceBundle.Reading(
        r.source(),
        r.sensorId(),
        r.assetId(),
        r.kpiId(),
        r.observedAt().toString(),
        r.value().toPlainString(),
        r.unit(),
        r.originalValue().toPlainString(),
        r.originalUnit());
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

  private EvidenceBundle.SignedCheckpoint checkpoint(SignedCheckpoint signed) {
    var c = signed.checkpoint();
    return new EvidenceBundle.SignedCheckpoint(
        c.logId(),
        c.treeSize(),
        c.root().hex(),
        c.timestamp().toString(),
        Base64.getEncoder().encodeToString(signed.signature()),
        signerMsp(signed),
        Pem.of(signed.certificate()));
  }

  /** The organisation whose CA issued the signer's certificate. */
  private String signerMsp(SignedCheckpoint signed) {
    return members().stream()
        .filter(
            org ->
                org.caCertificate()
                    .getSubjectX500Principal()
                    .equals(signed.certificate().getIssuerX500Principal()))
        .map(OrgMsp::mspId)
        .findFirst()
        .orElseThrow(
            () ->
                new EvidenceUnavailableException(
                    "the checkpoint signer "
                        + signed.signer()
                        + " is not an identity of a channel member"));
  }

  private EvidenceBundle.Anchor anchor(EmbeddedPeer ledgerPeer, SignedCheckpoint signed) {
    AnchorReceipt receipt = signed.anchor().orElseThrow();
    Block block = block(ledgerPeer, receipt.blockNumber());
    List<EvidenceBundle.BlockHeader> headers = new ArrayList<>();
    for (long n = 0; n < receipt.blockNumber(); n++) {
      var header = block(ledgerPeer, n).getHeader();
      headers.add(
          new EvidenceBundle.BlockHeader(
              header.getNumber(), hex(header.getPreviousHash()), hex(header.getDataHash())));
    }
    Channel channel = channel();
    return new EvidenceBundle.Anchor(
        channel.name(),
        channel
            .chaincodeHosting(EvidenceVerifier.ANCHOR_CONTRACT)
            .orElseThrow(
                () -> new EvidenceUnavailableException("no audit-anchor chaincode on the channel"))
            .name(),
        receipt.txId(),
        receipt.blockNumber(),
        Base64.getEncoder().encodeToString(block.toByteArray()),
        headers);
  }

  private static Block block(EmbeddedPeer ledgerPeer, long number) {
    return ledgerPeer
        .block(number)
        .orElseThrow(() -> new EvidenceUnavailableException("the peer holds no block " + number));
  }

  private List<EvidenceBundle.OrgCertificate> certificates() {
    return members().stream()
        .map(org -> new EvidenceBundle.OrgCertificate(org.mspId(), Pem.of(org.caCertificate())))
        .toList();
  }

  private List<OrgMsp> members() {
    Channel channel = channel();
    return msps.getObject().organisations().stream()
        .filter(org -> channel.hasMember(org.mspId()))
        .toList();
  }

  private Channel channel() {
    String name = ledger.getObject().channel();
    return consortium
        .getObject()
        .channel(name)
        .orElseThrow(() -> new EvidenceUnavailableException("no channel " + name));
  }

  private static String hex(ByteString bytes) {
    return HEX.formatHex(bytes.toByteArray());
  }
}
