package io.twinledger.twin.ngsild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.twinledger.twin.mapping.MappingConfig;
import io.twinledger.twin.mapping.NgsiLdSelector;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Subscribing on a broker stand-in: a real HTTP server that records and checks the request. */
class BrokerSubscriptionsTest {

  private HttpServer broker;
  private final AtomicReference<String> body = new AtomicReference<>();
  private final AtomicReference<String> contentType = new AtomicReference<>();
  private final AtomicReference<String> tenant = new AtomicReference<>();
  private int status = 201;

  @BeforeEach
  void startBroker() throws Exception {
    broker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    broker.createContext(
        "/ngsi-ld/v1/subscriptions",
        exchange -> {
          body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          contentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
          tenant.set(exchange.getRequestHeaders().getFirst("NGSILD-Tenant"));
          if (!exchange.getRequestMethod().equals("POST")) {
            status = 405;
          }
          exchange
              .getResponseHeaders()
              .add("Location", "/ngsi-ld/v1/subscriptions/urn:ngsi-ld:Subscription:x");
          byte[] answer = status == 201 ? new byte[0] : "{\"title\":\"BadRequestData\"}".getBytes();
          exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    broker.start();
  }

  @AfterEach
  void stopBroker() {
    broker.stop(0);
  }

  @Test
  void theSubscriptionCoversEveryMappedEntityAndAttributeInNormalizedForm() throws Exception {
    MappingConfig mapping;
    try (InputStream in = getClass().getResourceAsStream("/mapping/riverton.yaml")) {
      mapping = MappingConfig.load(in);
    }
    SubscriptionRequest request =
        new SubscriptionRequest(
            "urn:ngsi-ld:Subscription:twinledger-riverton",
            mapping.ngsiLdSelectors(),
            URI.create("http://twinledger:8080/api/v1/twin/ngsi-ld/notifications"),
            Optional.of("Basic b3BlcmF0b3I6b3BlcmF0b3I="));

    URI location = new BrokerSubscriptions().create(brokerUri(), Optional.of("riverton"), request);

    assertThat(location.toString())
        .isEqualTo(brokerUri() + "/ngsi-ld/v1/subscriptions/urn:ngsi-ld:Subscription:x");
    assertThat(contentType.get()).isEqualTo("application/json");
    assertThat(tenant.get()).isEqualTo("riverton");
    JsonNode sent = JsonMapper.builder().build().readTree(body.get());
    assertThat(sent.get("type").asString()).isEqualTo("Subscription");
    assertThat(sent.at("/notification/format").asString()).isEqualTo("normalized");
    assertThat(sent.at("/notification/endpoint/uri").asString())
        .isEqualTo("http://twinledger:8080/api/v1/twin/ngsi-ld/notifications");
    assertThat(sent.at("/notification/endpoint/receiverInfo/0/value").asString())
        .isEqualTo("Basic b3BlcmF0b3I6b3BlcmF0b3I=");
    assertThat(sent.get("entities").valueStream().map(e -> e.get("type").asString()))
        .contains("WaterConsumptionObserved", "RoadSegment");
    assertThat(sent.get("entities").valueStream().filter(e -> e.has("idPattern"))).isNotEmpty();
    assertThat(sent.get("watchedAttributes").valueStream().map(JsonNode::asString))
        .contains("waterConsumption", "iri", "rutDepth");
  }

  @Test
  void aRefusalCarriesTheBrokersAnswer() {
    status = 400;
    SubscriptionRequest request =
        new SubscriptionRequest(
            "urn:ngsi-ld:Subscription:bad",
            List.of(
                new NgsiLdSelector(
                    Optional.of("urn:ngsi-ld:Pipe:1"),
                    Optional.empty(),
                    Optional.empty(),
                    Set.of("flow"))),
            URI.create("http://twinledger/notify"),
            Optional.empty());
    assertThatThrownBy(
            () -> new BrokerSubscriptions().create(brokerUri(), Optional.empty(), request))
        .hasMessageContaining("answered 400: {\"title\":\"BadRequestData\"}");
  }

  @Test
  void anUnreachableBrokerIsNamedWithTheCause() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    assertThatThrownBy(() -> subscribe(URI.create("http://127.0.0.1:" + closed)))
        .hasMessage("broker http://127.0.0.1:" + closed + " cannot be reached: connection refused");
    assertThatThrownBy(() -> subscribe(URI.create("http://no-such-broker.invalid:1026/")))
        .hasMessage(
            "broker http://no-such-broker.invalid:1026 cannot be reached:"
                + " unknown host no-such-broker.invalid");
  }

  private static URI subscribe(URI broker) {
    SubscriptionRequest request =
        new SubscriptionRequest(
            "urn:ngsi-ld:Subscription:x",
            List.of(
                new NgsiLdSelector(
                    Optional.empty(), Optional.of("Pipe"), Optional.empty(), Set.of("flow"))),
            URI.create("http://twinledger/notify"),
            Optional.empty());
    return new BrokerSubscriptions().create(broker, Optional.empty(), request);
  }

  private URI brokerUri() {
    return URI.create("http://127.0.0.1:" + broker.getAddress().getPort());
  }
}
