package io.twinledger.twin.ingest;

import java.util.Objects;
import java.util.Optional;

/**
 * An NGSI-LD attribute that a notification carried but that gave no stored reading, named in the
 * reply so that the broker's operator can see why.
 *
 * @param entity the entity's {@code id}; empty when the entity had none usable
 * @param attribute the attribute's short name; empty when the whole entity was refused
 * @param reason one line, such as {@code data[0].iri.value: is a boolean, not a number}
 */
public record AttributeNote(Optional<String> entity, Optional<String> attribute, String reason) {

  public AttributeNote {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(reason, "reason");
  }

  static AttributeNote of(String entity, String attribute, String reason) {
    return new AttributeNote(Optional.of(entity), Optional.of(attribute), reason);
  }
}
