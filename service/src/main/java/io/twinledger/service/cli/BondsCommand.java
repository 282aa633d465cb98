package io.twinledger.service.cli;

import static java.net.URLEncoder.encode;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./twinledger bonds}: prints the bonds of a running service, each with its schedule (every
 * payment with its rule and whether it was declared and paid, and what still waits for KPI data)
 * and its payouts on each chain; {@code --bond ID} for one. An investor sees their own holdings and
 * payouts with {@code --mine}.
 */
final class BondsCommand {

  static final String USAGE =
      "usage: ./twinledger bonds [--bond ID] [--mine] [--url URL] [--user USER] (password from"
          + " TWINLEDGER_PASSWORD or a prompt)";

  private BondsCommand() {}

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    // --mine is a flag; the connection's parser takes options with values only.
    boolean mine = Arrays.asList(args).contains("--mine");
    String[] options = Arrays.stream(args).filter(a -> !a.equals("--mine")).toArray(String[]::new);
    ServiceConnection service;
    try {
      service = ServiceConnection.parse(options, env, "--bond");
    } catch (ServiceConnection.UsageException e) {
      err.println("twinledger: " + e.getMessage() + "; " + USAGE);
      return 2;
    }
    if (mine) {
      return mine(service, out, err);
    }
    return service.exchange(
        () -> {
          List<String> ids = new ArrayList<>();
          if (service.option("--bond").isPresent()) {
            ids.add(service.option("--bond").get());
          } else {
            JsonNode list = service.getJson("/api/v1/bonds", err);
            if (list == null) {
              return 1;
            }
            list.forEach(b -> ids.add(b.get("bondId").asString()));
            if (ids.isEmpty()) {
              out.println("No bonds.");
            }
          }
          for (String id : ids) {
            String path = "/api/v1/bonds/" + encode(id, UTF_8);
            JsonNode bond = service.getJson(path, err);
            JsonNode schedule = bond == null ? null : service.getJson(path + "/schedule", err);
            JsonNode payouts = schedule == null ? null : service.getJson(path + "/payouts", err);
            if (payouts == null) {
              return 1;
            }
            print(bond, schedule, payouts, out);
          }
          return 0;
        },
        err);
  }

  private static int mine(ServiceConnection service, PrintStream out, PrintStream err) {
    return service.exchange(
        () -> {
          JsonNode holdings = service.getJson("/api/v1/me/holdings", err);
          JsonNode payouts = holdings == null ? null : service.getJson("/api/v1/me/payouts", err);
          if (payouts == null) {
            return 1;
          }
          out.println("Holdings");
          for (JsonNode h : holdings) {
            out.printf(
                Locale.ROOT,
                "  %-24s %10d of %10d units (%s)%n",
                h.get("bondId").asString(),
                h.get("units").asLong(),
                h.get("unitsHeld").asLong(),
                h.get("status").asString());
          }
          out.println("Payouts");
          for (JsonNode p : payouts) {
            out.printf(
                Locale.ROOT,
                "  %s %-24s %-28s %-7s %14s %s%n",
                p.get("date").asString(),
                p.get("bondId").asString(),
                p.get("paymentId").asString(),
                p.get("chain").asString(),
                p.get("amount").asString(),
                p.get("currency").asString());
          }
          return 0;
        },
        err);
  }

  private static void print(JsonNode bond, JsonNode schedule, JsonNode payouts, PrintStream out) {
    JsonNode terms = bond.get("terms");
    out.printf(
        Locale.ROOT,
        "%s — %s, version %d, %s %s face, %s to %s, terms %s%n",
        bond.get("bondId").asString(),
        bond.get("status").asString(),
        bond.get("version").asInt(),
        terms.path("currency").asString(),
        terms.path("face").asString(),
        terms.path("issueDate").asString(),
        terms.path("maturity").asString(),
        bond.get("termsHash").asString().substring(0, 12));
    out.println("  Schedule");
    for (JsonNode p : schedule.get("payments")) {
      out.printf(
          Locale.ROOT,
          "    %s %-12s %-9s -> %-9s %16s %s  %-9s %s%n",
          p.get("date").asString(),
          p.get("kind").asString(),
          p.get("payer").asString(),
          p.get("payee").asString(),
          p.get("amount").asString(),
          p.get("currency").asString(),
          p.get("status").asString(),
          p.get("rule").asString());
    }
    for (JsonNode p : schedule.get("pending")) {
      out.printf(
          Locale.ROOT,
          "    %s %-12s waits for %s: %s%n",
          p.get("date").asString(),
          p.get("kind").asString(),
          p.get("kpis").toString(),
          p.get("rule").asString());
    }
    out.println("  Payouts");
    if (payouts.isEmpty()) {
      out.println("    (none yet)");
    }
    for (JsonNode p : payouts) {
      out.printf(
          Locale.ROOT,
          "    %-28s %-7s %16s %s to %d holders, allocation %s, record block %d%n",
          p.get("paymentId").asString(),
          p.get("chain").asString(),
          p.get("total").asString(),
          p.get("currency").asString(),
          p.get("holders").asInt(),
          p.get("allocationDigest").asString().substring(0, 12),
          p.get("recordBlock").asLong());
    }
  }
}
