package io.twinledger.twin.ngsild;

/**
 * An attribute left out because its NGSI-LD type cannot carry a measurement: a GeoProperty (or a
 * GeoJSON geometry in keyValues), Relationship, LanguageProperty, VocabProperty, JsonProperty,
 * ListProperty or ListRelationship.
 *
 * @param entityId the entity's {@code id}
 * @param attribute the attribute's short name
 * @param reason one line, such as {@code data[0].location: GeoProperty is not a measurement}
 */
public record SkippedAttribute(String entityId, String attribute, String reason) {

  public SkippedAttribute {
    Require.text(entityId, "entityId");
    Require.text(attribute, "attribute");
    Require.text(reason, "reason");
  }
}
