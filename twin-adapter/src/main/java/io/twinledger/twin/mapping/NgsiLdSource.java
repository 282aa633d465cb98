package io.twinledger.twin.mapping;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NGSI-LD entities that feed one asset: either one entity by id, or all entities of a type whose id
 * matches a pattern. With a pattern, the asset may come from its named group {@code asset}, so that
 * one source serves many assets (ten road segments, say).
 *
 * @param entityId the exact entity id, or empty to match by type
 * @param entityType the entity type's short name, when matching by type
 * @param idPattern a regular expression the whole entity id must match, when matching by type
 * @param assetId the asset, or empty to take it from {@code idPattern}'s group {@code asset}
 * @param attributes the mapped attributes by short name
 */
record NgsiLdSource(
    Optional<String> entityId,
    Optional<String> entityType,
    Optional<Pattern> idPattern,
    Optional<String> assetId,
    Map<String, KpiBinding> attributes) {

  static final String ASSET_GROUP = "asset";

  NgsiLdSource {
    attributes = Map.copyOf(attributes);
  }

  /** The asset this entity feeds, if this source covers it. */
  Optional<String> assetFor(String id, String type) {
    if (entityId.isPresent()) {
      return entityId.get().equals(id) ? assetId : Optional.empty();
    }
    if (!entityType.orElseThrow().equals(type)) {
      return Optional.empty();
    }
    if (idPattern.isEmpty()) {
      return assetId;
    }
    Matcher matcher = idPattern.get().matcher(id);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    if (assetId.isPresent()) {
      return assetId;
    }
    // A group that took no part in the match, or captured something that is no asset id, maps
    // nothing rather than inventing an asset.
    return Optional.ofNullable(matcher.group(ASSET_GROUP))
        .filter(asset -> MappingReader.ASSET_ID.matcher(asset).matches());
  }
}
