package io.twinledger.twin.ngsild;

import io.twinledger.twin.net.NetworkFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Creates subscriptions on an NGSI-LD context broker through its API ({@code POST
 * /ngsi-ld/v1/subscriptions}).
 */
public final class BrokerSubscriptions {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /**
   * Creates the subscription and returns its location on the broker.
   *
   * @param broker the broker's base URL, such as {@code http://orion:1026}
   * @param tenant the {@code NGSILD-Tenant} to subscribe in, if not the default
   * @throws IllegalStateException with the broker's answer when it refuses, or with the cause
   *     (connection refused, unknown host, timeout) when it cannot be reached
   */
  public URI create(URI broker, Optional<String> tenant, SubscriptionRequest subscription) {
    String base = broker.toString().replaceAll("/+$", "");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/ngsi-ld/v1/subscriptions"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(subscription.toJson()));
    tenant.ifPresent(t -> request.header("NGSILD-Tenant", t));
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201) {
        throw new IllegalStateException(
            "broker " + base + " answered " + response.statusCode() + ": " + response.body());
      }
      return response
          .headers()
          .firstValue("Location")
          .map(location -> URI.create(base).resolve(location))
          .orElse(URI.create(base + "/ngsi-ld/v1/subscriptions/" + subscription.id()));
    } catch (IOException e) {
      throw new IllegalStateException(
          "broker " + base + " cannot be reached: " + NetworkFailure.cause(e, broker.getHost()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while subscribing at " + base, e);
    }
  }
}
