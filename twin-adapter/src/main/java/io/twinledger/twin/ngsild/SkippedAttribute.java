package io.twinledger.twin.ngsild;

import java.util.Objects;

/**
 * An attribute left out because its NGSI-LD type cannot carry a measurement: a GeoProperty (or a
 * GeoJSON geometry in keyValues), Relationship, LanguageProperty, VocabProperty, JsonProperty,
 * ListProperty or ListRelationship.
 *
 * @param entityId the entity's {@code id}
 * @param entityType the entity's type as a short name
 * @param attribute the attribute's short name
 * @param reason one line, such as {@code data[0].location: GeoProperty is not a measurement}
 * @param json the attribute as compact JSON, for the quarantine record should the mapping bind it
 */
public record SkippedAttribute(
    String entityId, String entityType, String attribute, String reason, String json) {

  public SkippedAttribute {
    Require.text(entityId, "entityId");
    Require.text(entityType, "entityType");
    Require.text(attribute, "attribute");
    Require.text(reason, "reason");
    Objects.requireNonNull(json, "json");
  }
}
