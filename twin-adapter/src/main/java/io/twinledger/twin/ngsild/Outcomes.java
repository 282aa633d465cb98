package io.twinledger.twin.ngsild;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** What the entities of one notification yielded, gathered while they are read. */
final class Outcomes {

  private final ObjectMapper mapper;
  private final List<ObservedAttribute> observations = new ArrayList<>();
  private final List<SkippedAttribute> skipped = new ArrayList<>();
  private final List<AttributeRejection> rejections = new ArrayList<>();

  Outcomes(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  void observed(ObservedAttribute observation) {
    observations.add(observation);
  }

  void skipped(
      String entityId, String entityType, String attribute, String reason, JsonNode fragment) {
    skipped.add(
        new SkippedAttribute(
            entityId, entityType, attribute, reason, mapper.writeValueAsString(fragment)));
  }

  void rejected(
      Optional<String> entityId,
      Optional<String> entityType,
      Optional<String> attribute,
      String reason,
      JsonNode fragment) {
    rejections.add(
        new AttributeRejection(
            entityId, entityType, attribute, reason, mapper.writeValueAsString(fragment)));
  }

  List<ObservedAttribute> observations() {
    return observations;
  }

  List<SkippedAttribute> skipped() {
    return skipped;
  }

  List<AttributeRejection> rejections() {
    return rejections;
  }
}
