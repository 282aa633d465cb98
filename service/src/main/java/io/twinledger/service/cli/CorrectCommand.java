package io.twinledger.service.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./twinledger correct}: corrections of stored readings through a running service ({@code
 * /api/v1/twin/corrections}). Operators void, supersede or release; finance officers approve or
 * reject; anyone allowed lists. Prints one line per correction.
 */
final class CorrectCommand {

  static final String USAGE =
      "usage: ./twinledger correct void|supersede|release --source S --sensor ID --at INSTANT"
          + " [--value V (supersede)] --reason TEXT | void --batch ID --reason TEXT"
          + " | resubmit --quarantine ID --payload-file FILE [--topic T (MQTT)] --reason TEXT"
          + " | approve ID [--reason TEXT] | reject ID --reason TEXT"
          + " | list [--status WAITING|APPLIED|REJECTED|HELD]; [--url URL] [--user USER]"
          + " (password from TWINLEDGER_PASSWORD or a prompt)";

  private static final String PATH = "/api/v1/twin/corrections";

  private CorrectCommand() {}

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println("twinledger: correct needs an action; " + USAGE);
      return 2;
    }
    String action = args[0];
    boolean decision = action.equals("approve") || action.equals("reject");
    if (decision && (args.length < 2 || !args[1].matches("[0-9]{1,18}"))) {
      err.println("twinledger: " + action + " needs a correction number; " + USAGE);
      return 2;
    }
    String[] options = Arrays.copyOfRange(args, decision ? 2 : 1, args.length);
    ServiceConnection service;
    try {
      service =
          ServiceConnection.parse(
              options,
              env,
              "--source",
              "--sensor",
              "--at",
              "--value",
              "--reason",
              "--batch",
              "--status",
              "--quarantine",
              "--payload-file",
              "--topic");
    } catch (ServiceConnection.UsageException e) {
      err.println("twinledger: " + e.getMessage() + "; " + USAGE);
      return 2;
    }
    return service.exchange(
        () -> {
          return switch (action) {
            case "void", "supersede", "release" -> request(action, service, out, err);
            case "resubmit" -> resubmit(service, out, err);
            case "approve", "reject" -> decide(action, args[1], service, out, err);
            case "list" -> list(service, out, err);
            default -> {
              err.println("twinledger: unknown correct action '" + action + "'; " + USAGE);
              yield 2;
            }
          };
        },
        err);
  }

  private static int request(
      String action, ServiceConnection service, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    ObjectNode body = JsonMapper.shared().createObjectNode();
    body.put("action", action.toUpperCase(Locale.ROOT));
    service.option("--reason").ifPresent(r -> body.put("reason", r));
    Optional<String> batch = service.option("--batch");
    if (batch.isPresent()) {
      if (!batch.get().matches("[0-9]{1,18}")) {
        err.println("twinledger: --batch must be a batch number; " + USAGE);
        return 2;
      }
      body.put("batchId", Long.parseLong(batch.get()));
    } else {
      ObjectNode reading = body.putObject("reading");
      service.option("--source").ifPresent(s -> reading.put("source", s));
      service.option("--sensor").ifPresent(s -> reading.put("sensorId", s));
      service.option("--at").ifPresent(s -> reading.put("observedAt", s));
    }
    if (service.option("--value").isPresent()) {
      try {
        body.put("value", new BigDecimal(service.option("--value").get()));
      } catch (NumberFormatException e) {
        err.println("twinledger: --value must be a decimal number; " + USAGE);
        return 2;
      }
    }
    return print(send(service, "POST", PATH, body.toString()), out, err);
  }

  private static int resubmit(ServiceConnection service, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    Optional<String> quarantine = service.option("--quarantine");
    Optional<String> file = service.option("--payload-file");
    if (quarantine.isEmpty() || !quarantine.get().matches("[0-9]{1,18}") || file.isEmpty()) {
      err.println("twinledger: resubmit needs --quarantine ID and --payload-file FILE; " + USAGE);
      return 2;
    }
    String payload;
    try {
      payload = Files.readString(Path.of(file.get()), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      err.println("twinledger: cannot read " + file.get() + ": " + e.getMessage());
      return 2;
    }
    ObjectNode body = JsonMapper.shared().createObjectNode();
    body.put("action", "RESUBMIT");
    body.put("quarantineId", Long.parseLong(quarantine.get()));
    body.put("payload", payload);
    service.option("--topic").ifPresent(t -> body.put("topic", t));
    service.option("--reason").ifPresent(r -> body.put("reason", r));
    return print(send(service, "POST", PATH, body.toString()), out, err);
  }

  private static int decide(
      String action, String id, ServiceConnection service, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    ObjectNode body = JsonMapper.shared().createObjectNode();
    service.option("--reason").ifPresent(r -> body.put("reason", r));
    return print(send(service, "POST", PATH + "/" + id + "/" + action, body.toString()), out, err);
  }

  private static int list(ServiceConnection service, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    String query =
        service
            .option("--status")
            .map(s -> "?status=" + URLEncoder.encode(s, StandardCharsets.UTF_8))
            .orElse("");
    return print(send(service, "GET", PATH + query, null), out, err);
  }

  private static HttpResponse<String> send(
      ServiceConnection service, String method, String path, String body)
      throws IOException, InterruptedException {
    return service.send(
        method,
        path,
        Optional.ofNullable(body),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static int print(HttpResponse<String> response, PrintStream out, PrintStream err) {
    int status = response.statusCode();
    if (status == 202) {
      out.println("recorded; see " + response.headers().firstValue("Location").orElse(PATH));
      return 0;
    }
    if (status != 200 && status != 201) {
      err.println(
          "twinledger: the service answered HTTP "
              + status
              + ": "
              + ServiceConnection.problemDetail(response.body()));
      return 1;
    }
    JsonNode json = JsonMapper.shared().readTree(response.body());
    if (json.isArray()) {
      if (json.isEmpty()) {
        out.println("no corrections");
      }
      json.forEach(c -> out.println(line(c)));
    } else {
      out.println(line(json));
    }
    return 0;
  }

  /**
   * {@code correction 3 SUPERSEDE WAITING: reading inlet-x at 2026-11-01T13:00:00Z (batch 7)
   * 99999999999 -> 100 by operator: meter misread; changes MONTH 2026-11}.
   */
  static String line(JsonNode c) {
    JsonNode reading = c.path("reading");
    String target =
        reading.isMissingNode() || reading.isNull()
            ? "batch "
                + c.get("batchId").asLong()
                + (c.path("quarantineId").isNumber()
                    ? " from quarantine entry " + c.get("quarantineId").asLong()
                    : "")
            : "reading "
                + reading.get("sensorId").asString()
                + " at "
                + reading.get("observedAt").asString()
                + " (batch "
                + c.get("batchId").asLong()
                + ")";
    String values =
        c.path("value").isNull() || c.path("value").isMissingNode()
            ? ""
            : " " + reading.path("value").asString("?") + " -> " + c.get("value").asString();
    String closed =
        c.path("closedPeriods").isEmpty()
            ? ""
            : "; changes " + String.join(", ", strings(c.get("closedPeriods")));
    String decided =
        c.path("decidedBy").isNull() || c.path("decidedBy").isMissingNode()
            ? ""
            : "; decided by " + c.get("decidedBy").asString();
    return "correction "
        + c.get("correctionId").asLong()
        + " "
        + c.get("action").asString()
        + " "
        + c.get("status").asString()
        + ": "
        + target
        + values
        + " by "
        + c.get("requestedBy").asString()
        + ": "
        + c.get("reason").asString()
        + closed
        + decided;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asString()));
    return values;
  }
}
