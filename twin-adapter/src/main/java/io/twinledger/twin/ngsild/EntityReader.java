package io.twinledger.twin.ngsild;

import io.twinledger.twin.reading.DecimalText;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads one entity of a notification's {@code data} array, whatever form its attributes take:
 *
 * <ul>
 *   <li>normalized: {@code {"type": "Property", "value": 3.2, "observedAt": …, "unitCode": …}};
 *   <li>concise: the same without {@code "type"}, recognised by its {@code value} member;
 *   <li>multi-attribute: an array of instances told apart by {@code datasetId};
 *   <li>keyValues: the bare value, dated by the entity's {@code observedAt} or {@code
 *       dateObserved}, else by the notification's {@code notifiedAt}.
 * </ul>
 *
 * <p>A problem rejects only the attribute instance it concerns, or the entity if its {@code id} or
 * {@code type} is unusable.
 */
final class EntityReader {

  /** Members that are not attributes, or that only date the others. */
  private static final Set<String> NOT_ATTRIBUTES =
      Set.of(
          "id",
          "type",
          "@context",
          "scope",
          "createdAt",
          "modifiedAt",
          "deletedAt",
          "observedAt",
          "dateObserved");

  /** Entity members that date keyValues attributes, in order of preference. */
  private static final String[] ENTITY_TIMESTAMPS = {"observedAt", "dateObserved"};

  private static final Set<String> NON_MEASUREMENT_TYPES =
      Set.of(
          "GeoProperty",
          "Relationship",
          "LanguageProperty",
          "VocabProperty",
          "JsonProperty",
          "ListProperty",
          "ListRelationship");

  /** Concise forms of the non-measurement types, recognised by their value member. */
  private static final Map<String, String> CONCISE_NON_MEASUREMENTS =
      Map.of(
          "object", "Relationship",
          "objectList", "ListRelationship",
          "languageMap", "LanguageProperty",
          "vocab", "VocabProperty",
          "json", "JsonProperty",
          "valueList", "ListProperty");

  /** A keyValues GeoProperty is a bare GeoJSON geometry (RFC 7946 type names). */
  private static final Set<String> GEOJSON_TYPES =
      Set.of(
          "Point",
          "MultiPoint",
          "LineString",
          "MultiLineString",
          "Polygon",
          "MultiPolygon",
          "GeometryCollection");

  private static final Pattern NUMERIC_TEXT =
      Pattern.compile("\\s*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?\\s*");

  /** Longer text is not taken for a number; this also bounds the cost of the match. */
  private static final int NUMERIC_TEXT_LIMIT = 100;

  private final Instant notifiedAt;
  private final Outcomes outcomes;

  EntityReader(Instant notifiedAt, Outcomes outcomes) {
    this.notifiedAt = notifiedAt;
    this.outcomes = outcomes;
  }

  void read(JsonNode entity, FieldPath path) {
    if (!entity.isObject()) {
      rejectEntity(Optional.empty(), path.says("is not a JSON object"), entity);
      return;
    }
    JsonNode idNode = entity.get("id");
    Optional<String> idProblem = textProblem(idNode);
    if (idProblem.isPresent()) {
      rejectEntity(Optional.empty(), path.key("id").says(idProblem.get()), entity);
      return;
    }
    String id = idNode.stringValue();
    JsonNode typeNode = entity.get("type");
    Optional<String> typeProblem =
        typeNode != null && typeNode.isArray()
            ? Optional.of("lists several types; multi-typed entities are not supported")
            : textProblem(typeNode);
    Optional<String> type = typeProblem.isPresent() ? Optional.empty() : shortName(typeNode);
    if (type.isEmpty()) {
      String problem = typeProblem.orElse("has no local name");
      rejectEntity(Optional.of(id), path.key("type").says(problem), entity);
      return;
    }
    Entity target = new Entity(id, type.get(), entityTime(entity, path));
    Map<String, String> membersByShortName = new HashMap<>();
    for (Map.Entry<String, JsonNode> member : entity.properties()) {
      readMember(target, member.getKey(), member.getValue(), path, membersByShortName);
    }
  }

  private void readMember(
      Entity entity,
      String member,
      JsonNode value,
      FieldPath entityPath,
      Map<String, String> membersByShortName) {
    FieldPath path = entityPath.key(member);
    Optional<String> shortName = CompactTerm.shortName(member);
    if (shortName.isEmpty()) {
      outcomes.rejected(
          Optional.of(entity.id()),
          Optional.of(entity.type()),
          Optional.empty(),
          path.says("has no local name"),
          value);
      return;
    }
    String attribute = shortName.get();
    if (NOT_ATTRIBUTES.contains(attribute)) {
      return;
    }
    String earlier = membersByShortName.putIfAbsent(attribute, member);
    if (earlier != null) {
      reject(
          entity,
          attribute,
          path.says(
              "has the same short name "
                  + QuotedText.of(attribute)
                  + " as "
                  + QuotedText.of(earlier)),
          value);
      return;
    }
    Attribute target = new Attribute(entity, attribute);
    if (value.isArray() && isInstanceList(value)) {
      Set<Optional<String>> datasetIds = new HashSet<>();
      for (int i = 0; i < value.size(); i++) {
        readInstance(target, value.get(i), path.index(i), datasetIds);
      }
    } else if (value.isObject()) {
      readInstance(target, value, path, new HashSet<>());
    } else if (value.isNumber()) {
      observe(target, Optional.empty(), value, Optional.empty(), entity.time(), path, value);
    } else {
      reject(entity, attribute, path.says(notANumber(value)), value);
    }
  }

  /** An array of attribute instances (a multi-attribute), as opposed to a keyValues list value. */
  private static boolean isInstanceList(JsonNode array) {
    if (array.isEmpty()) {
      return false;
    }
    for (JsonNode element : array) {
      if (!element.isObject()
          || !(element.has("type") || element.has("value") || element.has("datasetId"))) {
        return false;
      }
    }
    return true;
  }

  private void readInstance(
      Attribute attribute, JsonNode instance, FieldPath path, Set<Optional<String>> datasetIds) {
    JsonNode typeNode = instance.get("type");
    if (typeNode == null) {
      if (instance.has("value")) {
        readProperty(attribute, instance, path, datasetIds);
        return;
      }
      for (Map.Entry<String, String> concise : CONCISE_NON_MEASUREMENTS.entrySet()) {
        if (instance.has(concise.getKey())) {
          skip(attribute, path.says(concise.getValue() + " is not a measurement"), instance);
          return;
        }
      }
      reject(attribute, path.says(notANumber(instance)), instance);
      return;
    }
    if (!typeNode.isString()) {
      reject(attribute, path.key("type").says("is not a string"), instance);
      return;
    }
    String type = typeNode.stringValue();
    if (type.equals("Property")) {
      readProperty(attribute, instance, path, datasetIds);
    } else if (NON_MEASUREMENT_TYPES.contains(type)) {
      skip(attribute, path.says(type + " is not a measurement"), instance);
    } else if (GEOJSON_TYPES.contains(type)) {
      skip(attribute, path.says("GeoJSON " + type + " is a location, not a measurement"), instance);
    } else {
      reject(
          attribute,
          path.key("type").says(QuotedText.of(type) + " is not an NGSI-LD attribute type"),
          instance);
    }
  }

  private void readProperty(
      Attribute attribute, JsonNode property, FieldPath path, Set<Optional<String>> datasetIds) {
    Optional<String> datasetId = Optional.empty();
    JsonNode datasetNode = property.get("datasetId");
    if (datasetNode != null) {
      Optional<String> problem = textProblem(datasetNode);
      if (problem.isPresent()) {
        reject(attribute, path.key("datasetId").says(problem.get()), property);
        return;
      }
      datasetId = Optional.of(datasetNode.stringValue());
    }
    if (!datasetIds.add(datasetId)) {
      String problem =
          datasetId
              .map(id -> "repeats datasetId " + QuotedText.of(id))
              .orElse("is a second instance without datasetId");
      reject(attribute, path.says(problem), property);
      return;
    }
    JsonNode value = property.get("value");
    if (value == null) {
      reject(attribute, path.says("Property has no value"), property);
      return;
    }
    if (!value.isNumber()) {
      reject(attribute, path.key("value").says(notANumber(value)), property);
      return;
    }
    Optional<String> unitCode = Optional.empty();
    JsonNode unitNode = property.get("unitCode");
    if (unitNode != null) {
      Optional<String> problem = textProblem(unitNode);
      if (problem.isPresent()) {
        reject(attribute, path.key("unitCode").says(problem.get()), property);
        return;
      }
      unitCode = Optional.of(unitNode.stringValue());
    }
    ObservationTime time = attribute.entity().time();
    JsonNode observedNode = property.get("observedAt");
    if (observedNode != null) {
      Optional<String> problem = textProblem(observedNode);
      if (problem.isPresent()) {
        reject(attribute, path.key("observedAt").says(problem.get()), property);
        return;
      }
      String text = observedNode.stringValue();
      Optional<Instant> observedAt = DateTimeText.parse(text);
      if (observedAt.isEmpty()) {
        reject(attribute, path.key("observedAt").says(DateTimeText.problem(text)), property);
        return;
      }
      time = new Dated(observedAt.get(), ObservationTimeSource.ATTRIBUTE);
    }
    observe(attribute, datasetId, value, unitCode, time, path, property);
  }

  private void observe(
      Attribute attribute,
      Optional<String> datasetId,
      JsonNode value,
      Optional<String> unitCode,
      ObservationTime time,
      FieldPath path,
      JsonNode fragment) {
    BigDecimal number;
    try {
      number = DecimalText.check(value.decimalValue());
    } catch (NumberFormatException e) {
      reject(attribute, path.says("value " + e.getMessage()), fragment);
      return;
    }
    switch (time) {
      case Dated dated ->
          outcomes.observed(
              new ObservedAttribute(
                  attribute.entity().id(),
                  attribute.entity().type(),
                  attribute.name(),
                  datasetId,
                  number,
                  unitCode,
                  dated.at(),
                  dated.source()));
      case Undatable undatable ->
          reject(attribute, path.says("has no observedAt, and " + undatable.problem()), fragment);
    }
  }

  /**
   * The time that dates attributes without their own {@code observedAt}: the entity's {@code
   * observedAt} or {@code dateObserved}, else {@code notifiedAt}. A timestamp that is present but
   * unreadable is not replaced by {@code notifiedAt}: that would misdate readings silently.
   */
  private ObservationTime entityTime(JsonNode entity, FieldPath path) {
    for (String timestamp : ENTITY_TIMESTAMPS) {
      for (Map.Entry<String, JsonNode> member : entity.properties()) {
        if (!CompactTerm.shortName(member.getKey()).orElse("").equals(timestamp)) {
          continue;
        }
        FieldPath memberPath = path.key(member.getKey());
        Optional<String> text = dateTimeText(member.getValue());
        if (text.isEmpty()) {
          return new Undatable(memberPath.says("is not a date-time"));
        }
        return DateTimeText.parse(text.get())
            .<ObservationTime>map(at -> new Dated(at, ObservationTimeSource.ENTITY))
            .orElseGet(() -> new Undatable(memberPath.says(DateTimeText.problem(text.get()))));
      }
    }
    return new Dated(notifiedAt, ObservationTimeSource.NOTIFICATION);
  }

  /**
   * The text of a date-time member in any of the forms seen in the wild: bare text (keyValues), a
   * Property, a JSON-LD typed literal {@code {"@type": "DateTime", "@value": …}}, and the NGSI-v2
   * style {@code {"type": "DateTime", "value": …}} that some Smart Data Models examples still use.
   */
  private static Optional<String> dateTimeText(JsonNode member) {
    JsonNode node = member;
    // Property → typed literal → text is the deepest nesting any of these forms has.
    for (int depth = 0; depth < 3 && node != null; depth++) {
      if (node.isString()) {
        return Optional.of(node.stringValue());
      }
      if (!node.isObject()) {
        return Optional.empty();
      }
      node = node.has("@value") ? node.get("@value") : node.get("value");
    }
    return Optional.empty();
  }

  private static Optional<String> shortName(JsonNode typeNode) {
    return CompactTerm.shortName(typeNode.stringValue());
  }

  private static Optional<String> textProblem(JsonNode node) {
    if (node == null) {
      return Optional.of("is missing");
    }
    if (!node.isString()) {
      return Optional.of("is not a string");
    }
    if (node.stringValue().isBlank()) {
      return Optional.of("is blank");
    }
    return Optional.empty();
  }

  private static String notANumber(JsonNode value) {
    return switch (value.getNodeType()) {
      case NULL -> "is null, not a number";
      case BOOLEAN -> "is a boolean, not a number";
      case OBJECT -> "is a JSON object, not a number";
      case ARRAY ->
          value.isEmpty()
              ? "is an empty JSON array, not a number"
              : "is a JSON array, not a number";
      case STRING -> textNotANumber(value.stringValue());
      default -> "is not a number";
    };
  }

  private static String textNotANumber(String text) {
    if (text.length() <= NUMERIC_TEXT_LIMIT && NUMERIC_TEXT.matcher(text).matches()) {
      // Accepting "12.5" would hide a device or broker that loses the type of its numbers.
      return "is the text " + QuotedText.of(text) + "; numbers must be sent as JSON numbers";
    }
    return "is the text " + QuotedText.of(text) + ", not a number";
  }

  private void rejectEntity(Optional<String> entityId, String reason, JsonNode entity) {
    outcomes.rejected(entityId, Optional.empty(), Optional.empty(), reason, entity);
  }

  private void reject(Entity entity, String attribute, String reason, JsonNode fragment) {
    outcomes.rejected(
        Optional.of(entity.id()),
        Optional.of(entity.type()),
        Optional.of(attribute),
        reason,
        fragment);
  }

  private void reject(Attribute attribute, String reason, JsonNode fragment) {
    reject(attribute.entity(), attribute.name(), reason, fragment);
  }

  private void skip(Attribute attribute, String reason, JsonNode fragment) {
    outcomes.skipped(
        attribute.entity().id(), attribute.entity().type(), attribute.name(), reason, fragment);
  }

  private record Entity(String id, String type, ObservationTime time) {}

  private record Attribute(Entity entity, String name) {}

  /** When attributes of an entity were observed, or why that cannot be told. */
  private sealed interface ObservationTime permits Dated, Undatable {}

  private record Dated(Instant at, ObservationTimeSource source) implements ObservationTime {}

  private record Undatable(String problem) implements ObservationTime {}
}
