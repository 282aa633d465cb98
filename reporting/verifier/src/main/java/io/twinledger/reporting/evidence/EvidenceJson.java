package io.twinledger.reporting.evidence;

import io.twinledger.reporting.evidence.StrictJson.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes {@link EvidenceBundle}s as JSON. Reading is strict ({@link StrictJson}): a
 * duplicate, unknown or missing field, a wrong type, trailing content or another format name make a
 * bundle malformed, and the message names the field's path.
 */
public final class EvidenceJson {

  private static final Set<String> BUNDLE =
      Set.of(
          "format",
          "exportedAt",
          "period",
          "event",
          "batches",
          "checkpoint",
          "anchor",
          "certificates");
  private static final Set<String> BUNDLE_V3 = with(BUNDLE, "corrections");
  private static final Set<String> CORRECTION = Set.of("correctionId", "events");
  private static final Set<String> PERIOD =
      Set.of(
          "assetId",
          "kpiId",
          "periodKind",
          "periodStart",
          "periodEnd",
          "revision",
          "value",
          "unit",
          "readingCount",
          "batchDigests",
          "closedAt");
  private static final Set<String> EVENT =
      Set.of(
          "globalIndex",
          "eventIdentifier",
          "aggregateType",
          "aggregateIdentifier",
          "sequenceNumber",
          "payloadType",
          "timestamp",
          "payload",
          "metaData",
          "leaf");
  private static final Set<String> BATCH_V1 = Set.of("batchId", "readings", "leaf");
  private static final Set<String> BATCH = Set.of("batchId", "encoding", "readings", "leaf");
  private static final Set<String> READING_V1 =
      Set.of(
          "source",
          "sensorId",
          "assetId",
          "kpiId",
          "observedAt",
          "value",
          "unit",
          "originalValue",
          "originalUnit");
  private static final Set<String> READING = with(READING_V1, "flags");
  private static final String READINGS_V1 = "twinledger-readings-v1";
  private static final Set<String> LEAF = Set.of("index", "data", "proof");
  private static final Set<String> CHECKPOINT =
      Set.of(
          "logId", "treeSize", "root", "timestamp", "signature", "signerMsp", "signerCertificate");
  private static final Set<String> ANCHOR =
      Set.of("channel", "chaincode", "txId", "blockNumber", "block", "headers");
  private static final Set<String> HEADER = Set.of("number", "previousHash", "dataHash");
  private static final Set<String> CERTIFICATE = Set.of("mspId", "caCertificate");

  private EvidenceJson() {}

  private static Set<String> with(Set<String> names, String name) {
    Set<String> all = new HashSet<>(names);
    all.add(name);
    return Set.copyOf(all);
  }

  /** A bundle that cannot be read, and why. */
  public static final class Malformed extends Exception {
    Malformed(String reason) {
      super(reason, null, false, false);
    }
  }

  /** A malformation found outside the JSON itself, such as an unreadable file. */
  public static Malformed malformed(String reason) {
    return new Malformed(reason);
  }

  /** The bundle as indented JSON, UTF-8. */
  public static byte[] write(EvidenceBundle bundle) {
    return Writer.JSON.writeValueAsBytes(bundle);
  }

  /** The bundle in {@code json}. */
  public static EvidenceBundle read(byte[] json) throws Malformed {
    try {
      Node root = StrictJson.object(json);
      String format = root.stringOr("format", "");
      boolean v1 = format.equals(EvidenceBundle.FORMAT_V1);
      boolean v3 = format.equals(EvidenceBundle.FORMAT);
      if (!v1 && !v3 && !format.equals(EvidenceBundle.FORMAT_V2)) {
        throw new Malformed(
            "not a "
                + EvidenceBundle.FORMAT
                + ", "
                + EvidenceBundle.FORMAT_V2
                + " or "
                + EvidenceBundle.FORMAT_V1
                + " bundle (field \"format\")");
      }
      root.only(v3 ? BUNDLE_V3 : BUNDLE);
      List<EvidenceBundle.Correction> corrections = new ArrayList<>();
      if (v3 && root.has("corrections")) {
        for (Node correction : root.objects("corrections")) {
          correction.only(CORRECTION);
          List<EvidenceBundle.Event> events = new ArrayList<>();
          for (Node event : correction.objects("events")) {
            events.add(event(event.only(EVENT)));
          }
          corrections.add(
              new EvidenceBundle.Correction(correction.integer("correctionId"), events));
        }
      }
      List<EvidenceBundle.Batch> batches = new ArrayList<>();
      for (Node batch : root.objects("batches")) {
        batches.add(v1 ? batchV1(batch.only(BATCH_V1)) : batch(batch.only(BATCH)));
      }
      AnchoredCheckpoint anchored = readAnchored(root);
      Optional<Node> event = root.optionalObject("event");
      return new EvidenceBundle(
          root.string("format"),
          root.string("exportedAt"),
          period(root.object("period").only(PERIOD)),
          event.isEmpty() ? Optional.empty() : Optional.of(event(event.get().only(EVENT))),
          batches,
          corrections,
          anchored.checkpoint(),
          anchored.anchor(),
          anchored.certificates());
    } catch (StrictJson.Malformed e) {
      throw new Malformed(e.getMessage());
    }
  }

  /** A stored event as bundles write it, {@code leaf} included. */
  public static EvidenceBundle.Event readEvent(Node e) throws StrictJson.Malformed {
    return event(e.only(EVENT));
  }

  /** A reading batch as bundles write it, {@code leaf} included. */
  public static EvidenceBundle.Batch readBatch(Node b) throws StrictJson.Malformed {
    return batch(b.only(BATCH));
  }

  /** The {@code checkpoint}, {@code anchor} and {@code certificates} members of {@code root}. */
  public static AnchoredCheckpoint readAnchored(Node root) throws StrictJson.Malformed {
    List<EvidenceBundle.OrgCertificate> certificates = new ArrayList<>();
    for (Node certificate : root.objects("certificates")) {
      certificate.only(CERTIFICATE);
      certificates.add(
          new EvidenceBundle.OrgCertificate(
              certificate.string("mspId"), certificate.string("caCertificate")));
    }
    return new AnchoredCheckpoint(
        checkpoint(root.object("checkpoint").only(CHECKPOINT)),
        anchor(root.object("anchor").only(ANCHOR)),
        certificates);
  }

  private static EvidenceBundle.Period period(Node p) throws StrictJson.Malformed {
    return new EvidenceBundle.Period(
        p.string("assetId"),
        p.string("kpiId"),
        p.string("periodKind"),
        p.string("periodStart"),
        p.string("periodEnd"),
        p.smallInteger("revision"),
        p.optionalString("value"),
        p.string("unit"),
        p.smallInteger("readingCount"),
        p.strings("batchDigests"),
        p.string("closedAt"));
  }

  private static EvidenceBundle.Event event(Node e) throws StrictJson.Malformed {
    return new EvidenceBundle.Event(
        e.integer("globalIndex"),
        e.string("eventIdentifier"),
        e.string("aggregateType"),
        e.string("aggregateIdentifier"),
        e.integer("sequenceNumber"),
        e.string("payloadType"),
        e.string("timestamp"),
        e.string("payload"),
        e.string("metaData"),
        leaf(e.object("leaf").only(LEAF)));
  }

  private static EvidenceBundle.Batch batch(Node b) throws StrictJson.Malformed {
    List<EvidenceBundle.Reading> readings = new ArrayList<>();
    for (Node r : b.objects("readings")) {
      readings.add(reading(r.only(READING), r.strings("flags")));
    }
    return new EvidenceBundle.Batch(
        b.integer("batchId"), b.string("encoding"), readings, leaf(b.object("leaf").only(LEAF)));
  }

  /** A batch of a {@value EvidenceBundle#FORMAT_V1} bundle: encoding v1, readings without flags. */
  private static EvidenceBundle.Batch batchV1(Node b) throws StrictJson.Malformed {
    List<EvidenceBundle.Reading> readings = new ArrayList<>();
    for (Node r : b.objects("readings")) {
      readings.add(reading(r.only(READING_V1), List.of()));
    }
    return new EvidenceBundle.Batch(
        b.integer("batchId"), READINGS_V1, readings, leaf(b.object("leaf").only(LEAF)));
  }

  private static EvidenceBundle.Reading reading(Node r, List<String> flags)
      throws StrictJson.Malformed {
    return new EvidenceBundle.Reading(
        r.string("source"),
        r.string("sensorId"),
        r.string("assetId"),
        r.string("kpiId"),
        r.string("observedAt"),
        r.string("value"),
        r.string("unit"),
        r.string("originalValue"),
        r.string("originalUnit"),
        flags);
  }

  private static EvidenceBundle.Leaf leaf(Node l) throws StrictJson.Malformed {
    return new EvidenceBundle.Leaf(l.integer("index"), l.string("data"), l.strings("proof"));
  }

  private static EvidenceBundle.SignedCheckpoint checkpoint(Node c) throws StrictJson.Malformed {
    return new EvidenceBundle.SignedCheckpoint(
        c.string("logId"),
        c.integer("treeSize"),
        c.string("root"),
        c.string("timestamp"),
        c.string("signature"),
        c.string("signerMsp"),
        c.string("signerCertificate"));
  }

  private static EvidenceBundle.Anchor anchor(Node a) throws StrictJson.Malformed {
    List<EvidenceBundle.BlockHeader> headers = new ArrayList<>();
    for (Node h : a.objects("headers")) {
      h.only(HEADER);
      headers.add(
          new EvidenceBundle.BlockHeader(
              h.integer("number"), h.string("previousHash"), h.string("dataHash")));
    }
    return new EvidenceBundle.Anchor(
        a.string("channel"),
        a.string("chaincode"),
        a.string("txId"),
        a.integer("blockNumber"),
        a.string("block"),
        headers);
  }

  /** The writer's mapper, built only when the service writes a bundle, never by the verifier. */
  private static final class Writer {
    private static final JsonMapper JSON =
        JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  }
}
