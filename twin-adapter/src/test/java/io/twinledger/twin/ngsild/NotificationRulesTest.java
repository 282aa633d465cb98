package io.twinledger.twin.ngsild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The envelope, limit and attribute rules, one at a time, on minimal notifications. */
class NotificationRulesTest {

  private final NotificationParser parser = new NotificationParser(16_384, 4);

  private NotificationParseResult parse(String json) {
    return parser.parse(json.getBytes(StandardCharsets.UTF_8), Optional.empty());
  }

  /** A notification around the given entities. */
  private static String notification(String entities) {
    return """
    {"id": "urn:ngsi-ld:Notification:1", "type": "Notification",
     "subscriptionId": "urn:ngsi-ld:Subscription:1", "notifiedAt": "2024-05-01T00:00:00Z",
     "data": [%s]}
    """
        .formatted(entities);
  }

  /** A notification with one entity carrying the given members. */
  private static String entity(String members) {
    return notification(
        "{\"id\": \"urn:ngsi-ld:Pipe:1\", \"type\": \"Pipe\""
            + (members.isEmpty() ? "" : ", ")
            + members
            + "}");
  }

  private ParsedNotification parsed(String json) {
    NotificationParseResult result = parse(json);
    assertThat(result).isInstanceOf(ParsedNotification.class);
    return (ParsedNotification) result;
  }

  private String rejection(String json) {
    NotificationParseResult result = parse(json);
    assertThat(result).isInstanceOf(RejectedNotification.class);
    return ((RejectedNotification) result).reason();
  }

  private String onlyAttributeRejection(String members) {
    ParsedNotification notification = parsed(entity(members));
    assertThat(notification.observations()).isEmpty();
    assertThat(notification.rejections()).hasSize(1);
    return notification.rejections().getFirst().reason();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "not json at all|payload is not valid JSON: ",
        "[]|payload is not a JSON object",
        "42|payload is not a JSON object",
        "null|payload is not a JSON object",
        "{\"type\": \"Entity\"}|type: is 'Entity', expected 'Notification'",
        "{\"id\": \"x\"}|type: is missing",
        "{\"type\": \"Notification\"}|id: is missing",
        "{\"type\": \"Notification\", \"id\": 7}|id: is not a string",
        "{\"type\": \"Notification\", \"id\": \" \"}|id: is blank",
        "{\"type\": \"Notification\", \"id\": \"n\"}|subscriptionId: is missing",
        "{\"type\": \"Notification\", \"id\": \"n\", \"subscriptionId\": \"s\"}|notifiedAt: is"
            + " missing",
        "{\"type\": \"Notification\", \"id\": \"n\", \"subscriptionId\": \"s\", \"notifiedAt\":"
            + " \"2024-05-01T00:00:00\"}|notifiedAt: is not an ISO 8601 date-time with offset:"
            + " '2024-05-01T00:00:00'",
        "{\"type\": \"Notification\", \"id\": \"n\", \"subscriptionId\": \"s\", \"notifiedAt\":"
            + " \"2024-05-01T00:00:00Z\"}|data: is missing",
        "{\"type\": \"Notification\", \"id\": \"n\", \"subscriptionId\": \"s\", \"notifiedAt\":"
            + " \"2024-05-01T00:00:00Z\", \"data\": \"[]\"}|data: is not an array",
      })
  void rejectsAMalformedEnvelopeWithOneReason(String json, String reason) {
    assertThat(rejection(json)).startsWith(reason);
  }

  @Test
  void rejectsAnEmptyPayload() {
    assertThat(rejection("")).isEqualTo("payload is empty");
    assertThat(rejection("  \n ")).isEqualTo("payload is empty");
  }

  @Test
  void acceptsAnExpandedNotificationType() {
    String json =
        notification("")
            .replace("\"Notification\"", "\"https://uri.etsi.org/ngsi-ld/Notification\"");
    assertThat(parse(json)).isInstanceOf(ParsedNotification.class);
  }

  @Test
  void rejectsAPayloadAboveTheSizeLimitBeforeParsingIt() {
    NotificationParser small = new NotificationParser(100, 10);
    byte[] body = notification("").getBytes(StandardCharsets.UTF_8);

    assertThat(small.parse(body, Optional.empty()))
        .isEqualTo(
            new RejectedNotification(
                "payload is " + body.length + " bytes, more than the limit of 100"));
  }

  @Test
  void rejectsMoreEntitiesThanTheLimit() {
    String five =
        notification(String.join(", ", Collections.nCopies(5, "{\"id\":\"a\",\"type\":\"T\"}")));

    assertThat(rejection(five)).isEqualTo("data: has 5 entities, more than the limit of 4");
  }

  @Test
  void refusesNonsensicalLimits() {
    assertThatThrownBy(() -> new NotificationParser(0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxPayloadBytes");
    assertThatThrownBy(() -> new NotificationParser(1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxEntities");
  }

  @Test
  void rejectsDuplicateMemberNamesBecauseWhichOneCountsWouldBeArbitrary() {
    assertThat(rejection(entity("\"flow\": 1, \"flow\": 2")))
        .startsWith("payload is not valid JSON: Duplicate Object property \"flow\"");
  }

  @Test
  void rejectsNestingBeyondTheLimit() {
    String deep = "[".repeat(100) + "]".repeat(100);
    assertThat(rejection(entity("\"deep\": " + deep)))
        .startsWith("payload is not valid JSON: Document nesting depth");
  }

  @Test
  void rejectsANumberTooLargeForADecimal() {
    assertThat(rejection(entity("\"flow\": 1e99999999999")))
        .startsWith("payload is not valid JSON: a number is out of range");
  }

  @Test
  void keepsNumbersExactlyAsWritten() {
    ParsedNotification notification =
        parsed(
            entity(
                "\"a\": 0.1, \"b\": 1.50, \"c\": 1e40, \"d\": 123456789012345678901234567890.5"));

    assertThat(notification.observations())
        .extracting(o -> o.value().toString())
        .containsExactly("0.1", "1.50", "1E+40", "123456789012345678901234567890.5");
  }

  @Test
  void readsConciseProperties() {
    ParsedNotification notification =
        parsed(entity("\"flow\": {\"value\": 3.5, \"unitCode\": \"MQH\"}"));

    assertThat(notification.observations())
        .extracting(ObservedAttribute::value, ObservedAttribute::unitCode)
        .containsExactly(tuple(new BigDecimal("3.5"), Optional.of("MQH")));
  }

  @Test
  void skipsNonMeasurementTypesInNormalizedAndConciseForm() {
    ParsedNotification notification =
        parsed(
            entity(
                """
                "a": {"type": "LanguageProperty", "languageMap": {"en": "x"}},
                "b": {"type": "VocabProperty", "vocab": "x"},
                "c": {"type": "JsonProperty", "json": {}},
                "d": {"type": "ListProperty", "valueList": [1]},
                "e": {"type": "ListRelationship", "objectList": []},
                "f": {"object": "urn:ngsi-ld:Junction:1"},
                "g": {"languageMap": {"en": "x"}},
                "h": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}
                """));

    assertThat(notification.skipped())
        .extracting(SkippedAttribute::reason)
        .containsExactly(
            "data[0].a: LanguageProperty is not a measurement",
            "data[0].b: VocabProperty is not a measurement",
            "data[0].c: JsonProperty is not a measurement",
            "data[0].d: ListProperty is not a measurement",
            "data[0].e: ListRelationship is not a measurement",
            "data[0].f: Relationship is not a measurement",
            "data[0].g: LanguageProperty is not a measurement",
            "data[0].h: GeoJSON LineString is a location, not a measurement");
    assertThat(notification.rejections()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"flow\": {\"type\": \"Property\"}|data[0].flow: Property has no value",
        "\"flow\": {\"type\": \"Property\", \"value\": null}|data[0].flow.value: is null, not a"
            + " number",
        "\"flow\": {\"type\": \"Property\", \"value\": true}|data[0].flow.value: is a boolean, not"
            + " a number",
        "\"flow\": {\"type\": \"Property\", \"value\": [1, 2]}|data[0].flow.value: is a JSON array,"
            + " not a number",
        "\"flow\": {\"type\": \"Property\", \"value\": \" -1.5e3 \"}|data[0].flow.value: is the"
            + " text ' -1.5e3 '; numbers must be sent as JSON numbers",
        "\"flow\": {\"type\": \"Property\", \"value\": 1, \"unitCode\": 5}|data[0].flow.unitCode:"
            + " is not a string",
        "\"flow\": {\"type\": \"Property\", \"value\": 1, \"unitCode\": \""
            + " \"}|data[0].flow.unitCode: is blank",
        "\"flow\": {\"type\": \"Property\", \"value\": 1, \"observedAt\":"
            + " \"yesterday\"}|data[0].flow.observedAt: is not an ISO 8601 date-time with offset:"
            + " 'yesterday'",
        "\"flow\": {\"type\": \"Property\", \"value\": 1, \"observedAt\":"
            + " 5}|data[0].flow.observedAt: is not a string",
        "\"flow\": {\"type\": \"Property\", \"value\": 1, \"datasetId\": 5}|data[0].flow.datasetId:"
            + " is not a string",
        "\"flow\": {\"type\": \"Propertyy\", \"value\": 1}|data[0].flow.type: 'Propertyy' is not an"
            + " NGSI-LD attribute type",
        "\"flow\": {\"type\": 1, \"value\": 1}|data[0].flow.type: is not a string",
        "\"flow\": {\"unit\": \"MQH\"}|data[0].flow: is a JSON object, not a number",
        "\"flow\": null|data[0].flow: is null, not a number",
        "\"flow\": []|data[0].flow: is an empty JSON array, not a number",
        "\"flow\": [1, 2]|data[0].flow: is a JSON array, not a number",
        "\"flow\": \"n/a\"|data[0].flow: is the text 'n/a', not a number",
      })
  void rejectsABrokenAttributeWithAReasonNamingIt(String members, String reason) {
    assertThat(onlyAttributeRejection(members)).isEqualTo(reason);
  }

  @Test
  void rejectsRepeatedDatasetIdsButKeepsTheFirstInstance() {
    ParsedNotification notification =
        parsed(
            entity(
                """
                "flow": [
                  {"type": "Property", "value": 1, "datasetId": "urn:ngsi-ld:Dataset:a"},
                  {"type": "Property", "value": 2, "datasetId": "urn:ngsi-ld:Dataset:a"},
                  {"type": "Property", "value": 3},
                  {"type": "Property", "value": 4}
                ]
                """));

    assertThat(notification.observations())
        .extracting(ObservedAttribute::value)
        .containsExactly(new BigDecimal("1"), new BigDecimal("3"));
    assertThat(notification.rejections())
        .extracting(AttributeRejection::reason)
        .containsExactly(
            "data[0].flow[1]: repeats datasetId 'urn:ngsi-ld:Dataset:a'",
            "data[0].flow[3]: is a second instance without datasetId");
  }

  @Test
  void rejectsAnAttributeWhoseShortNameIsTaken() {
    ParsedNotification notification =
        parsed(entity("\"flow\": 1, \"https://example.org/vocab#flow\": 2"));

    assertThat(notification.observations())
        .extracting(ObservedAttribute::value)
        .containsExactly(BigDecimal.ONE);
    assertThat(notification.rejections())
        .extracting(AttributeRejection::reason)
        .containsExactly(
            "data[0]['https://example.org/vocab#flow']: has the same short name 'flow' as 'flow'");
  }

  @Test
  void rejectsAnAttributeNameWithoutLocalPart() {
    assertThat(parsed(entity("\"https://example.org/vocab/\": 2")).rejections())
        .extracting(AttributeRejection::attribute, AttributeRejection::reason)
        .containsExactly(
            tuple(Optional.empty(), "data[0]['https://example.org/vocab/']: has no local name"));
  }

  @Test
  void rejectsBrokenEntitiesAndKeepsTheOthers() {
    ParsedNotification notification =
        parsed(
            notification(
                """
                "not an entity",
                {"type": "Pipe", "flow": 1},
                {"id": "urn:ngsi-ld:Pipe:2", "type": ["Pipe", "Asset"], "flow": 2},
                {"id": "urn:ngsi-ld:Pipe:3", "type": "Pipe", "flow": 3}
                """));

    assertThat(notification.observations())
        .extracting(ObservedAttribute::entityId)
        .containsExactly("urn:ngsi-ld:Pipe:3");
    assertThat(notification.rejections())
        .extracting(AttributeRejection::entityId, AttributeRejection::reason)
        .containsExactly(
            tuple(Optional.empty(), "data[0]: is not a JSON object"),
            tuple(Optional.empty(), "data[1].id: is missing"),
            tuple(
                Optional.of("urn:ngsi-ld:Pipe:2"),
                "data[2].type: lists several types; multi-typed entities are not supported"));
    assertThat(notification.rejections()).allMatch(r -> r.attribute().isEmpty());
  }

  @Test
  void aBadEntityTimestampRejectsOnlyTheAttributesThatNeedIt() {
    ParsedNotification notification =
        parsed(
            entity(
                """
                "dateObserved": "last Tuesday",
                "flow": 1,
                "pressure": {"type": "Property", "value": 2, "observedAt": "2024-05-01T00:00:00Z"}
                """));

    assertThat(notification.observations())
        .extracting(ObservedAttribute::attribute)
        .containsExactly("pressure");
    assertThat(notification.rejections())
        .extracting(AttributeRejection::reason)
        .containsExactly(
            "data[0].flow: has no observedAt, and data[0].dateObserved: is not an ISO 8601"
                + " date-time with offset: 'last Tuesday'");
  }

  @Test
  void readsEntityTimestampsInEveryFormSeenInTheWild() {
    String[] forms = {
      "\"2024-05-01T10:00:00Z\"",
      "{\"type\": \"Property\", \"value\": \"2024-05-01T10:00:00Z\"}",
      "{\"type\": \"Property\", \"value\": {\"@type\": \"DateTime\", \"@value\":"
          + " \"2024-05-01T10:00:00Z\"}}",
      "{\"type\": \"Property\", \"value\": {\"type\": \"DateTime\", \"value\":"
          + " \"2024-05-01T12:00:00+02:00\"}}",
      "{\"@type\": \"DateTime\", \"@value\": \"2024-05-01T10:00:00Z\"}",
    };
    for (String form : forms) {
      ParsedNotification notification =
          parsed(entity("\"dateObserved\": " + form + ", \"flow\": 1"));
      assertThat(notification.observations())
          .as(form)
          .singleElement()
          .satisfies(
              o -> {
                assertThat(o.observedAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
                assertThat(o.timeSource()).isEqualTo(ObservationTimeSource.ENTITY);
              });
    }
  }

  @Test
  void prefersTheEntityObservedAtOverDateObserved() {
    ParsedNotification notification =
        parsed(
            entity(
                "\"dateObserved\": \"2024-05-01T09:00:00Z\", \"observedAt\":"
                    + " \"2024-05-01T10:00:00Z\", \"flow\": 1"));

    assertThat(notification.observations().getFirst().observedAt())
        .isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
  }

  @Test
  void inlineContextWinsOverTheLinkHeader() {
    String json =
        notification("").replace("\"data\"", "\"@context\": \"https://a.example/ctx\", \"data\"");

    NotificationParseResult result =
        parser.parse(
            json.getBytes(StandardCharsets.UTF_8),
            Optional.of("<https://b.example/ctx>; rel=\"http://www.w3.org/ns/json-ld#context\""));

    assertThat(((ParsedNotification) result).context())
        .isInstanceOfSatisfying(
            InlineContext.class,
            c -> assertThat(c.references()).containsExactly(URI.create("https://a.example/ctx")));
  }

  @Test
  void recordsEmbeddedContextObjectsWithoutListingThem() {
    String json =
        notification("")
            .replace(
                "\"data\"",
                "\"@context\": [{\"iri\": \"https://a.example/iri\"}, \"https://a.example/ctx\"],"
                    + " \"data\"");

    InlineContext context = (InlineContext) ((ParsedNotification) parse(json)).context();

    assertThat(context.references()).containsExactly(URI.create("https://a.example/ctx"));
    assertThat(context.json())
        .isEqualTo("[{\"iri\":\"https://a.example/iri\"},\"https://a.example/ctx\"]");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"relative/ctx.jsonld\"|@context: is not an absolute URI: 'relative/ctx.jsonld'",
        "[\"https://a.example/ctx\", 5]|@context[1]: is neither a context URI nor a context"
            + " object",
        "7|@context: is neither a context URI, an array nor a context object",
      })
  void rejectsAnUnusableInlineContext(String context, String reason) {
    String json = notification("").replace("\"data\"", "\"@context\": " + context + ", \"data\"");
    assertThat(rejection(json)).isEqualTo(reason);
  }

  @Test
  void rejectsAnUnusableLinkHeader() {
    NotificationParseResult result =
        parser.parse(
            notification("").getBytes(StandardCharsets.UTF_8),
            Optional.of("<ctx.jsonld>; rel=\"http://www.w3.org/ns/json-ld#context\""));

    assertThat(result)
        .isEqualTo(
            new RejectedNotification(
                "Link header: JSON-LD context: is not an absolute URI: 'ctx.jsonld'"));
  }

  @Test
  void aLinkHeaderWithoutContextLeavesTheImplicitCoreContext() {
    NotificationParseResult result =
        parser.parse(
            notification("").getBytes(StandardCharsets.UTF_8),
            Optional.of("<https://a.example/next>; rel=\"next\""));

    assertThat(((ParsedNotification) result).context()).isEqualTo(new ImplicitCoreContext());
  }
}
