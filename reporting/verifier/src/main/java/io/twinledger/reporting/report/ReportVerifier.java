package io.twinledger.reporting.report;

import com.google.protobuf.InvalidProtocolBufferException;
import io.twinledger.contracts.merkle.MultiInclusionProof;
import io.twinledger.contracts.merkle.ProofCheck;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.contracts.merkle.TreeHash;
import io.twinledger.network.Consortium;
import io.twinledger.reporting.bill.BillBundle;
import io.twinledger.reporting.bill.SlotVerification;
import io.twinledger.reporting.evidence.AnchoredCheckpoint;
import io.twinledger.reporting.evidence.Base64Text;
import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.reporting.evidence.EvidenceVerifier;
import io.twinledger.reporting.evidence.Finding;
import io.twinledger.reporting.evidence.HeaderChain;
import io.twinledger.reporting.evidence.Pem;
import io.twinledger.reporting.evidence.StrictJson;
import io.twinledger.reporting.evidence.TrustedBlock;
import io.twinledger.reporting.evidence.Verification;
import io.twinledger.twin.reading.AssessedReading;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.hyperledger.fabric.protos.common.Block;

/**
 * Checks a {@link ReportBundle} on its own: no database, network or framework. Trusts nothing the
 * bundle says about itself except the channel members' CA certificates; the endorsement policies
 * come from the consortium definition this verifier was built with.
 *
 * <p>Items, in order: the issuer's signature over the report's statement (its digest included); the
 * {@code ReportIssued} event that logged it; each input, its data rebuilt into the leaf the report
 * names; the one proof that all those leaves are in the checkpoint's tree; the checkpoint and its
 * anchoring; the witnessed note of that checkpoint ({@link WitnessVerification}); the report
 * contract's transactions about the report ({@link AttestationVerification}); then each figure,
 * computed again with its formula from data that passed. A figure whose input failed fails too,
 * naming the input.
 *
 * <p>An input written on the ledger rather than logged (a market slot) is checked as the bill
 * verifier checks a slot ({@link SlotVerification}): its block, its clearing transaction as a peer
 * validates it, created by the community operator, the bundled clearing equal to the transaction's
 * write, and the clearing and settlement recomputed with contracts-market. It is not a leaf, so the
 * one multi-leaf proof does not name it.
 */
public final class ReportVerifier {

  private static final HexFormat HEX = HexFormat.of();

  private final Supplier<Consortium> consortium;
  private final int quorum;
  private final Optional<TrustedBlock> trusted;

  /** A verifier that asks one witness's cosignature and headers back to block 0. */
  public ReportVerifier(Supplier<Consortium> consortium) {
    this(consortium, 1, Optional.empty());
  }

  /**
   * @param quorum how many distinct witnesses, each endorsed by an auditor organisation, must have
   *     cosigned the checkpoint's note; at least 1
   * @param trusted a block the caller already trusts, for bundles whose headers reach back only to
   *     it; empty to require headers back to block 0
   */
  public ReportVerifier(
      Supplier<Consortium> consortium, int quorum, Optional<TrustedBlock> trusted) {
    if (quorum < 1) {
      throw new IllegalArgumentException("a quorum is at least 1, not " + quorum);
    }
    this.consortium = consortium;
    this.quorum = quorum;
    this.trusted = trusted;
  }

  /** Checks every item of the bundle. */
  public Verification verify(ReportBundle bundle) {
    // The report's digest and what is signed over it or about it (the issuer's signature, the
    // anchoring, the witnessed note, the report contract's transactions) need none of the inputs'
    // data: they are checked on a second core while this one rebuilds the inputs' leaves from
    // their data and computes the figures again, the bulk of the work. On a thread of their own,
    // not the common pool's, which has a single thread on two cores: a service verifying several
    // reports at once would queue them there one behind the other.
    CompletableFuture<Signed> signed =
        CompletableFuture.supplyAsync(
            () -> signed(bundle),
            task -> Thread.ofPlatform().daemon().name("report-signatures").start(task));
    Report report = bundle.report();
    Map<Long, EvidenceBundle.Batch> batches = new HashMap<>();
    bundle.batches().forEach(b -> batches.put(b.leaf().index(), b));
    Map<Long, EvidenceBundle.Event> events = new HashMap<>();
    bundle.events().forEach(e -> events.put(e.leaf().index(), e));
    Map<String, Checked> checked = new LinkedHashMap<>();
    TreeMap<Long, Sha256> leaves = new TreeMap<>();
    leaves.put(bundle.issuance().leaf().index(), leafHash(bundle.issuance().leaf()));
    Map<String, Checked> written = written(report, bundle.market());
    for (Input input : report.inputs()) {
      Checked result =
          switch (input.evidence()) {
            case Input.AuditLeaf leaf -> {
              leaves.put(leaf.index(), leafHashOrZero(leaf));
              yield input(input, leaf, batches, events);
            }
            case Input.LedgerWrite write -> written.get(input.id());
          };
      checked.put(input.id(), result);
    }
    Finding proof = proof(bundle, leaves);
    List<Finding> figures = figures(report, checked);

    Signed signatures = joined(signed);
    List<Finding> findings = new ArrayList<>(signatures.report());
    checked.values().forEach(c -> findings.add(c.finding()));
    findings.add(proof);
    findings.addAll(signatures.ledger());
    findings.addAll(figures);
    return new Verification(findings);
  }

  /**
   * The findings about the report's digest, in the order they are listed: the issuer's signature
   * and the issuing event ({@code report}); the checkpoint's anchoring, the witnessed note and the
   * report contract's transactions ({@code ledger}).
   */
  private record Signed(List<Finding> report, List<Finding> ledger) {}

  private Signed signed(ReportBundle bundle) {
    String digest = ReportJson.sha256(bundle.report());
    List<Finding> ledger = new ArrayList<>();
    ledger.addAll(EvidenceVerifier.anchoring(bundle.anchored(), consortium.get(), trusted));
    ledger.addAll(
        WitnessVerification.verify(
            bundle.anchored(), bundle.witnessed(), consortium.get(), quorum));
    ledger.addAll(AttestationVerification.verify(bundle, digest, consortium.get(), chain(bundle)));
    return new Signed(List.of(signature(bundle, digest), issuance(bundle, digest)), ledger);
  }

  /** The task's result; what it threw, thrown here as it would have been on this thread. */
  private static <T> T joined(CompletableFuture<T> task) {
    try {
      return task.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException thrown) {
        throw thrown;
      }
      if (e.getCause() instanceof Error thrown) {
        throw thrown;
      }
      throw e;
    }
  }

  /** The anchoring's header chain, when it links; the anchoring's findings say why not. */
  private Optional<HeaderChain> chain(ReportBundle bundle) {
    EvidenceBundle.Anchor anchor = bundle.anchored().anchor();
    try {
      Block block = Block.parseFrom(Base64Text.decode(anchor.block()));
      return HeaderChain.link(block, anchor, trusted) instanceof HeaderChain.Linked linked
          ? Optional.of(linked.chain())
          : Optional.empty();
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Finding signature(ReportBundle bundle, String digest) {
    Report report = bundle.report();
    String item = "report " + report.id();
    byte[] signed;
    try {
      signed = ReportJson.statement(report).signedContent();
    } catch (IllegalArgumentException e) {
      return Finding.malformed(item, "no statement can be signed over it: " + e.getMessage());
    }
    ReportBundle.IssuerSignature s = bundle.signature();
    if (!s.mspId().equals(report.issuer())) {
      return Finding.failed(item, "signed by " + s.mspId() + ", issued by " + report.issuer());
    }
    X509Certificate signer;
    byte[] signature;
    try {
      signer = Pem.certificate(s.certificate());
      signature = Base64Text.decode(s.signature());
    } catch (IllegalArgumentException e) {
      return Finding.malformed(
          item, "its signature or certificate is unreadable: " + e.getMessage());
    }
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(signer.getPublicKey());
      verifier.update(signed);
      if (!verifier.verify(signature)) {
        return Finding.failed(
            item, "digest " + digest + "; the issuer's signature does not verify over it");
      }
    } catch (GeneralSecurityException e) {
      return Finding.failed(item, "the issuer's signature does not verify: " + e.getMessage());
    }
    Optional<X509Certificate> ca = bundle.anchored().caOf(s.mspId());
    if (ca.isEmpty()) {
      return Finding.failed(item, "signature ok, but no CA certificate of " + s.mspId());
    }
    try {
      if (!signer.getIssuerX500Principal().equals(ca.get().getSubjectX500Principal())) {
        throw new GeneralSecurityException("issued by " + signer.getIssuerX500Principal());
      }
      signer.verify(ca.get().getPublicKey());
      signer.checkValidity(Date.from(report.issuedAt()));
    } catch (GeneralSecurityException e) {
      return Finding.failed(
          item,
          "signature ok, but the signer does not chain to " + s.mspId() + ": " + e.getMessage());
    }
    return Finding.ok(
        item,
        "digest "
            + digest
            + "; signed by "
            + signer.getSubjectX500Principal().getName()
            + " of "
            + s.mspId());
  }

  private static Finding issuance(ReportBundle bundle, String digest) {
    EvidenceBundle.Event event = bundle.issuance();
    Finding content = EvidenceVerifier.eventContent(event);
    String item = "issuance";
    if (!content.passed()) {
      return new Finding(item, content.outcome(), content.detail());
    }
    StrictJson.Node payload;
    try {
      payload = StrictJson.object(Base64Text.decode(event.payload()));
    } catch (StrictJson.Malformed | IllegalArgumentException e) {
      return Finding.failed(item, "the issuing event's payload is not JSON");
    }
    Report report = bundle.report();
    List<String> differences = new ArrayList<>();
    same(differences, "reportId", report.id(), payload.stringOr("reportId", ""));
    same(differences, "sha256", digest, payload.stringOr("sha256", ""));
    same(differences, "issuer", report.issuer(), payload.stringOr("issuer", ""));
    same(
        differences,
        "signature",
        bundle.signature().signature(),
        payload.stringOr("signature", ""));
    if (!differences.isEmpty()) {
      return Finding.failed(
          item, "the log recorded another report — " + String.join("; ", differences));
    }
    return Finding.ok(
        item,
        "the log recorded report "
            + report.id()
            + " with digest "
            + digest
            + " at leaf "
            + event.leaf().index());
  }

  /**
   * An input's finding and, when it passed, the data formulas may read; for a reading batch, also
   * its readings as its check parsed them, so that its formulas do not parse them again.
   */
  private record Checked(
      Finding finding, Optional<Object> data, Optional<List<AssessedReading>> readings) {

    Checked(Finding finding, Optional<Object> data) {
      this(finding, data, Optional.empty());
    }
  }

  private static Checked input(
      Input input,
      Input.AuditLeaf named,
      Map<Long, EvidenceBundle.Batch> batches,
      Map<Long, EvidenceBundle.Event> events) {
    String item = "input " + input.id();
    Finding content;
    EvidenceBundle.Leaf leaf;
    Object data;
    Optional<List<AssessedReading>> readings = Optional.empty();
    if (input.kind() == InputKind.READING_BATCH) {
      EvidenceBundle.Batch batch = batches.get(named.index());
      if (batch == null) {
        return new Checked(
            Finding.failed(item, "the bundle holds no batch at leaf " + named.index()),
            Optional.empty());
      }
      EvidenceVerifier.CheckedBatch checked = EvidenceVerifier.batchContent(batch, new HashMap<>());
      content = checked.finding();
      readings = checked.readings();
      leaf = batch.leaf();
      data = batch;
    } else {
      EvidenceBundle.Event event = events.get(named.index());
      if (event == null) {
        return new Checked(
            Finding.failed(item, "the bundle holds no event at leaf " + named.index()),
            Optional.empty());
      }
      content = EvidenceVerifier.eventContent(event);
      leaf = event.leaf();
      data = event;
    }
    if (!content.passed()) {
      return new Checked(restated(item, content), Optional.empty());
    }
    String hash = leafHash(leaf).hex();
    if (!hash.equals(named.hash())) {
      return new Checked(
          Finding.failed(
              item,
              "its data makes leaf "
                  + leaf.index()
                  + " hash to "
                  + hash
                  + ", the report names "
                  + named.hash()),
          Optional.empty());
    }
    return new Checked(
        Finding.ok(
            item,
            content.item() + ": " + content.said() + "; leaf " + leaf.index() + " hashes as named"),
        Optional.of(data),
        readings);
  }

  /** {@code found}, an item of an input's data, as the input's finding. */
  private static Finding restated(String item, Finding found) {
    return found.outcome() == Finding.Outcome.MALFORMED
        ? Finding.malformed(item, found.item() + ": " + found.said())
        : Finding.failed(item, found.item() + ": " + found.said());
  }

  /** The findings of the inputs written on the ledger, by input id; slots checked in parallel. */
  private Map<String, Checked> written(Report report, Optional<ReportBundle.Market> market) {
    List<Input> onLedger =
        report.inputs().stream().filter(i -> i.evidence() instanceof Input.LedgerWrite).toList();
    if (onLedger.isEmpty()) {
      return Map.of();
    }
    Map<String, Checked> written = new HashMap<>();
    if (market.isEmpty()) {
      onLedger.forEach(
          i ->
              written.put(
                  i.id(),
                  new Checked(
                      Finding.failed(
                          "input " + i.id(), "the bundle holds no market evidence for it"),
                      Optional.empty())));
      return written;
    }
    ReportBundle.Market m = market.get();
    SlotVerification slots;
    try {
      slots =
          SlotVerification.over(
              m.channel(), m.terms(), m.currency(), m.blocks(), m.certificates(), consortium.get());
    } catch (SlotVerification.Unusable e) {
      onLedger.forEach(
          i ->
              written.put(
                  i.id(), new Checked(restated("input " + i.id(), e.finding()), Optional.empty())));
      return written;
    }
    Map<String, BillBundle.Clearing> bySlot = new HashMap<>();
    m.slots().forEach(c -> bySlot.putIfAbsent(c.slot(), c));
    // Each slot is checked on its own (signatures, clearing, settlement): both cores share them.
    onLedger.parallelStream()
        .map(i -> Map.entry(i.id(), written(i, (Input.LedgerWrite) i.evidence(), m, slots, bySlot)))
        .toList()
        .forEach(e -> written.put(e.getKey(), e.getValue()));
    return written;
  }

  private static Checked written(
      Input input,
      Input.LedgerWrite write,
      ReportBundle.Market market,
      SlotVerification slots,
      Map<String, BillBundle.Clearing> bySlot) {
    String item = "input " + input.id();
    if (!write.channel().equals(market.channel())) {
      return new Checked(
          Finding.failed(
              item,
              "written on channel "
                  + write.channel()
                  + ", the bundle's market is on "
                  + market.channel()),
          Optional.empty());
    }
    BillBundle.Clearing clearing = bySlot.get(write.key());
    if (clearing == null) {
      return new Checked(
          Finding.failed(item, "the bundle holds no clearing of slot " + write.key()),
          Optional.empty());
    }
    SlotVerification.Outcome outcome =
        slots.check(write.key(), write.txId(), write.blockNumber(), clearing);
    Finding found = outcome.finding();
    return found.passed()
        ? new Checked(
            Finding.ok(item, found.item() + ": " + found.said()),
            Optional.of(
                new MarketSlot(clearing, market.terms(), market.currency(), outcome.battery())))
        : new Checked(restated(item, found), Optional.empty());
  }

  private static Finding proof(ReportBundle bundle, TreeMap<Long, Sha256> leaves) {
    AnchoredCheckpoint anchored = bundle.anchored();
    String tree = anchored.checkpoint().logId() + "@" + anchored.checkpoint().treeSize();
    String item = "proof";
    ReportBundle.LeafProof given = bundle.proof();
    if (!given.indices().equals(List.copyOf(leaves.keySet()))) {
      return Finding.failed(
          item, "it proves leaves " + given.indices() + ", the report names " + leaves.keySet());
    }
    ProofCheck check;
    try {
      check =
          MultiInclusionProof.fromHex(given.treeSize(), given.indices(), given.hashes())
              .verify(
                  List.copyOf(leaves.values()),
                  anchored.checkpoint().treeSize(),
                  Sha256.fromHex(anchored.checkpoint().root()));
    } catch (IllegalArgumentException e) {
      return Finding.malformed(item, "unusable: " + e.getMessage());
    }
    return check instanceof ProofCheck.Invalid(String reason)
        ? Finding.failed(item, "the leaves are not proven in " + tree + ": " + reason)
        : Finding.ok(
            item,
            leaves.size()
                + " leaves are in "
                + tree
                + " with "
                + given.hashes().size()
                + " hashes");
  }

  private static List<Finding> figures(Report report, Map<String, Checked> inputs) {
    List<Finding> findings = new ArrayList<>();
    Map<String, Figure> verified = new HashMap<>();
    Map<String, String> broken = new HashMap<>();
    inputs.forEach(
        (id, checked) -> {
          if (!checked.finding().passed()) {
            broken.put(id, "input " + id + " failed");
          }
        });
    Map<String, Object> usable = new HashMap<>();
    inputs.forEach((id, c) -> c.data().ifPresent(d -> usable.put(id, d)));
    Map<String, List<AssessedReading>> parsed = new HashMap<>();
    inputs.forEach((id, c) -> c.readings().ifPresent(r -> parsed.put(id, r)));
    LoggedData data = new LoggedData(report.inputs(), usable, verified::get, parsed);
    for (Figure figure : report.figures()) {
      String item = "figure " + figure.id();
      Optional<String> brokenInput =
          figure.inputs().stream().filter(broken::containsKey).findFirst().map(broken::get);
      if (brokenInput.isPresent()) {
        broken.put(figure.id(), "figure " + figure.id() + " failed");
        findings.add(
            Finding.failed(item, figure.value() + " " + figure.unit() + " — " + brokenInput.get()));
        continue;
      }
      Optional<FigureFormula> formula = FigureFormula.named(figure.formula());
      if (formula.isEmpty()) {
        broken.put(figure.id(), "figure " + figure.id() + " failed");
        findings.add(Finding.failed(item, "unknown formula " + figure.formula()));
        continue;
      }
      try {
        String computed = formula.get().compute(figure, data);
        if (!computed.equals(figure.value())) {
          broken.put(figure.id(), "figure " + figure.id() + " failed");
          findings.add(
              Finding.failed(
                  item,
                  "states "
                      + figure.value()
                      + " "
                      + figure.unit()
                      + ", its inputs give "
                      + computed
                      + " by "
                      + figure.formula()));
        } else {
          verified.put(figure.id(), figure);
          findings.add(
              Finding.ok(item, figure.value() + " " + figure.unit() + " by " + figure.formula()));
        }
      } catch (FigureException e) {
        broken.put(figure.id(), "figure " + figure.id() + " failed");
        findings.add(Finding.failed(item, e.getMessage()));
      }
    }
    return findings;
  }

  private static Sha256 leafHash(EvidenceBundle.Leaf leaf) {
    try {
      return TreeHash.leaf(HEX.parseHex(leaf.data()));
    } catch (IllegalArgumentException e) {
      return TreeHash.leaf(new byte[0]);
    }
  }

  /** The leaf hash the report names; the proof, not this, decides whether it is in the log. */
  private static Sha256 leafHashOrZero(Input.AuditLeaf leaf) {
    try {
      return Sha256.fromHex(leaf.hash());
    } catch (IllegalArgumentException e) {
      return TreeHash.leaf(new byte[0]);
    }
  }

  private static void same(List<String> differences, String field, String ours, String logged) {
    if (!ours.equals(logged)) {
      differences.add(field + " " + ours + " here, " + logged + " logged");
    }
  }
}
