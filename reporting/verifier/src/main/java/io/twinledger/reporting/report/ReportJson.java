package io.twinledger.reporting.report;

import io.twinledger.contracts.merkle.ReportStatement;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.reporting.evidence.StrictJson;
import io.twinledger.reporting.evidence.StrictJson.Node;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.erdtman.jcs.JsonCanonicalizer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link Report}'s canonical JSON, format {@value #FORMAT}, and its strict reader.
 *
 * <p>The issuer signs the report's {@link #statement}, which carries its digest.
 *
 * <p>The canonical bytes are the RFC 8785 (JCS) serialization of the report's JSON tree: members
 * sorted by name, no white space, UTF-8. Every value is a string except leaf indexes and block
 * numbers, which are integers; decimals travel as plain decimal strings, so no binary floating
 * point ever touches a figure. {@code replaces} is left out when there is none. The report's digest
 * is SHA-256 over these bytes, hex. An input recorded in the audit log names its {@code leafIndex}
 * and {@code leafHash}; one written on the ledger ({@code market-slot}) names its {@code channel},
 * {@code blockNumber}, {@code txId} and {@code key} instead.
 *
 * <p>The reader refuses unknown and missing fields and names the field's path. A verifier reads a
 * report and writes it again to take its digest: what is signed is the report's content, not the
 * spelling of the file it arrived in.
 */
public final class ReportJson {

  /** The format tag of a report. */
  public static final String FORMAT = "twinledger-report/v1";

  private static final HexFormat HEX = HexFormat.of();

  private static final Set<String> REPORT =
      Set.of(
          "format",
          "id",
          "type",
          "title",
          "subject",
          "periodStart",
          "periodEnd",
          "issuer",
          "issuedAt",
          "replaces",
          "provenance",
          "figures",
          "inputs",
          "statements");
  private static final Set<String> REPLACEMENT = Set.of("reportId", "sha256", "reason");
  private static final Set<String> PROVENANCE = Set.of("software", "configuration");
  private static final Set<String> FIGURE =
      Set.of("id", "label", "value", "unit", "formula", "parameters", "inputs");
  private static final Set<String> INPUT = Set.of("id", "kind", "leafIndex", "leafHash", "address");
  private static final Set<String> LEDGER_INPUT =
      Set.of("id", "kind", "channel", "blockNumber", "txId", "key", "address");

  private ReportJson() {}

  /** The report's canonical bytes. */
  public static byte[] canonical(Report report) {
    try {
      return new JsonCanonicalizer(Writer.JSON.writeValueAsString(tree(report))).getEncodedUTF8();
    } catch (IOException e) {
      throw new IllegalStateException("a report's own JSON did not canonicalize", e);
    }
  }

  /** SHA-256 of the report's canonical bytes, hex. */
  public static String sha256(Report report) {
    return sha256(canonical(report));
  }

  /** SHA-256 of {@code bytes}, hex. */
  public static String sha256(byte[] bytes) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-256", e);
    }
  }

  /**
   * What the issuer signs: the report's id, type, subject and period ({@code start/end}, ISO dates,
   * end exclusive) with the SHA-256 of its canonical bytes. The report contract checks the same
   * signature before it records the report.
   */
  public static ReportStatement statement(Report report) {
    return new ReportStatement(
        report.id(),
        report.type().label(),
        report.subject(),
        report.periodStart() + "/" + report.periodEnd(),
        Sha256.fromHex(sha256(report)));
  }

  /** The report as a JSON tree, for embedding in a bundle. */
  public static ObjectNode tree(Report report) {
    ObjectNode root = Writer.JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("id", report.id());
    root.put("type", report.type().label());
    root.put("title", report.title());
    root.put("subject", report.subject());
    root.put("periodStart", report.periodStart().toString());
    root.put("periodEnd", report.periodEnd().toString());
    root.put("issuer", report.issuer());
    root.put("issuedAt", report.issuedAt().toString());
    report
        .replaces()
        .ifPresent(
            r -> {
              ObjectNode replaces = root.putObject("replaces");
              replaces.put("reportId", r.reportId());
              replaces.put("sha256", r.sha256());
              replaces.put("reason", r.reason());
            });
    ObjectNode provenance = root.putObject("provenance");
    provenance.put("software", report.provenance().software());
    provenance.put("configuration", report.provenance().configuration());
    ArrayNode figures = root.putArray("figures");
    for (Figure f : report.figures()) {
      ObjectNode figure = figures.addObject();
      figure.put("id", f.id());
      figure.put("label", f.label());
      figure.put("value", f.value());
      figure.put("unit", f.unit());
      figure.put("formula", f.formula());
      ObjectNode parameters = figure.putObject("parameters");
      f.parameters().forEach(parameters::put);
      ArrayNode inputs = figure.putArray("inputs");
      f.inputs().forEach(inputs::add);
    }
    ArrayNode inputs = root.putArray("inputs");
    for (Input i : report.inputs()) {
      ObjectNode input = inputs.addObject();
      input.put("id", i.id());
      input.put("kind", i.kind().label());
      switch (i.evidence()) {
        case Input.AuditLeaf leaf -> {
          input.put("leafIndex", leaf.index());
          input.put("leafHash", leaf.hash());
        }
        case Input.LedgerWrite write -> {
          input.put("channel", write.channel());
          input.put("blockNumber", write.blockNumber());
          input.put("txId", write.txId());
          input.put("key", write.key());
        }
      }
      input.put("address", i.address());
    }
    ArrayNode statements = root.putArray("statements");
    report.statements().forEach(statements::add);
    return root;
  }

  /** The report in {@code json}, a report document on its own. */
  public static Report read(byte[] json) throws StrictJson.Malformed {
    return read(StrictJson.object(json));
  }

  /** The report in {@code node}, such as a bundle's {@code report} member. */
  public static Report read(Node node) throws StrictJson.Malformed {
    // replaces is the one optional member; the getters below require every other one.
    node.only(REPORT);
    if (!node.string("format").equals(FORMAT)) {
      throw new StrictJson.Malformed(
          "not a " + FORMAT + " report (format \"" + node.string("format") + "\")");
    }
    try {
      Optional<Report.Replacement> replaces = Optional.empty();
      if (node.has("replaces")) {
        Node r = node.object("replaces").exactly(REPLACEMENT);
        replaces =
            Optional.of(
                new Report.Replacement(
                    r.string("reportId"), r.string("sha256"), r.string("reason")));
      }
      Node p = node.object("provenance").exactly(PROVENANCE);
      List<Figure> figures = new ArrayList<>();
      for (Node f : node.objects("figures")) {
        f.exactly(FIGURE);
        Map<String, String> parameters = new TreeMap<>();
        Node given = f.object("parameters");
        for (String name : given.names()) {
          parameters.put(name, given.string(name));
        }
        figures.add(
            new Figure(
                f.string("id"),
                f.string("label"),
                f.string("value"),
                f.string("unit"),
                f.string("formula"),
                parameters,
                f.strings("inputs")));
      }
      List<Input> inputs = new ArrayList<>();
      for (Node i : node.objects("inputs")) {
        InputKind kind = InputKind.ofLabel(i.string("kind"));
        i.exactly(kind.onLedger() ? LEDGER_INPUT : INPUT);
        Input.Evidence evidence =
            kind.onLedger()
                ? new Input.LedgerWrite(
                    i.string("channel"),
                    i.integer("blockNumber"),
                    i.string("txId"),
                    i.string("key"))
                : new Input.AuditLeaf(i.integer("leafIndex"), i.string("leafHash"));
        inputs.add(new Input(i.string("id"), kind, evidence, i.string("address")));
      }
      return new Report(
          node.string("id"),
          ReportType.ofLabel(node.string("type")),
          node.string("title"),
          node.string("subject"),
          LocalDate.parse(node.string("periodStart")),
          LocalDate.parse(node.string("periodEnd")),
          node.string("issuer"),
          Instant.parse(node.string("issuedAt")),
          replaces,
          new Report.Provenance(p.string("software"), p.string("configuration")),
          figures,
          inputs,
          node.strings("statements"));
    } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
      throw new StrictJson.Malformed("report: " + e.getMessage());
    }
  }

  /**
   * The mapper that writes a report's tree, built when a report is first written or digested, not
   * when one is read.
   */
  private static final class Writer {
    private static final JsonMapper JSON = JsonMapper.builder().build();
  }
}
