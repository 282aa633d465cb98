package io.twinledger.twin.mapping;

import java.util.Optional;
import java.util.Set;

/**
 * Which NGSI-LD entities and attributes a mapping listens to, as a broker subscription needs them.
 *
 * @param entityId an exact entity id, when the mapping names one
 * @param entityType the entity type, when the mapping names one
 * @param idPattern a regular expression over entity ids, for type-based mappings
 * @param attributes the mapped attribute names
 */
public record NgsiLdSelector(
    Optional<String> entityId,
    Optional<String> entityType,
    Optional<String> idPattern,
    Set<String> attributes) {

  public NgsiLdSelector {
    attributes = Set.copyOf(attributes);
  }
}
