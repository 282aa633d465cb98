package io.twinledger.service.cli;

import static java.net.URLEncoder.encode;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.twinledger.reporting.evidence.StrictJson;
import io.twinledger.reporting.report.Figure;
import io.twinledger.reporting.report.Report;
import io.twinledger.reporting.report.ReportJson;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./twinledger report}: compliance reports on a running service ({@code /api/v1/reports}). A
 * finance officer issues a report over a period: a bond's, an asset's or a portfolio's P&amp;L
 * statement, an investor's statement, or the village's report of a month; anyone allowed lists
 * reports, shows one figure by figure, saves its document or a rendering, and saves its bundle for
 * {@code ./twinledger verify-report}; the auditor attests it. Periods are {@code [from, to)}:
 * {@code to} is the day after the last day covered, as in the API.
 *
 * <p>The service judges what it is sent (dates, verdicts, who may do what); its refusal is one
 * line, {@code twinledger: <title>: <detail>}, and exit code 1. A command line without what the
 * action needs is its usage and exit code 2.
 */
final class ReportCommand {

  static final String USAGE =
      "usage: ./twinledger report list [--subject BOND]"
          + " | issue (--bond ID | --asset ID | --portfolio all-assets | --holder NAME)"
          + " --from YYYY-MM-DD --to YYYY-MM-DD"
          + " [--replaces ID --reason TEXT] | issue --month YYYY-MM"
          + " | show ID | get ID [--format json|pdf|csv] [--out FILE] | bundle ID [--out FILE]"
          + " | attest ID --verdict APPROVED|QUALIFIED [--comments TEXT];"
          + " [--url URL] [--user USER] (password from TWINLEDGER_PASSWORD or a prompt)";

  private static final String PATH = "/api/v1/reports";

  /** The file name in a {@code Content-Disposition} header. */
  private static final Pattern FILE_NAME = Pattern.compile("filename=\"([^\"/\\\\]+)\"");

  /** How many hex digits of a digest a listing shows. */
  private static final int SHORT_DIGEST = 12;

  private ReportCommand() {}

  /** What an action takes: whether it names a report, and its own options. */
  private enum Action {
    LIST(false, "--subject"),
    ISSUE(
        false,
        "--bond",
        "--asset",
        "--portfolio",
        "--holder",
        "--month",
        "--from",
        "--to",
        "--replaces",
        "--reason"),
    SHOW(true),
    GET(true, "--format", "--out"),
    BUNDLE(true, "--out"),
    ATTEST(true, "--verdict", "--comments");

    private final boolean namesReport;
    private final String[] options;

    Action(boolean namesReport, String... options) {
      this.namesReport = namesReport;
      this.options = options;
    }

    static Optional<Action> of(String name) {
      return Arrays.stream(values())
          .filter(a -> a.name().toLowerCase(Locale.ROOT).equals(name))
          .findFirst();
    }
  }

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    Optional<Action> action = args.length == 0 ? Optional.empty() : Action.of(args[0]);
    if (action.isEmpty()) {
      err.println(
          "twinledger: "
              + (args.length == 0
                  ? "report needs an action"
                  : "unknown report action '" + args[0] + "'")
              + "; "
              + USAGE);
      return 2;
    }
    boolean namesReport = action.get().namesReport;
    if (namesReport && (args.length < 2 || args[1].startsWith("--"))) {
      err.println("twinledger: report " + args[0] + " needs a report id; " + USAGE);
      return 2;
    }
    String reportId = namesReport ? args[1] : "";
    ServiceConnection service;
    try {
      service =
          ServiceConnection.parse(
              Arrays.copyOfRange(args, namesReport ? 2 : 1, args.length),
              env,
              action.get().options);
    } catch (ServiceConnection.UsageException e) {
      err.println("twinledger: " + e.getMessage() + "; " + USAGE);
      return 2;
    }
    return service.exchange(
        () ->
            switch (action.get()) {
              case LIST -> list(service, out, err);
              case ISSUE -> issue(service, out, err);
              case SHOW -> show(reportId, service, out, err);
              case GET -> get(reportId, service, out, err);
              case BUNDLE -> bundle(reportId, service, out, err);
              case ATTEST -> attest(reportId, service, out, err);
            },
        err);
  }

  private static int list(ServiceConnection service, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    String query = service.option("--subject").map(s -> "?subject=" + encode(s, UTF_8)).orElse("");
    HttpResponse<String> response = service.send("GET", PATH + query, Optional.empty(), text());
    if (response.statusCode() != 200) {
      return fail(response, err);
    }
    JsonNode reports = JsonMapper.shared().readTree(response.body());
    if (reports.isEmpty()) {
      out.println("No reports.");
    }
    for (JsonNode r : reports) {
      out.printf(
          Locale.ROOT,
          "%-44s %-22s [%s, %s) %-20s %s%n",
          r.get("reportId").asString(),
          r.get("type").asString(),
          r.get("periodStart").asString(),
          r.get("periodEnd").asString(),
          r.get("status").asString(),
          r.get("sha256").asString().substring(0, SHORT_DIGEST));
    }
    return 0;
  }

  private static int issue(ServiceConnection service, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    ObjectNode body = JsonMapper.shared().createObjectNode();
    // The subject says which report: a bond's, an asset's or a portfolio's P&L statement, an
    // investor's statement, or the village's month.
    List<String> subjects =
        Stream.of("--bond", "--asset", "--portfolio", "--holder", "--month")
            .filter(o -> service.option(o).isPresent())
            .toList();
    if (subjects.size() != 1) {
      err.println(
          "twinledger: report issue needs one of --bond, --asset, --portfolio, --holder or"
              + " --month; "
              + USAGE);
      return 2;
    }
    String subject = service.option(subjects.getFirst()).orElseThrow();
    switch (subjects.getFirst()) {
      case "--bond" -> body.put("bondId", subject);
      case "--asset" -> body.put("type", "pnl-statement").put("assetId", subject);
      case "--portfolio" -> body.put("type", "portfolio-pnl-statement").put("portfolioId", subject);
      case "--holder" -> body.put("type", "investor-statement").put("holder", subject);
      default -> body.put("type", "community-energy").put("month", subject);
    }
    List<String[]> period =
        subjects.getFirst().equals("--month")
            ? List.of()
            : List.of(new String[] {"--from", "from"}, new String[] {"--to", "to"});
    for (String[] option : period) {
      Optional<String> value = service.option(option[0]);
      if (value.isEmpty()) {
        err.println("twinledger: report issue needs " + option[0] + "; " + USAGE);
        return 2;
      }
      body.put(option[1], value.get());
    }
    service.option("--replaces").ifPresent(r -> body.put("replaces", r));
    service.option("--reason").ifPresent(r -> body.put("reason", r));
    HttpResponse<String> response =
        service.send("POST", PATH, Optional.of(body.toString()), text());
    if (response.statusCode() != 201) {
      return fail(response, err);
    }
    JsonNode issued = JsonMapper.shared().readTree(response.body());
    String id = issued.get("reportId").asString();
    out.println(
        "Issued report "
            + id
            + ": sha256 "
            + issued.get("sha256").asString()
            + ", ledger tx "
            + string(issued, "ledgerTx").orElse("(none)")
            + string(issued, "replaces").map(r -> ", replaces " + r).orElse(""));
    out.println("  ./twinledger report show " + id);
    return 0;
  }

  private static int show(
      String reportId, ServiceConnection service, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    String path = reportPath(reportId);
    HttpResponse<String> summary = service.send("GET", path + "/summary", Optional.empty(), text());
    if (summary.statusCode() != 200) {
      return fail(summary, err);
    }
    HttpResponse<byte[]> document = service.send("GET", path, Optional.empty(), bytes());
    if (document.statusCode() != 200) {
      return fail(document, err);
    }
    Report report;
    try {
      report = ReportJson.read(document.body());
    } catch (StrictJson.Malformed e) {
      err.println("twinledger: the service sent no report for " + reportId + ": " + e.getMessage());
      return 1;
    }
    JsonNode standing = JsonMapper.shared().readTree(summary.body());
    out.println(report.title());
    out.println(
        "  "
            + report.id()
            + " — "
            + report.type().label()
            + " of "
            + report.subject()
            + ", ["
            + report.periodStart()
            + ", "
            + report.periodEnd()
            + ")");
    out.println(
        "  issued by "
            + report.issuer()
            + " at "
            + report.issuedAt()
            + ", sha256 "
            + standing.get("sha256").asString()
            + ", ledger tx "
            + string(standing, "ledgerTx").orElse("(none)"));
    report.replaces().ifPresent(r -> out.println("  replaces " + r.reportId() + ": " + r.reason()));
    out.println("  status " + standing.get("status").asString());
    for (JsonNode a : standing.get("attestations")) {
      out.println(
          "    "
              + a.get("verdict").asString()
              + " by "
              + a.get("attester").asString()
              + " ("
              + a.get("attesterMsp").asString()
              + ")"
              + (a.get("comments").asString().isBlank()
                  ? ""
                  : ": " + a.get("comments").asString()));
    }
    out.println("  Figures");
    for (Figure f : report.figures()) {
      out.printf(Locale.ROOT, "    %-56s %18s %-4s %s%n", f.id(), f.value(), f.unit(), f.formula());
    }
    return 0;
  }

  private static int get(
      String reportId, ServiceConnection service, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    String format = service.option("--format").orElse("json");
    HttpResponse<byte[]> response =
        service.send(
            "GET",
            reportPath(reportId) + "?format=" + encode(format, UTF_8),
            Optional.empty(),
            bytes());
    if (response.statusCode() != 200) {
      return fail(response, err);
    }
    Path file = save(response, reportId + ".json", service);
    out.println(
        "Report "
            + reportId
            + " ("
            + format
            + ") written to "
            + file
            + " ("
            + response.body().length
            + " bytes)");
    return 0;
  }

  private static int bundle(
      String reportId, ServiceConnection service, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> response =
        service.send("GET", reportPath(reportId) + "/bundle", Optional.empty(), bytes());
    if (response.statusCode() != 200) {
      return fail(response, err);
    }
    Path file = save(response, reportId + ".bundle.json", service);
    out.println(
        "Bundle of report "
            + reportId
            + " written to "
            + file
            + " ("
            + response.body().length
            + " bytes); check it offline with:");
    out.println("./twinledger verify-report " + file);
    return 0;
  }

  private static int attest(
      String reportId, ServiceConnection service, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    Optional<String> verdict = service.option("--verdict");
    if (verdict.isEmpty()) {
      err.println("twinledger: report attest needs --verdict; " + USAGE);
      return 2;
    }
    ObjectNode body = JsonMapper.shared().createObjectNode();
    body.put("verdict", verdict.get());
    body.put("comments", service.option("--comments").orElse(""));
    HttpResponse<String> response =
        service.send(
            "POST", reportPath(reportId) + "/attestations", Optional.of(body.toString()), text());
    if (response.statusCode() != 200) {
      return fail(response, err);
    }
    JsonNode attested = JsonMapper.shared().readTree(response.body());
    JsonNode last = attested.get("attestations").get(attested.get("attestations").size() - 1);
    out.println(
        "Report "
            + reportId
            + " "
            + attested.get("status").asString()
            + " by "
            + last.get("attester").asString()
            + " ("
            + last.get("attesterMsp").asString()
            + "), ledger tx "
            + last.get("ledgerTx").asString());
    return 0;
  }

  private static String reportPath(String reportId) {
    return PATH + "/" + encode(reportId, UTF_8);
  }

  /**
   * Saves the body to {@code --out}, else to the name the service gave in {@code
   * Content-Disposition}, else to {@code fallback}, in the current directory.
   */
  private static Path save(HttpResponse<byte[]> response, String fallback, ServiceConnection c)
      throws IOException {
    Path file =
        Path.of(
            c.option("--out")
                .orElseGet(
                    () ->
                        response
                            .headers()
                            .firstValue("Content-Disposition")
                            .map(FILE_NAME::matcher)
                            .filter(Matcher::find)
                            .map(m -> m.group(1))
                            .orElse(fallback)));
    Download.save(file, response.body());
    return file;
  }

  private static int fail(HttpResponse<?> response, PrintStream err) {
    String body =
        response.body() instanceof byte[] raw ? new String(raw, UTF_8) : (String) response.body();
    err.println("twinledger: " + ServiceConnection.problemLine(response.statusCode(), body));
    return 1;
  }

  /** A text field that may be null in the summary, such as {@code ledgerTx}. */
  private static Optional<String> string(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isString() ? Optional.of(value.asString()) : Optional.empty();
  }

  private static HttpResponse.BodyHandler<String> text() {
    return HttpResponse.BodyHandlers.ofString(UTF_8);
  }

  private static HttpResponse.BodyHandler<byte[]> bytes() {
    return HttpResponse.BodyHandlers.ofByteArray();
  }
}
