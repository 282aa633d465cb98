package io.twinledger.reporting.report;

import io.twinledger.contracts.merkle.Checkpoint;
import io.twinledger.contracts.merkle.MerkleTree;
import io.twinledger.contracts.merkle.MultiInclusionProof;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.contracts.merkle.TreeHash;
import io.twinledger.finance.bond.terms.BondTermsDocuments;
import io.twinledger.ledger.audit.DomainEventLeaf;
import io.twinledger.ledger.audit.ReadingBatchLeaf;
import io.twinledger.network.msp.CertificateAuthority;
import io.twinledger.network.msp.MspIdentity;
import io.twinledger.network.msp.NodeOu;
import io.twinledger.reporting.evidence.AnchoredCheckpoint;
import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.reporting.evidence.Finding;
import io.twinledger.reporting.evidence.Pem;
import io.twinledger.reporting.evidence.Verification;
import io.twinledger.twin.reading.AssessedReading;
import io.twinledger.twin.reading.InstantText;
import io.twinledger.twin.reading.Reading;
import io.twinledger.twin.reading.ReadingBatch;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A per-unit NRW contractor statement for June 2025, built as the service builds one: real readings
 * in a real batch digest, events as stored leaves, the figures computed by the formulas the
 * verifier runs, an issuer identity from a CA, one multi-leaf proof over an in-memory log, and a
 * checkpoint signed by the log operator. What it cannot make is a Fabric block, so its anchoring
 * does not verify.
 */
final class ReportFixture {

  static final String ISSUER = "CityFinanceMSP";
  static final Instant START = Instant.parse("2025-06-01T00:00:00Z");
  static final Instant END = Instant.parse("2025-07-01T00:00:00Z");

  private static final HexFormat HEX = HexFormat.of();

  /** The checks a fixture without a Fabric block or a witnessed note cannot pass. */
  private static final List<String> ANCHORING =
      List.of("block", "transaction", "note", "quorum", "ledger issue");

  static final String TERMS =
      """
      {"id": "nrw-contract", "currency": "USD", "face": "1000000", "issueDate": "2025-01-01",
       "maturity": "2027-01-01",
       "features": [{"type": "per-unit-payment", "asset": "dma-1", "kpi": "nrw-percent",
         "baseline": "35", "better": "LOWER", "amountPerUnit": "1000",
         "firstMonth": "2025-06", "lastMonth": "2025-06"}]}
      """;

  private final List<byte[]> leaves = new ArrayList<>();
  private final CertificateAuthority ca =
      CertificateAuthority.create(
          ISSUER,
          "City Finance",
          "finance.example",
          Instant.parse("2020-01-01T00:00:00Z"),
          Instant.parse("2040-01-01T00:00:00Z"));
  private final MspIdentity issuer =
      ca.issue(
          "reports@finance.example",
          NodeOu.CLIENT,
          Instant.parse("2020-01-01T00:00:00Z"),
          Instant.parse("2040-01-01T00:00:00Z"));

  /** The bundle, intact. */
  ReportBundle bundle() {
    return bundleOf(null);
  }

  /**
   * The bundle of {@code stated}, signed and logged over the fixture's data, or of the fixture's
   * own report when null.
   */
  ReportBundle bundleOf(Report stated) {
    List<AssessedReading> readings = new ArrayList<>();
    for (int day = 0; day < 30; day++) {
      Instant at = START.plus(day, ChronoUnit.DAYS);
      readings.add(reading("meter-in", "system-input-volume", at, "100"));
      readings.add(reading("meter-billed", "billed-consumption", at, "69"));
    }
    EvidenceBundle.Batch bundledBatch = batch(41, readings);
    String digest = ReadingBatch.of(readings).digestHex();

    EvidenceBundle.Event asset =
        event(
            "AssetRegistered",
            "asset-dma-1",
            """
            {"assetId":"dma-1","name":"District 1","timeZone":"UTC","parameters":\
            {"assetClass":"WATER_DISTRICT","mainsLengthKm":120,"serviceConnections":9000,\
            "privatePipeLengthKm":30,"averagePressureM":45,"tariff":{"amount":1.5,"currency":"USD"}}}""");
    EvidenceBundle.Event definition =
        event(
            "KpiDefined",
            "asset-dma-1",
            """
            {"assetId":"dma-1","definition":{"kpiId":"nrw-percent","unit":"P1","aggregation":null,\
            "betterDirection":"LOWER","thresholds":[],"derivation":{"formula":"NRW_PERCENT",\
            "inputs":{"billed":"billed-consumption","systemInput":"system-input-volume"},\
            "parameters":{}}}}""");
    EvidenceBundle.Event period =
        event(
            "KpiPeriodClosed",
            "period-dma-1-nrw-percent",
            """
            {"assetId":"dma-1","kpiId":"nrw-percent","periodKind":"MONTH",\
            "periodStart":"2025-06-01T00:00:00Z","periodEnd":"2025-07-01T00:00:00Z","revision":1,\
            "value":31.00,"unit":"P1","coveragePercent":100,"readingCount":60,\
            "qualitySummary":{},"batchDigests":["%s"],"components":{},"remarks":[],\
            "classification":null,"cause":null}"""
                .formatted(digest));
    String termsHash = BondTermsDocuments.termsHash(BondTermsDocuments.parseJson(TERMS));
    EvidenceBundle.Event terms =
        event(
            "BondDefined",
            "bond-nrw-contract",
            "{\"bondId\":\"nrw-contract\",\"version\":1,\"terms\":"
                + quoted(TERMS)
                + ",\"termsHash\":\""
                + termsHash
                + "\"}");

    List<Input> inputs =
        List.of(
            input("batch.41", InputKind.READING_BATCH, bundledBatch.leaf()),
            input("asset.dma-1", InputKind.ASSET_PARAMETERS, asset.leaf()),
            input("kpi.nrw-percent", InputKind.KPI_DEFINITION, definition.leaf()),
            input("period.nrw-percent.2025-06", InputKind.KPI_PERIOD, period.leaf()),
            input("terms.nrw-contract", InputKind.BOND_TERMS, terms.leaf()));
    List<Figure> figures =
        List.of(
            new Figure(
                "nrw-percent.2025-06",
                "NRW, June 2025",
                "31",
                "P1",
                KpiPeriodFormula.NAME,
                Map.of("kpiId", "nrw-percent", "observationDate", "2025-06-01"),
                List.of(
                    "period.nrw-percent.2025-06", "kpi.nrw-percent", "asset.dma-1", "batch.41")),
            new Figure(
                "payment.2025-06-30",
                "Payment for June 2025",
                "4000.00",
                "USD",
                BondPaymentFormula.NAME,
                Map.of("feature", "0", "date", "2025-06-30", "kind", "PER_UNIT", "payer", "ISSUER"),
                List.of("terms.nrw-contract", "nrw-percent.2025-06")),
            new Figure(
                "payments.total",
                "Payments, total",
                "4000.00",
                "USD",
                SumFormula.NAME,
                Map.of(),
                List.of("payment.2025-06-30")));
    Report report =
        new Report(
            "nrw-contract-2025-06",
            ReportType.PER_UNIT_STATEMENT,
            "NRW contractor statement, June 2025",
            "nrw-contract",
            LocalDate.parse("2025-06-01"),
            LocalDate.parse("2025-07-01"),
            ISSUER,
            Instant.parse("2025-07-05T09:00:00Z"),
            Optional.empty(),
            new Report.Provenance("twinledger 0.1.0", "0".repeat(64)),
            figures,
            inputs,
            List.of("Figures re-computed from the readings."));
    return issue(
        stated == null ? report : stated, bundledBatch, List.of(asset, definition, period, terms));
  }

  /** Batch {@code batchId} of {@code readings} from source {@code mqtt}, logged as a leaf. */
  EvidenceBundle.Batch batch(long batchId, List<AssessedReading> readings) {
    ReadingBatch batch = ReadingBatch.of(readings);
    long leaf =
        append(
            new ReadingBatchLeaf(
                    batchId, "mqtt", readings.size(), Sha256.fromHex(batch.digestHex()))
                .data());
    return new EvidenceBundle.Batch(
        batchId,
        batch.encoding().tag(),
        readings.stream().map(ReportFixture::bundled).toList(),
        leaf(leaf));
  }

  /** The findings of checks a fixture's bundle can pass: all but those of {@link #ANCHORING}. */
  static List<Finding> beyondAnchoring(Verification verification) {
    return verification.findings().stream()
        .filter(f -> ANCHORING.stream().noneMatch(a -> f.item().startsWith(a)))
        .toList();
  }

  /** {@code report} signed, logged and proven with the given data. */
  ReportBundle issue(Report report, EvidenceBundle.Batch batch, List<EvidenceBundle.Event> events) {
    return issue(report, List.of(batch), events, Optional.empty());
  }

  /**
   * {@code report} signed, logged and proven with the given data, and the market evidence of its
   * market-slot inputs.
   */
  ReportBundle issue(
      Report report,
      List<EvidenceBundle.Batch> batches,
      List<EvidenceBundle.Event> events,
      Optional<ReportBundle.Market> market) {
    byte[] canonical = ReportJson.canonical(report);
    String signature =
        Base64.getEncoder().encodeToString(sign(ReportJson.statement(report).signedContent()));
    EvidenceBundle.Event issuance =
        event(
            "ReportIssued",
            "report-" + report.id(),
            "{\"reportId\":\""
                + report.id()
                + "\",\"sha256\":\""
                + ReportJson.sha256(canonical)
                + "\",\"issuer\":\""
                + ISSUER
                + "\",\"signature\":\""
                + signature
                + "\"}");
    long size = leaves.size();
    List<Long> indices = new ArrayList<>();
    indices.add(issuance.leaf().index());
    report.inputs().forEach(i -> i.auditLeaf().ifPresent(leaf -> indices.add(leaf.index())));
    MultiInclusionProof proof = tree().multiInclusion(indices, size);
    Sha256 root = tree().root(size);
    Checkpoint checkpoint =
        new Checkpoint("audit", size, root, Instant.parse("2025-07-05T09:01:00Z"));
    EvidenceBundle.SignedCheckpoint signed =
        new EvidenceBundle.SignedCheckpoint(
            "audit",
            size,
            root.hex(),
            checkpoint.timestamp().toString(),
            Base64.getEncoder().encodeToString(sign(checkpoint.signedContent())),
            ISSUER,
            Pem.of(issuer.certificate()));
    AnchoredCheckpoint anchored =
        new AnchoredCheckpoint(
            signed,
            new EvidenceBundle.Anchor(
                "infra-performance", "twinledger-anchor", "tx", 1, "", List.of()),
            List.of(new EvidenceBundle.OrgCertificate(ISSUER, Pem.of(ca.certificate()))));
    return new ReportBundle(
        report,
        new ReportBundle.IssuerSignature(ISSUER, Pem.of(issuer.certificate()), signature),
        issuance,
        batches,
        events,
        new ReportBundle.LeafProof(size, proof.leafIndices(), proof.hexHashes()),
        anchored,
        Optional.empty(),
        List.of(),
        market);
  }

  private MerkleTree tree() {
    List<Sha256> hashes = leaves.stream().map(TreeHash::leaf).toList();
    return new MerkleTree(
        (start, level) -> {
          List<Sha256> level0 = hashes.subList((int) start, (int) start + (1 << level));
          return root(level0);
        });
  }

  private static Sha256 root(List<Sha256> hashes) {
    if (hashes.size() == 1) {
      return hashes.getFirst();
    }
    int half = hashes.size() / 2;
    return TreeHash.node(root(hashes.subList(0, half)), root(hashes.subList(half, hashes.size())));
  }

  private byte[] sign(byte[] content) {
    try {
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(issuer.privateKey());
      signer.update(content);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private long append(byte[] data) {
    leaves.add(data);
    return leaves.size() - 1;
  }

  private EvidenceBundle.Leaf leaf(long index) {
    return new EvidenceBundle.Leaf(index, HEX.formatHex(leaves.get((int) index)), List.of());
  }

  EvidenceBundle.Event event(String type, String aggregate, String payload) {
    long index = leaves.size();
    String payloadType = "io.twinledger.ledger.example." + type;
    String timestamp = "2025-07-05T08:00:00." + String.format("%03d", index) + "Z";
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    DomainEventLeaf leaf =
        DomainEventLeaf.of(
            index,
            "event-" + index,
            "Aggregate",
            aggregate,
            0,
            payloadType,
            timestamp,
            bytes,
            null);
    append(leaf.data());
    return new EvidenceBundle.Event(
        index,
        "event-" + index,
        "Aggregate",
        aggregate,
        0,
        payloadType,
        timestamp,
        Base64.getEncoder().encodeToString(bytes),
        "",
        leaf(index));
  }

  static Input input(String id, InputKind kind, EvidenceBundle.Leaf leaf) {
    return new Input(
        id,
        kind,
        leaf.index(),
        TreeHash.leaf(HEX.parseHex(leaf.data())).hex(),
        "/api/v1/audit/leaves?index=" + leaf.index());
  }

  /** A reading of asset {@code dma-1} from source {@code mqtt}, in m³, without quality flags. */
  static AssessedReading reading(String sensor, String kpi, Instant at, String value) {
    return new AssessedReading(
        new Reading(
            "mqtt",
            sensor,
            "dma-1",
            kpi,
            at,
            new BigDecimal(value),
            "MTQ",
            new BigDecimal(value),
            "MTQ"),
        Set.of());
  }

  private static EvidenceBundle.Reading bundled(AssessedReading r) {
    Reading reading = r.reading();
    return new EvidenceBundle.Reading(
        reading.source(),
        reading.sensorId(),
        reading.assetId(),
        reading.kpiId(),
        InstantText.format(reading.observedAt()),
        reading.value().toPlainString(),
        reading.unit(),
        reading.originalValue().toPlainString(),
        reading.originalUnit(),
        List.of());
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
