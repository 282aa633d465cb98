package io.twinledger.service.cli;

import io.twinledger.twin.net.NetworkFailure;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./twinledger subscribe BROKER_URL}: asks a running service to create, on an NGSI-LD
 * context broker, the subscription that feeds its mapping.
 */
final class SubscribeCommand {

  static final String USAGE =
      "usage: ./twinledger subscribe BROKER_URL [--notify URL] [--tenant NAME]"
          + " [--broker-auth 'Basic ...'] [--url http://localhost:8080] [--user operator]";

  private SubscribeCommand() {}

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println("twinledger: " + USAGE);
      return 2;
    }
    ServiceConnection service;
    try {
      service =
          ServiceConnection.parse(
              Arrays.copyOfRange(args, 1, args.length),
              env,
              "--notify",
              "--tenant",
              "--broker-auth");
    } catch (ServiceConnection.UsageException e) {
      err.println("twinledger: " + e.getMessage() + "; " + USAGE);
      return 2;
    }
    ObjectNode body = JsonMapper.shared().createObjectNode();
    body.put("brokerUrl", args[0]);
    service.option("--notify").ifPresent(v -> body.put("notificationUrl", v));
    service.option("--tenant").ifPresent(v -> body.put("tenant", v));
    service.option("--broker-auth").ifPresent(v -> body.put("receiverAuthorization", v));
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  service
                      .request("/api/v1/twin/ngsi-ld/subscriptions")
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201) {
        err.println(
            "twinledger: subscription refused (HTTP "
                + response.statusCode()
                + "): "
                + ServiceConnection.problemDetail(response.body()));
        return 1;
      }
      out.println(
          "subscribed: "
              + JsonMapper.shared().readTree(response.body()).path("location").asString());
      return 0;
    } catch (IOException e) {
      err.println(
          "twinledger: cannot reach "
              + service.url()
              + ": "
              + NetworkFailure.cause(e, URI.create(service.url()).getHost()));
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("twinledger: subscribe interrupted");
      return 1;
    }
  }
}
