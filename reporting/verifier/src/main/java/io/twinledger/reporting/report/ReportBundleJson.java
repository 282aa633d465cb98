package io.twinledger.reporting.report;

import io.twinledger.reporting.bill.BillBundle;
import io.twinledger.reporting.bill.BillJson;
import io.twinledger.reporting.evidence.AnchoredCheckpoint;
import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.reporting.evidence.EvidenceJson;
import io.twinledger.reporting.evidence.StrictJson;
import io.twinledger.reporting.evidence.StrictJson.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes {@link ReportBundle}s as JSON. Reading is strict ({@link StrictJson}): a
 * duplicate, unknown or missing member, a wrong type or another format make a bundle malformed, and
 * the message names the member's path. Batches, events, the checkpoint and the anchoring are
 * written as evidence bundles write them; their leaves carry no proof of their own, as the bundle's
 * one {@code proof} covers them all. A bundle with market-slot inputs has a {@code market} member
 * (channel, currency, terms, slots, blocks, certificates; slots and blocks as a bill bundle writes
 * them); others have none. {@code witnessed} and {@code market} may be absent or {@code null};
 * every other member is required.
 */
public final class ReportBundleJson {

  private static final Set<String> BUNDLE =
      Set.of(
          "format",
          "report",
          "signature",
          "issuance",
          "batches",
          "events",
          "proof",
          "checkpoint",
          "anchor",
          "certificates",
          "witnessed",
          "attestations",
          "market");
  private static final Set<String> SIGNATURE = Set.of("mspId", "certificate", "signature");
  private static final Set<String> WITNESSED = Set.of("note", "log", "witnesses");
  private static final Set<String> ENDORSEMENT =
      Set.of("vkey", "mspId", "certificate", "signature");
  private static final Set<String> ATTESTATION = Set.of("txId", "block");
  private static final Set<String> PROOF = Set.of("treeSize", "indices", "hashes");
  private static final Set<String> MARKET =
      Set.of("channel", "currency", "terms", "slots", "blocks", "certificates");
  private static final Set<String> TERMS = Set.of("gridFee", "feedInTariff", "retailTariff");
  private static final Set<String> BLOCK = Set.of("number", "block");
  private static final Set<String> CERTIFICATE = Set.of("mspId", "caCertificate");

  private ReportBundleJson() {}

  /** The bundle as compact JSON, UTF-8. */
  public static byte[] write(ReportBundle bundle) {
    JsonMapper json = Writer.JSON;
    ObjectNode root = json.createObjectNode();
    root.put("format", ReportBundle.FORMAT);
    root.set("report", ReportJson.tree(bundle.report()));
    root.set("signature", json.valueToTree(bundle.signature()));
    root.set("issuance", json.valueToTree(bundle.issuance()));
    root.set("batches", json.valueToTree(bundle.batches()));
    root.set("events", json.valueToTree(bundle.events()));
    root.set("proof", json.valueToTree(bundle.proof()));
    AnchoredCheckpoint anchored = bundle.anchored();
    root.set("checkpoint", json.valueToTree(anchored.checkpoint()));
    root.set("anchor", json.valueToTree(anchored.anchor()));
    root.set("certificates", json.valueToTree(anchored.certificates()));
    bundle.witnessed().ifPresent(w -> root.set("witnessed", json.valueToTree(w)));
    root.set("attestations", json.valueToTree(bundle.attestations()));
    bundle.market().ifPresent(market -> root.set("market", json.valueToTree(market)));
    return json.writeValueAsBytes(root);
  }

  /**
   * The bundle in {@code json}.
   *
   * @throws StrictJson.Malformed naming the member that is wrong
   */
  public static ReportBundle read(byte[] json) throws StrictJson.Malformed {
    Node root = StrictJson.object(json);
    if (!root.stringOr("format", "").equals(ReportBundle.FORMAT)) {
      throw new StrictJson.Malformed("not a " + ReportBundle.FORMAT + " bundle (field \"format\")");
    }
    root.only(BUNDLE);
    Node signature = root.object("signature").exactly(SIGNATURE);
    List<EvidenceBundle.Batch> batches = new ArrayList<>();
    for (Node batch : root.objects("batches")) {
      batches.add(EvidenceJson.readBatch(batch));
    }
    List<EvidenceBundle.Event> events = new ArrayList<>();
    for (Node event : root.objects("events")) {
      events.add(EvidenceJson.readEvent(event));
    }
    Optional<ReportBundle.Witnessed> witnessed = Optional.empty();
    if (root.has("witnessed")) {
      Node w = root.object("witnessed").exactly(WITNESSED);
      List<ReportBundle.KeyEndorsement> witnesses = new ArrayList<>();
      for (Node endorsement : w.objects("witnesses")) {
        witnesses.add(endorsement(endorsement));
      }
      witnessed =
          Optional.of(
              new ReportBundle.Witnessed(
                  w.string("note"), endorsement(w.object("log")), witnesses));
    }
    List<ReportBundle.LedgerTransaction> attestations = new ArrayList<>();
    for (Node a : root.objects("attestations")) {
      a.exactly(ATTESTATION);
      attestations.add(new ReportBundle.LedgerTransaction(a.string("txId"), a.string("block")));
    }
    Node proof = root.object("proof").exactly(PROOF);
    List<Long> indices = new ArrayList<>();
    for (String index : proof.integersAsText("indices")) {
      indices.add(Long.parseLong(index));
    }
    return new ReportBundle(
        ReportJson.read(root.object("report")),
        new ReportBundle.IssuerSignature(
            signature.string("mspId"),
            signature.string("certificate"),
            signature.string("signature")),
        EvidenceJson.readEvent(root.object("issuance")),
        batches,
        events,
        new ReportBundle.LeafProof(proof.integer("treeSize"), indices, proof.strings("hashes")),
        EvidenceJson.readAnchored(root),
        witnessed,
        attestations,
        root.has("market") ? Optional.of(market(root.object("market"))) : Optional.empty());
  }

  private static ReportBundle.KeyEndorsement endorsement(Node e) throws StrictJson.Malformed {
    e.exactly(ENDORSEMENT);
    return new ReportBundle.KeyEndorsement(
        e.string("vkey"), e.string("mspId"), e.string("certificate"), e.string("signature"));
  }

  private static ReportBundle.Market market(Node market) throws StrictJson.Malformed {
    market.exactly(MARKET);
    Node terms = market.object("terms").exactly(TERMS);
    List<BillBundle.Clearing> slots = new ArrayList<>();
    for (Node slot : market.objects("slots")) {
      slots.add(BillJson.clearing(slot));
    }
    List<BillBundle.Block> blocks = new ArrayList<>();
    for (Node block : market.objects("blocks")) {
      block.exactly(BLOCK);
      blocks.add(new BillBundle.Block(block.integer("number"), block.string("block")));
    }
    List<EvidenceBundle.OrgCertificate> certificates = new ArrayList<>();
    for (Node certificate : market.objects("certificates")) {
      certificate.exactly(CERTIFICATE);
      certificates.add(
          new EvidenceBundle.OrgCertificate(
              certificate.string("mspId"), certificate.string("caCertificate")));
    }
    return new ReportBundle.Market(
        market.string("channel"),
        market.string("currency"),
        new BillBundle.Terms(
            terms.string("gridFee"), terms.string("feedInTariff"), terms.string("retailTariff")),
        slots,
        blocks,
        certificates);
  }

  /**
   * The writer's mapper, built only when the service writes a bundle: a verifier that only reads
   * one would pay more for building a databind mapper in a cold JVM than for parsing the bundle.
   */
  private static final class Writer {
    private static final JsonMapper JSON = JsonMapper.builder().build();
  }
}
