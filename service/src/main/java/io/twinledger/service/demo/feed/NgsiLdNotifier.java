package io.twinledger.service.demo.feed;

import io.twinledger.market.simulation.meter.MeterReading;
import io.twinledger.twin.simulator.SensorAddress.NgsiLdAttribute;
import io.twinledger.twin.simulator.SimulatedReading;
import io.twinledger.twin.unit.UnitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends NGSI-LD signals as a context broker would: JSON-LD notifications in normalized form, each
 * attribute a Property with {@code observedAt} and {@code unitCode}, POSTed over HTTP to the
 * service's own notification endpoint with an operator's credentials and the tenant {@value
 * #TENANT}. Readings published at the same moment go in one notification per entity type, as one
 * subscription per type would deliver them; attributes of one entity share its object.
 */
final class NgsiLdNotifier {

  /**
   * The tenant the notifications are sent under; the readings' source is {@code ngsi-ld:riverton}.
   */
  static final String TENANT = "riverton";

  private static final Logger log = LoggerFactory.getLogger(NgsiLdNotifier.class);

  private static final String CORE_CONTEXT =
      "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld";

  /** The Smart Data Models context of each entity type the simulator's sensors report as. */
  private static final Map<String, String> MODEL_CONTEXTS =
      Map.of(
          "WaterConsumptionObserved",
          "https://raw.githubusercontent.com/smart-data-models/dataModel.WaterConsumption/master/context.jsonld",
          "RoadSegment",
          "https://raw.githubusercontent.com/smart-data-models/dataModel.Transportation/master/context.jsonld");

  private static final int MAX_ATTEMPTS = 10;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final JsonMapper json = JsonMapper.builder().build();
  private final URI endpoint;
  private final String authorization;
  private final Clock clock;

  /** Set once the service refused the credentials; nothing is sent after that. */
  private boolean credentialsRefused;

  NgsiLdNotifier(URI endpoint, String user, String password, Clock clock) {
    this.endpoint = endpoint;
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.clock = clock;
  }

  /**
   * Notifies readings published at the same moment. A notification the service refuses (it then
   * quarantines it) is logged and skipped; refused credentials stop all further notifications.
   *
   * @return the number of notifications the service accepted
   * @throws IllegalStateException if the service cannot be reached or fails (5xx); sending again
   *     later is safe, the service stores each reading once
   */
  int notify(List<SimulatedReading> readings) {
    if (credentialsRefused) {
      return 0;
    }
    Map<String, Map<String, ObjectNode>> entitiesByType = new LinkedHashMap<>();
    for (SimulatedReading reading : readings) {
      if (!(reading.address() instanceof NgsiLdAttribute attribute)) {
        throw new IllegalArgumentException(reading.signal() + " is not sent over NGSI-LD");
      }
      property(
          entitiesByType,
          attribute.entityType(),
          attribute.entityId(),
          attribute.attribute(),
          reading.value(),
          reading.observedAt(),
          reading.signal().unit());
    }
    return post(entitiesByType);
  }

  /**
   * Notifies meter readings taken at the same moment: one {@value VillageMeterReadings#ENTITY_TYPE}
   * entity per household, its two registers as Properties. As {@link #notify(List)}.
   *
   * @return the number of notifications the service accepted (0 or 1)
   */
  int notifyMeters(List<MeterReading> readings) {
    if (credentialsRefused) {
      return 0;
    }
    Map<String, Map<String, ObjectNode>> entitiesByType = new LinkedHashMap<>();
    for (MeterReading reading : readings) {
      String entityId = VillageMeterReadings.entityId(reading.household());
      String type = VillageMeterReadings.ENTITY_TYPE;
      property(
          entitiesByType,
          type,
          entityId,
          VillageMeterReadings.IMPORT_ATTRIBUTE,
          reading.importKwh(),
          reading.at(),
          UnitCode.KWH);
      property(
          entitiesByType,
          type,
          entityId,
          VillageMeterReadings.EXPORT_ATTRIBUTE,
          reading.exportKwh(),
          reading.at(),
          UnitCode.KWH);
    }
    return post(entitiesByType);
  }

  /** Adds one attribute, a Property with its observation time and unit, to its entity. */
  private void property(
      Map<String, Map<String, ObjectNode>> entitiesByType,
      String entityType,
      String entityId,
      String attribute,
      BigDecimal value,
      Instant observedAt,
      UnitCode unit) {
    entitiesByType
        .computeIfAbsent(entityType, type -> new LinkedHashMap<>())
        .computeIfAbsent(
            entityId, id -> json.createObjectNode().put("id", id).put("type", entityType))
        .putObject(attribute)
        .put("type", "Property")
        .put("value", value)
        .put("observedAt", observedAt.toString())
        .put("unitCode", unit.name());
  }

  /** One notification per entity type; returns how many the service accepted. */
  private int post(Map<String, Map<String, ObjectNode>> entitiesByType) {
    int accepted = 0;
    for (Map.Entry<String, Map<String, ObjectNode>> type : entitiesByType.entrySet()) {
      if (post(notification(type.getKey(), new ArrayList<>(type.getValue().values())))) {
        accepted++;
      }
    }
    return accepted;
  }

  private String notification(String entityType, List<ObjectNode> entities) {
    ObjectNode notification = json.createObjectNode();
    ArrayNode context = notification.putArray("@context");
    context.add(MODEL_CONTEXTS.getOrDefault(entityType, CORE_CONTEXT));
    context.add(CORE_CONTEXT);
    notification
        .put("id", "urn:ngsi-ld:Notification:" + UUID.randomUUID())
        .put("type", "Notification")
        .put("subscriptionId", "urn:ngsi-ld:Subscription:riverton-demo-" + entityType)
        .put("notifiedAt", clock.instant().toString());
    ArrayNode data = notification.putArray("data");
    entities.forEach(data::add);
    return json.writeValueAsString(notification);
  }

  /**
   * POSTs one notification, waiting out the service's rate limit when it answers 429; returns
   * whether the service accepted it.
   */
  private boolean post(String body) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/ld+json")
            .header("Authorization", authorization)
            .header("NGSILD-Tenant", TENANT)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("NGSI-LD notification to " + endpoint + " failed", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while notifying", e);
      }
      int status = response.statusCode();
      if (status == 200) {
        return true;
      }
      if (status == 401 || status == 403) {
        credentialsRefused = true;
        log.warn(
            "Demo feed: the service refused the credentials of twinledger.demo.feed.user (HTTP {});"
                + " NGSI-LD signals are no longer fed",
            status);
        return false;
      }
      if (status >= 500 || (status == 429 && attempt == MAX_ATTEMPTS)) {
        throw new IllegalStateException(
            "NGSI-LD notification failed with HTTP " + status + ": " + response.body());
      }
      if (status != 429) {
        log.warn(
            "Demo feed: NGSI-LD notification refused with HTTP {}: {}", status, response.body());
        return false;
      }
      long seconds = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
      log.debug("NGSI-LD notification rate-limited; retrying in {} s", seconds);
      sleep(Duration.ofSeconds(seconds));
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while notifying", e);
    }
  }
}
