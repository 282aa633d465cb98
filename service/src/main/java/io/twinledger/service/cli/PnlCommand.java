package io.twinledger.service.cli;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./twinledger pnl}: prints the P&amp;L statements of one asset, or of every asset with a
 * P&amp;L, from a running service ({@code GET /api/v1/pnl/…}), with the drill-down address of each
 * line so that a reader can follow any figure to the KPI periods and evidence behind it. A line
 * computed from a partial month says so. {@code --revisions MODEL} prints instead what changed in
 * the months of every asset the model computes, and why, each changed line before and after.
 */
final class PnlCommand {

  static final String USAGE =
      "usage: ./twinledger pnl [--asset ID | --revisions MODEL] [--period MONTH|QUARTER|YEAR"
          + " (YEAR)] [--from YYYY-MM] [--to YYYY-MM] [--url URL] [--user USER] (password from"
          + " TWINLEDGER_PASSWORD or a prompt)";

  private static final int LABEL_WIDTH = 56;

  private PnlCommand() {}

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    ServiceConnection service;
    try {
      service =
          ServiceConnection.parse(
              args, env, "--asset", "--revisions", "--period", "--from", "--to");
    } catch (ServiceConnection.UsageException e) {
      err.println("twinledger: " + e.getMessage() + "; " + USAGE);
      return 2;
    }
    if (service.option("--revisions").isPresent()) {
      if (service.option("--asset").isPresent() || service.option("--period").isPresent()) {
        err.println("twinledger: --revisions takes neither --asset nor --period; " + USAGE);
        return 2;
      }
      return revisions(service, service.option("--revisions").get(), out, err);
    }
    String query =
        "?period="
            + encode(service.option("--period").orElse("YEAR"))
            + service.option("--from").map(f -> "&from=" + encode(f)).orElse("")
            + service.option("--to").map(t -> "&to=" + encode(t)).orElse("");
    return service.exchange(
        () -> {
          List<String> assets = new ArrayList<>();
          if (service.option("--asset").isPresent()) {
            assets.add(service.option("--asset").get());
          } else {
            JsonNode portfolio = service.getJson("/api/v1/pnl/portfolio" + query, err);
            if (portfolio == null) {
              return 1;
            }
            portfolio.get("assets").forEach(a -> assets.add(a.asString()));
          }
          for (String asset : assets) {
            JsonNode pnl = service.getJson("/api/v1/pnl/assets/" + encode(asset) + query, err);
            if (pnl == null) {
              return 1;
            }
            print(pnl, service, out);
          }
          return 0;
        },
        err);
  }

  private static int revisions(
      ServiceConnection service, String model, PrintStream out, PrintStream err) {
    String query =
        service.option("--from").map(f -> "&from=" + encode(f)).orElse("")
            + service.option("--to").map(t -> "&to=" + encode(t)).orElse("");
    return service.exchange(
        () -> {
          JsonNode revisions =
              service.getJson(
                  "/api/v1/pnl/models/"
                      + encode(model)
                      + "/revisions"
                      + query.replaceFirst("^&", "?"),
                  err);
          if (revisions == null) {
            return 1;
          }
          printRevisions(revisions, out);
          return 0;
        },
        err);
  }

  /** One block per revision: asset, month, revision and cause, then each changed line. */
  private static void printRevisions(JsonNode revisions, PrintStream out) {
    out.printf(Locale.ROOT, "Revisions of model %s%n", revisions.get("modelId").asString());
    if (revisions.get("revisions").isEmpty()) {
      out.println("  (none in these months)");
    }
    for (JsonNode revision : revisions.get("revisions")) {
      out.printf(
          Locale.ROOT,
          "  %s %s r%d (model v%d, %s): %s%n",
          revision.get("assetId").asString(),
          revision.get("month").asString(),
          revision.get("revision").asInt(),
          revision.get("modelVersion").asInt(),
          revision.get("recordedAt").asString(),
          revision.get("cause").asString());
      for (JsonNode change : revision.get("changes")) {
        out.printf(
            Locale.ROOT,
            "    %-" + LABEL_WIDTH + "s %16s -> %16s%n",
            change.get("lineId").asString(),
            change.get("existedBefore").asBoolean() ? amount(change.get("before")) : "(new)",
            change.get("existsAfter").asBoolean() ? amount(change.get("after")) : "(removed)");
      }
    }
  }

  private static void print(JsonNode pnl, ServiceConnection service, PrintStream out) {
    String currency = pnl.get("currency").asString();
    out.printf(
        Locale.ROOT,
        "%s — model %s v%d, %s%n",
        pnl.get("assetId").asString(),
        pnl.get("modelId").asString(),
        pnl.get("modelVersion").asInt(),
        currency);
    for (JsonNode statement : pnl.get("statements")) {
      out.printf(
          Locale.ROOT,
          "  %s%s%n",
          statement.get("period").asString(),
          statement.get("complete").asBoolean()
              ? ""
              : " (" + statement.get("months").size() + " months with data)");
      for (JsonNode line : statement.get("lines")) {
        out.printf(
            Locale.ROOT,
            "    %-" + LABEL_WIDTH + "s %16s  %s%n",
            line.get("label").asString() + " [" + line.get("kind").asString() + "]",
            amount(line.get("amount")),
            missing(line.get("missing")) + partial(line.get("partial")));
      }
      JsonNode totals = statement.get("totals");
      for (String total : List.of("income", "costs", "netResult")) {
        out.printf(
            Locale.ROOT,
            "    %-" + LABEL_WIDTH + "s %16s%n",
            total.equals("netResult") ? "Net result" : capitalised(total),
            amount(totals.get(total)));
      }
      if (!totals.get("complete").asBoolean()) {
        int missing = totals.get("missing").size();
        out.printf(
            Locale.ROOT,
            "    (totals leave out %d line month%s without a value)%n",
            missing,
            missing == 1 ? "" : "s");
      }
      int partial = totals.get("partial").size();
      if (partial > 0) {
        out.printf(
            Locale.ROOT,
            "    (totals include %d partial line month%s, computed from KPI periods under the"
                + " model's complete coverage)%n",
            partial,
            partial == 1 ? "" : "s");
      }
    }
    JsonNode first = pnl.get("statements").path(0).path("lines").path(0);
    if (!first.isMissingNode()) {
      out.println("  Drill down: " + service.url() + first.get("drillDown").asString());
    }
    out.println();
  }

  /** The first month a line lacks and why, and how many more; empty for a complete line. */
  private static String missing(JsonNode missing) {
    if (missing.isEmpty()) {
      return "";
    }
    JsonNode first = missing.get(0);
    String reasons =
        first.get("reasons").isEmpty() ? "no value" : first.get("reasons").get(0).asString();
    return "missing "
        + first.get("month").asString()
        + ": "
        + reasons
        + (missing.size() > 1 ? " (and " + (missing.size() - 1) + " more months)" : "");
  }

  /** The first partial month and its first reason, and how many more; empty for none. */
  private static String partial(JsonNode partial) {
    if (partial == null || partial.isEmpty()) {
      return "";
    }
    JsonNode first = partial.get(0);
    return " partial "
        + first.get("month").asString()
        + ": "
        + String.join("; ", first.get("reasons").valueStream().map(JsonNode::asString).toList())
        + (partial.size() > 1 ? " (and " + (partial.size() - 1) + " more months)" : "");
  }

  private static String amount(JsonNode node) {
    return node == null || node.isNull()
        ? "—"
        : String.format(Locale.ROOT, "%,.2f", node.decimalValue());
  }

  private static String capitalised(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
