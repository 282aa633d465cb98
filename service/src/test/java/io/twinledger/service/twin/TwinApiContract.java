package io.twinledger.service.twin;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.twinledger.service.support.Api;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** NGSI-LD notifications over real HTTP into a real PostgreSQL, with the Riverton mapping. */
abstract class TwinApiContract {

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  Api api;

  @BeforeEach
  void connect() {
    api = new Api(port, json);
  }

  @Test
  void aBrokerNotificationIsStoredOnceAndServedWithItsQuality() throws Exception {
    // A unique past observation time keeps this test's readings apart from other runs on the same
    // database, and out of the future, where they would be quarantined.
    String at =
        Instant.parse("2020-01-01T00:00:00Z")
            .plusSeconds(ThreadLocalRandom.current().nextLong(30_000_000))
            .toString();
    String body =
        notification()
            .replace("2024-04-19T10:12:00Z", at)
            .replace("2024-04-19T10:13:00Z", Instant.parse(at).plusSeconds(60).toString());

    var first = post(body);
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().get("stored").asInt())
        .as("iri, rutDepth and pci of two segments")
        .isEqualTo(6);
    assertThat(first.json().get("batchDigest").asString()).matches("[0-9a-f]{64}");

    var again = post(body);
    assertThat(again.json().get("stored").asInt()).isZero();
    assertThat(again.json().get("duplicates").asInt())
        .isEqualTo(first.json().get("stored").asInt());

    JsonNode readings =
        api.get(
                "/api/v1/twin/readings?asset=road-a12-s01&kpi=iri&from="
                    + at
                    + "&to=2100-01-01T00:00:00Z",
                "investor")
            .json();
    assertThat(readings).isNotEmpty();
    assertThat(readings.at("/0/reading/value").decimalValue()).isEqualByComparingTo("1.62");
    assertThat(readings.at("/0/reading/unit").asString()).isEqualTo("NX");
  }

  @Test
  void aNotificationThatIsNotJsonIsRefusedNamedAndQuarantined() {
    String marker = "broken-" + UUID.randomUUID();
    var refused = post("{\"id\": \"" + marker + "\", \"data\": [");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().get("quarantined").asBoolean()).isTrue();
    assertThat(refused.json().get("detail").asString()).isNotBlank();
    assertThat(api.get("/api/v1/twin/quarantine?limit=50", "auditor").body()).contains(marker);
  }

  @Test
  void aMappedAttributeInTextIsQuarantinedAndTheReplyNamesEveryAttributeLeftOut() {
    String marker = "text-" + UUID.randomUUID();
    String entity = "urn:ngsi-ld:RoadSegment:riverton:road-a12-s03";
    var reply =
        post(
            """
            {"id": "urn:ngsi-ld:Notification:%s", "type": "Notification",
             "subscriptionId": "urn:ngsi-ld:Subscription:a12",
             "notifiedAt": "2024-04-20T09:00:00Z",
             "data": [{"id": "%s", "type": "RoadSegment",
               "iri": {"type": "Property", "value": "%s", "observedAt": "2024-04-20T08:55:00Z"},
               "colour": {"type": "Property", "value": "grey"}}]}
            """
                .formatted(marker, entity, marker));

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().get("quarantined").asInt()).isOne();
    assertThat(reply.json().get("unmapped").asInt()).isOne();
    assertThat(reply.json().at("/quarantinedAttributes/0/entity").asString()).isEqualTo(entity);
    assertThat(reply.json().at("/quarantinedAttributes/0/attribute").asString()).isEqualTo("iri");
    assertThat(reply.json().at("/quarantinedAttributes/0/reason").asString())
        .isEqualTo("data[0].iri.value: is the text '" + marker + "', not a number");
    assertThat(reply.json().at("/ignoredAttributes/0/attribute").asString()).isEqualTo("colour");
    assertThat(reply.json().at("/ignoredAttributes/0/reason").asString())
        .startsWith("not in the mapping");
    assertThat(reply.json().get("unlistedAttributes").asInt()).isZero();
    assertThat(api.get("/api/v1/twin/quarantine?limit=50", "auditor").body())
        .contains(entity + " iri: data[0].iri.value: is the text '" + marker + "', not a number");
  }

  @Test
  void aSubscriptionIsCreatedOnTheBrokerPointingBackAtThisService() throws Exception {
    AtomicReference<String> received = new AtomicReference<>();
    HttpServer broker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    broker.createContext(
        "/ngsi-ld/v1/subscriptions",
        exchange -> {
          received.set(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.getResponseHeaders().add("Location", "/ngsi-ld/v1/subscriptions/s1");
          exchange.sendResponseHeaders(201, -1);
          exchange.close();
        });
    broker.start();
    try {
      String brokerUrl = "http://127.0.0.1:" + broker.getAddress().getPort();
      var created =
          api.post(
              "/api/v1/twin/ngsi-ld/subscriptions",
              "operator",
              "{\"brokerUrl\": \"" + brokerUrl + "\", \"tenant\": \"riverton\"}");
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      assertThat(created.json().get("location").asString())
          .isEqualTo(brokerUrl + "/ngsi-ld/v1/subscriptions/s1");
      assertThat(json.readTree(received.get()).at("/notification/endpoint/uri").asString())
          .isEqualTo("http://localhost:" + port + "/api/v1/twin/ngsi-ld/notifications");
    } finally {
      broker.stop(0);
    }
    var unreachable =
        api.post(
            "/api/v1/twin/ngsi-ld/subscriptions",
            "operator",
            "{\"brokerUrl\": \"http://127.0.0.1:1\"}");
    assertThat(unreachable.status()).isEqualTo(502);
    var bad =
        api.post("/api/v1/twin/ngsi-ld/subscriptions", "operator", "{\"brokerUrl\": \"orion\"}");
    assertThat(bad.json().get("field").asString()).isEqualTo("brokerUrl");
  }

  @Test
  void badQueryParametersAreNamed() {
    var bad = api.get("/api/v1/twin/readings?asset=road-a12-s01&flag=WOBBLY", "officer");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("field").asString()).isEqualTo("flag");
    var range =
        api.get(
            "/api/v1/twin/readings?asset=road-a12-s01&from=2026-02-01T00:00:00Z"
                + "&to=2026-01-01T00:00:00Z",
            "officer");
    assertThat(range.json().get("field").asString()).isEqualTo("to");
  }

  private Api.Response post(String body) {
    return api.send("POST", "/api/v1/twin/ngsi-ld/notifications", "operator", body);
  }

  private String notification() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/ngsild/road-segment-normalized.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
