package io.twinledger.twin.ngsild;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One numeric Property value of one entity, as the broker sent it.
 *
 * @param entityId the entity's {@code id}, such as {@code urn:ngsi-ld:RoadSegment:a12-s01}
 * @param entityType the entity's type as a short name, such as {@code RoadSegment}
 * @param attribute the attribute's short name: expanded IRIs are cut to the part after the last
 *     {@code /}, {@code #} or {@code :}
 * @param datasetId the instance's {@code datasetId} for multi-attributes; empty for the default
 *     instance
 * @param value the number exactly as written in the JSON text, scale included ({@code 1.50} stays
 *     {@code 1.50}); never a double
 * @param unitCode the {@code unitCode} as sent, not yet checked against the known codes; empty in
 *     keyValues notifications and when the broker sent none
 * @param observedAt when the value was observed
 * @param timeSource which member {@code observedAt} was taken from
 */
public record ObservedAttribute(
    String entityId,
    String entityType,
    String attribute,
    Optional<String> datasetId,
    BigDecimal value,
    Optional<String> unitCode,
    Instant observedAt,
    ObservationTimeSource timeSource) {

  public ObservedAttribute {
    Require.text(entityId, "entityId");
    Require.text(entityType, "entityType");
    Require.text(attribute, "attribute");
    Objects.requireNonNull(datasetId, "datasetId");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(unitCode, "unitCode");
    Objects.requireNonNull(observedAt, "observedAt");
    Objects.requireNonNull(timeSource, "timeSource");
  }
}
