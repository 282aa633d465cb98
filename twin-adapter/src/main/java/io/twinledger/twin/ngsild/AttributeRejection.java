package io.twinledger.twin.ngsild;

import java.util.Objects;
import java.util.Optional;

/**
 * An entity or attribute of an otherwise valid notification that could not be read; the rest of the
 * notification was still used.
 *
 * @param entityId the entity's {@code id}, empty if the entity had none usable
 * @param entityType the entity's type as a short name, empty if the entity had none usable; with
 *     the id and the attribute it tells whether the mapping binds the attribute
 * @param attribute the attribute's short name, empty if the whole entity was rejected
 * @param reason one line that starts with the path of the offending member, such as {@code
 *     data[2].waterConsumption.value: is the text '12.5'; numbers must be sent as JSON numbers}
 * @param json the rejected fragment (the attribute, or the entity) as compact JSON, for the
 *     quarantine record
 */
public record AttributeRejection(
    Optional<String> entityId,
    Optional<String> entityType,
    Optional<String> attribute,
    String reason,
    String json) {

  public AttributeRejection {
    Objects.requireNonNull(entityId, "entityId");
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(attribute, "attribute");
    Require.text(reason, "reason");
    Objects.requireNonNull(json, "json");
  }
}
