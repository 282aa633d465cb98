package io.twinledger.twin.ngsild;

import io.twinledger.twin.mapping.NgsiLdSelector;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An NGSI-LD subscription (ETSI GS CIM 009, section 5.2.12) that makes a context broker notify
 * TwinLedger of the entities and attributes a mapping binds, in normalized form so that each
 * attribute carries its {@code observedAt} and {@code unitCode}.
 *
 * <p>An entity selector needs a type. For a mapping that names only an entity id, the type is taken
 * from the id when it follows the {@code urn:ngsi-ld:<Type>:<rest>} convention.
 *
 * @param id the subscription id, such as {@code urn:ngsi-ld:Subscription:twinledger-riverton}
 * @param notificationUri where the broker POSTs notifications
 * @param receiverAuthorization the {@code Authorization} header the broker sends with them
 */
public record SubscriptionRequest(
    String id,
    List<NgsiLdSelector> selectors,
    URI notificationUri,
    Optional<String> receiverAuthorization) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  public SubscriptionRequest {
    Objects.requireNonNull(id, "id");
    selectors = List.copyOf(selectors);
    if (selectors.isEmpty()) {
      throw new IllegalArgumentException("the mapping binds no NGSI-LD entities");
    }
    Objects.requireNonNull(notificationUri, "notificationUri");
    Objects.requireNonNull(receiverAuthorization, "receiverAuthorization");
    selectors.forEach(SubscriptionRequest::type);
  }

  /** The request body, {@code application/json} with the core context implied. */
  public String toJson() {
    ObjectNode body = JSON.createObjectNode();
    body.put("id", id);
    body.put("type", "Subscription");
    ArrayNode entities = body.putArray("entities");
    TreeSet<String> attributes = new TreeSet<>();
    for (NgsiLdSelector selector : selectors) {
      ObjectNode entity = entities.addObject();
      selector.entityId().ifPresent(entityId -> entity.put("id", entityId));
      entity.put("type", type(selector));
      selector.idPattern().ifPresent(pattern -> entity.put("idPattern", pattern));
      attributes.addAll(selector.attributes());
    }
    ArrayNode watched = body.putArray("watchedAttributes");
    attributes.forEach(watched::add);
    ObjectNode notification = body.putObject("notification");
    ArrayNode notified = notification.putArray("attributes");
    attributes.forEach(notified::add);
    notification.put("format", "normalized");
    ObjectNode endpoint = notification.putObject("endpoint");
    endpoint.put("uri", notificationUri.toString());
    endpoint.put("accept", "application/json");
    receiverAuthorization.ifPresent(
        authorization -> {
          ObjectNode header = endpoint.putArray("receiverInfo").addObject();
          header.put("key", "Authorization");
          header.put("value", authorization);
        });
    return JSON.writeValueAsString(body);
  }

  private static String type(NgsiLdSelector selector) {
    return selector
        .entityType()
        .or(() -> selector.entityId().flatMap(SubscriptionRequest::typeFromUrn))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "entity "
                        + selector.entityId().orElse("?")
                        + " has no type in the mapping and none in its id"));
  }

  private static Optional<String> typeFromUrn(String entityId) {
    String[] parts = entityId.split(":");
    return parts.length >= 4 && parts[0].equals("urn") && parts[1].equals("ngsi-ld")
        ? Optional.of(parts[2])
        : Optional.empty();
  }
}
