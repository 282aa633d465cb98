package io.twinledger.reporting.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.twinledger.twin.reading.AssessedReading;
import io.twinledger.twin.reading.DecimalText;
import io.twinledger.twin.reading.InstantText;
import io.twinledger.twin.reading.QualityFlag;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything an auditor needs to check one revision of a KPI period without the service: the
 * period, the event that recorded it, the reading batches behind it with their readings, Merkle
 * inclusion proofs against a signed checkpoint, and the ledger block that anchored that checkpoint
 * with the block headers back to block 0 and the channel members' CA certificates.
 *
 * <p>Format {@value #FORMAT}, as JSON (see {@link EvidenceJson}). Conventions: hashes and leaf data
 * are lower-case hex; signatures, payloads and protobuf bytes are base64; certificates are PEM;
 * instants are ISO-8601 UTC; decimals are plain strings. A new encoding gets a new format name.
 * Bundles of format {@value #FORMAT_V1}, written before batch digests covered quality flags, are
 * still read: they have no {@code encoding} per batch and no {@code flags} per reading, and read as
 * batches of encoding {@code twinledger-readings-v1} whose readings have no flags. Bundles of
 * format {@value #FORMAT_V2}, written before corrections existed, read as bundles without
 * corrections.
 *
 * @param format {@value #FORMAT}
 * @param exportedAt when the service exported the bundle
 * @param period the period as the read side shows it
 * @param event the {@code KpiPeriodClosed} event that recorded it, when the log holds it
 * @param batches the reading batches whose digests the period names
 * @param corrections the corrections in effect on the period's readings when it was closed, each
 *     with its recorded events: the chain from the original reading to this revision; left out of
 *     the JSON when there are none
 * @param checkpoint the signed checkpoint every proof is against
 * @param anchor where the checkpoint was recorded on the ledger
 * @param certificates the CA certificate of each member of the anchoring channel
 */
public record EvidenceBundle(
    String format,
    String exportedAt,
    Period period,
    Optional<Event> event,
    List<Batch> batches,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Correction> corrections,
    SignedCheckpoint checkpoint,
    Anchor anchor,
    List<OrgCertificate> certificates) {

  /** The format name, first field of every bundle the service writes. */
  public static final String FORMAT = "twinledger-evidence/v3";

  /** The format before corrections, still read. */
  public static final String FORMAT_V2 = "twinledger-evidence/v2";

  /** The format before batch digests covered quality flags, still read. */
  public static final String FORMAT_V1 = "twinledger-evidence/v1";

  public EvidenceBundle {
    require(format, "format");
    require(exportedAt, "exportedAt");
    require(period, "period");
    event = event == null ? Optional.empty() : event;
    batches = List.copyOf(require(batches, "batches"));
    corrections = List.copyOf(require(corrections, "corrections"));
    require(checkpoint, "checkpoint");
    require(anchor, "anchor");
    certificates = List.copyOf(require(certificates, "certificates"));
  }

  /** The bundle's checkpoint with its anchoring and the members' CA certificates. */
  public AnchoredCheckpoint anchored() {
    return new AnchoredCheckpoint(checkpoint, anchor, certificates);
  }

  /**
   * One revision of a closed KPI period.
   *
   * @param value the period's value, a plain decimal; empty when it had no reading
   * @param batchDigests SHA-256 digests (hex) of the reading batches behind the value
   */
  public record Period(
      String assetId,
      String kpiId,
      String periodKind,
      String periodStart,
      String periodEnd,
      int revision,
      Optional<String> value,
      String unit,
      int readingCount,
      List<String> batchDigests,
      String closedAt) {

    public Period {
      require(assetId, "period.assetId");
      require(kpiId, "period.kpiId");
      require(periodKind, "period.periodKind");
      require(periodStart, "period.periodStart");
      require(periodEnd, "period.periodEnd");
      value = value == null ? Optional.empty() : value;
      require(unit, "period.unit");
      batchDigests = List.copyOf(require(batchDigests, "period.batchDigests"));
      require(closedAt, "period.closedAt");
    }
  }

  /**
   * A stored domain event with the columns its audit leaf digests, its payload and meta data bytes
   * exactly as stored, and its place in the log.
   *
   * @param payload the stored {@code payload} bytes, base64
   * @param metaData the stored {@code meta_data} bytes, base64; empty text when null
   * @param leaf the leaf as the log holds it
   */
  public record Event(
      long globalIndex,
      String eventIdentifier,
      String aggregateType,
      String aggregateIdentifier,
      long sequenceNumber,
      String payloadType,
      String timestamp,
      String payload,
      String metaData,
      Leaf leaf) {

    public Event {
      require(eventIdentifier, "event.eventIdentifier");
      require(aggregateType, "event.aggregateType");
      require(aggregateIdentifier, "event.aggregateIdentifier");
      require(payloadType, "event.payloadType");
      require(timestamp, "event.timestamp");
      require(payload, "event.payload");
      require(metaData, "event.metaData");
      require(leaf, "event.leaf");
    }
  }

  /**
   * A correction of readings behind the period, as the books recorded it: its request and, when it
   * needed a second person, the decision, each a stored event with its leaf.
   *
   * @param correctionId the number the period's cause names, as in {@code correction 3 by ...}
   */
  public record Correction(long correctionId, List<Event> events) {

    public Correction {
      events = List.copyOf(require(events, "correction.events"));
    }
  }

  /**
   * A reading batch: its readings as stored, and its leaf.
   *
   * @param encoding the tag of the canonical encoding its digest was computed with, such as {@code
   *     twinledger-readings-v2}
   * @param readings every reading of the batch, in any order
   */
  public record Batch(long batchId, String encoding, List<Reading> readings, Leaf leaf) {
    public Batch {
      require(encoding, "batches.encoding");
      readings = List.copyOf(require(readings, "batches.readings"));
      require(leaf, "batches.leaf");
    }
  }

  /**
   * A reading with the fields its batch digest covers, as text.
   *
   * @param flags the names of its quality flags, sorted; covered by the digest from encoding {@code
   *     twinledger-readings-v2} on
   */
  public record Reading(
      String source,
      String sensorId,
      String assetId,
      String kpiId,
      String observedAt,
      String value,
      String unit,
      String originalValue,
      String originalUnit,
      List<String> flags) {

    public Reading {
      flags = List.copyOf(require(flags, "batches.readings.flags"));
    }

    /**
     * The reading as twin-adapter holds it, with its quality flags.
     *
     * @throws IllegalArgumentException naming what is unreadable, or a flag listed twice
     */
    public AssessedReading assessed() {
      // Most readings have no flag: they share the one empty set rather than copy an empty one.
      Set<QualityFlag> parsed = flags.isEmpty() ? Set.of() : EnumSet.noneOf(QualityFlag.class);
      for (String flag : flags) {
        if (!parsed.add(QualityFlag.valueOf(flag))) {
          throw new IllegalArgumentException("flag " + flag + " is listed twice");
        }
      }
      return new AssessedReading(
          new io.twinledger.twin.reading.Reading(
              source,
              sensorId,
              assetId,
              kpiId,
              InstantText.parse(observedAt),
              DecimalText.parse(value),
              unit,
              DecimalText.parse(originalValue),
              originalUnit),
          parsed);
    }
  }

  /**
   * A leaf of the audit log.
   *
   * @param index its position, from 0
   * @param data its canonical encoding, hex
   * @param proof the inclusion proof's path (hex hashes) in the checkpoint's tree
   */
  public record Leaf(long index, String data, List<String> proof) {
    public Leaf {
      require(data, "leaf.data");
      proof = List.copyOf(require(proof, "leaf.proof"));
    }
  }

  /**
   * A checkpoint as the operator signed it ({@code Checkpoint.signedContent()}).
   *
   * @param root hex
   * @param timestamp ISO-8601 UTC, to the millisecond
   * @param signature SHA256withECDSA, base64 DER
   * @param signerMsp the organisation whose CA issued the signer's certificate
   * @param signerCertificate PEM
   */
  public record SignedCheckpoint(
      String logId,
      long treeSize,
      String root,
      String timestamp,
      String signature,
      String signerMsp,
      String signerCertificate) {
    public SignedCheckpoint {
      require(logId, "checkpoint.logId");
      require(root, "checkpoint.root");
      require(timestamp, "checkpoint.timestamp");
      require(signature, "checkpoint.signature");
      require(signerMsp, "checkpoint.signerMsp");
      require(signerCertificate, "checkpoint.signerCertificate");
    }
  }

  /**
   * The anchoring transaction and its block.
   *
   * @param channel the channel
   * @param chaincode the chaincode hosting the audit-anchor contract on it
   * @param block the whole block, Fabric {@code common.Block} protobuf bytes, base64
   * @param headers the headers of blocks 0 to {@code blockNumber − 1}, in order
   */
  public record Anchor(
      String channel,
      String chaincode,
      String txId,
      long blockNumber,
      String block,
      List<BlockHeader> headers) {
    public Anchor {
      require(channel, "anchor.channel");
      require(chaincode, "anchor.chaincode");
      require(txId, "anchor.txId");
      require(block, "anchor.block");
      headers = List.copyOf(require(headers, "anchor.headers"));
    }
  }

  /**
   * A block header; hashes hex.
   *
   * @param previousHash empty text for block 0
   */
  public record BlockHeader(long number, String previousHash, String dataHash) {
    public BlockHeader {
      require(previousHash, "anchor.headers.previousHash");
      require(dataHash, "anchor.headers.dataHash");
    }
  }

  /** The root CA certificate (PEM) of a channel member. */
  public record OrgCertificate(String mspId, String caCertificate) {
    public OrgCertificate {
      require(mspId, "certificates.mspId");
      require(caCertificate, "certificates.caCertificate");
    }
  }

  private static <T> T require(T value, String field) {
    return Objects.requireNonNull(value, () -> "missing field " + field);
  }
}
