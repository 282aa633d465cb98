package io.twinledger.twin.ngsild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotificationParserTest {

  static final String CONTEXT_LINK =
      "<https://raw.githubusercontent.com/smart-data-models/dataModel.WaterConsumption/master/"
          + "context.jsonld>; rel=\"http://www.w3.org/ns/json-ld#context\";"
          + " type=\"application/ld+json\"";

  private final NotificationParser parser = new NotificationParser(1_048_576, 1000);

  static byte[] payload(String name) {
    try (InputStream in = NotificationParserTest.class.getResourceAsStream("/ngsild/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test payload " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ParsedNotification parsed(String name) {
    return parsed(name, Optional.empty());
  }

  private ParsedNotification parsed(String name, Optional<String> link) {
    NotificationParseResult result = parser.parse(payload(name), link);
    assertThat(result).isInstanceOf(ParsedNotification.class);
    return (ParsedNotification) result;
  }

  @Test
  void readsNormalizedWaterConsumptionWithInlineContext() {
    ParsedNotification notification = parsed("water-consumption-normalized.json");

    assertThat(notification.notificationId())
        .isEqualTo("urn:ngsi-ld:Notification:5f3c2a1e-0b7d-4f7e-9a51-1c2d3e4f5a6b");
    assertThat(notification.subscriptionId())
        .isEqualTo("urn:ngsi-ld:Subscription:twinledger-water");
    assertThat(notification.notifiedAt()).isEqualTo(Instant.parse("2024-05-01T02:00:05.120Z"));
    assertThat(notification.context())
        .isInstanceOfSatisfying(
            InlineContext.class,
            c ->
                assertThat(c.references())
                    .containsExactly(
                        URI.create(
                            "https://raw.githubusercontent.com/smart-data-models/"
                                + "dataModel.WaterConsumption/master/context.jsonld"),
                        URI.create(
                            "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld")));

    String inlet = "urn:ngsi-ld:WaterConsumptionObserved:riverton:north-hill-inlet";
    Instant at = Instant.parse("2024-05-01T02:00:00Z");
    assertThat(notification.observations())
        .extracting(
            ObservedAttribute::entityId,
            ObservedAttribute::entityType,
            ObservedAttribute::attribute,
            ObservedAttribute::value,
            ObservedAttribute::unitCode,
            ObservedAttribute::observedAt,
            ObservedAttribute::timeSource)
        .containsExactly(
            tuple(
                inlet,
                "WaterConsumptionObserved",
                "waterConsumption",
                new BigDecimal("1843.275"),
                Optional.of("MTQ"),
                at,
                ObservationTimeSource.ATTRIBUTE),
            tuple(
                inlet,
                "WaterConsumptionObserved",
                "minFlow",
                new BigDecimal("7200"),
                Optional.of("E32"),
                at,
                ObservationTimeSource.ATTRIBUTE),
            tuple(
                inlet,
                "WaterConsumptionObserved",
                "maxFlow",
                new BigDecimal("61250.5"),
                Optional.of("E32"),
                at,
                ObservationTimeSource.ATTRIBUTE),
            tuple(
                inlet,
                "WaterConsumptionObserved",
                "alarmStopsLeaks",
                new BigDecimal("0"),
                Optional.empty(),
                at,
                ObservationTimeSource.ATTRIBUTE));
    assertThat(notification.observations()).allMatch(o -> o.datasetId().isEmpty());
    assertThat(notification.skipped())
        .extracting(SkippedAttribute::attribute, SkippedAttribute::reason)
        .containsExactly(
            tuple("location", "data[0].location: GeoProperty is not a measurement"),
            tuple("refDevice", "data[0].refDevice: Relationship is not a measurement"));
    assertThat(notification.rejections())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.entityId()).contains(inlet);
              assertThat(r.attribute()).contains("persistenceFlowDuration");
              assertThat(r.reason())
                  .isEqualTo(
                      "data[0].persistenceFlowDuration.value: is the text '3h < 6h', not a number");
              assertThat(r.json()).contains("\"unitCode\":\"HUR\"");
            });
  }

  @Test
  void readsKeyValuesWithTheContextFromTheLinkHeaderAndEntityTimes() {
    ParsedNotification notification =
        parsed("water-consumption-keyvalues.json", Optional.of(CONTEXT_LINK));

    assertThat(notification.context())
        .isEqualTo(
            new LinkedContext(
                URI.create(
                    "https://raw.githubusercontent.com/smart-data-models/"
                        + "dataModel.WaterConsumption/master/context.jsonld")));
    Instant dateObserved = Instant.parse("2024-05-01T01:00:00Z");
    Instant notifiedAt = Instant.parse("2024-05-01T03:00:04Z");
    assertThat(notification.observations())
        .extracting(
            ObservedAttribute::attribute,
            o -> o.value().toString(),
            ObservedAttribute::unitCode,
            ObservedAttribute::observedAt,
            ObservedAttribute::timeSource)
        .containsExactly(
            tuple(
                "waterConsumption",
                "1850.50",
                Optional.empty(),
                dateObserved,
                ObservationTimeSource.ENTITY),
            tuple("minFlow", "7100", Optional.empty(), dateObserved, ObservationTimeSource.ENTITY),
            tuple("maxFlow", "60980", Optional.empty(), dateObserved, ObservationTimeSource.ENTITY),
            tuple(
                "waterConsumption",
                "312.4",
                Optional.empty(),
                notifiedAt,
                ObservationTimeSource.NOTIFICATION));
    assertThat(notification.skipped())
        .extracting(SkippedAttribute::reason)
        .containsExactly("data[0].location: GeoJSON Point is a location, not a measurement");
    assertThat(notification.rejections())
        .extracting(AttributeRejection::attribute, AttributeRejection::reason)
        .containsExactly(
            tuple(
                Optional.of("refDevice"),
                "data[0].refDevice: is the text 'urn:ngsi-ld:Device:riverton:inlet-meter-01', not a"
                    + " number"));
  }

  @Test
  void readsEpanetJunctionAndPipe() {
    ParsedNotification notification = parsed("epanet-junction-pipe.json");

    assertThat(notification.context())
        .isEqualTo(
            new InlineContext(
                List.of(URI.create("https://smartdatamodels.org/context.jsonld")),
                "\"https://smartdatamodels.org/context.jsonld\""));
    assertThat(notification.observations())
        .extracting(
            ObservedAttribute::entityType,
            ObservedAttribute::attribute,
            o -> o.value().toString(),
            o -> o.unitCode().orElseThrow(),
            ObservedAttribute::timeSource)
        .containsExactly(
            tuple("Junction", "elevation", "12.8", "MTR", ObservationTimeSource.NOTIFICATION),
            tuple("Junction", "pressure", "47.63", "MTR", ObservationTimeSource.ATTRIBUTE),
            tuple("Junction", "demand", "0.42", "L2", ObservationTimeSource.ATTRIBUTE),
            tuple("Pipe", "length", "250.40", "MTR", ObservationTimeSource.NOTIFICATION),
            tuple("Pipe", "diameter", "300", "MMT", ObservationTimeSource.NOTIFICATION),
            tuple("Pipe", "flow", "38.75", "MQH", ObservationTimeSource.ATTRIBUTE));
    assertThat(notification.skipped())
        .extracting(SkippedAttribute::entityId, SkippedAttribute::attribute)
        .containsExactly(
            tuple("urn:ngsi-ld:Junction:riverton:J-1042", "location"),
            tuple("urn:ngsi-ld:Pipe:riverton:P-311", "startsAt"),
            tuple("urn:ngsi-ld:Pipe:riverton:P-311", "endsAt"));
    assertThat(notification.rejections())
        .extracting(AttributeRejection::reason)
        .containsExactly("data[1].status.value: is the text 'OPEN', not a number");
  }

  @Test
  void readsFloodMonitoringWithoutContextAsTheImplicitCoreContext() {
    ParsedNotification notification = parsed("flood-monitoring.json");

    assertThat(notification.context()).isEqualTo(new ImplicitCoreContext());
    assertThat(notification.observations())
        .extracting(
            ObservedAttribute::attribute, ObservedAttribute::value, ObservedAttribute::observedAt)
        .containsExactly(
            tuple("currentLevel", new BigDecimal("1.37"), Instant.parse("2024-06-12T18:40:00Z")),
            tuple("alertLevel", new BigDecimal("2.1"), Instant.parse("2024-06-12T18:40:02Z")));
    assertThat(notification.skipped())
        .extracting(SkippedAttribute::attribute)
        .containsExactly("measuredBy");
    assertThat(notification.rejections()).isEmpty();
  }

  @Test
  void readsRainFallRadarKeyValuesDatedByDateObserved() {
    ParsedNotification notification = parsed("rainfall-radar-keyvalues.json");

    assertThat(notification.observations())
        .extracting(ObservedAttribute::attribute, ObservedAttribute::value)
        .containsExactly(
            tuple("numberOfRow", new BigDecimal("25")),
            tuple("numberOfCol", new BigDecimal("48")),
            tuple("cellsSize", new BigDecimal("1")),
            tuple("measuredArea", new BigDecimal("250")));
    assertThat(notification.observations())
        .allMatch(o -> o.observedAt().equals(Instant.parse("2024-06-12T18:30:00Z")))
        .allMatch(o -> o.timeSource() == ObservationTimeSource.ENTITY);
    assertThat(notification.skipped())
        .extracting(SkippedAttribute::reason)
        .containsExactly("data[0].location: GeoJSON Polygon is a location, not a measurement");
    assertThat(notification.rejections())
        .extracting(r -> r.attribute().orElseThrow())
        .containsExactly(
            "name",
            "address",
            "refDevice",
            "dateObservedFrom",
            "dateObservedTo",
            "rainFallRadarContent");
    assertThat(notification.rejections())
        .filteredOn(r -> r.attribute().equals(Optional.of("address")))
        .extracting(AttributeRejection::reason)
        .containsExactly("data[0].address: is a JSON object, not a number");
  }

  @Test
  void readsRoadSegmentExtraPropertiesIncludingExpandedNames() {
    ParsedNotification notification = parsed("road-segment-normalized.json");

    assertThat(notification.observations())
        .extracting(
            ObservedAttribute::entityId,
            ObservedAttribute::entityType,
            ObservedAttribute::attribute,
            o -> o.value().toString(),
            o -> o.unitCode().orElseThrow())
        .containsExactly(
            tuple(
                "urn:ngsi-ld:RoadSegment:riverton:road-a12-s01",
                "RoadSegment",
                "iri",
                "1.62",
                "NX"),
            tuple(
                "urn:ngsi-ld:RoadSegment:riverton:road-a12-s01",
                "RoadSegment",
                "rutDepth",
                "6.4",
                "MMT"),
            tuple(
                "urn:ngsi-ld:RoadSegment:riverton:road-a12-s01", "RoadSegment", "pci", "78", "C62"),
            tuple(
                "urn:ngsi-ld:RoadSegment:riverton:road-a12-s02",
                "RoadSegment",
                "iri",
                "2.91",
                "NX"),
            tuple(
                "urn:ngsi-ld:RoadSegment:riverton:road-a12-s02",
                "RoadSegment",
                "rutDepth",
                "11.20",
                "MMT"),
            tuple(
                "urn:ngsi-ld:RoadSegment:riverton:road-a12-s02",
                "RoadSegment",
                "pci",
                "52",
                "C62"));
    assertThat(notification.skipped())
        .extracting(SkippedAttribute::attribute)
        .containsExactly("refRoad", "location");
    assertThat(notification.rejections())
        .extracting(r -> r.attribute().orElseThrow())
        .containsExactly("name", "roadClass");
  }

  @Test
  void readsRoadSegmentKeyValuesDatedByTheEntityObservedAt() {
    ParsedNotification notification = parsed("road-segment-keyvalues.json");

    assertThat(notification.observations())
        .extracting(
            ObservedAttribute::attribute, ObservedAttribute::value, ObservedAttribute::unitCode)
        .containsExactly(
            tuple("iri", new BigDecimal("1.48"), Optional.empty()),
            tuple("rutDepth", new BigDecimal("4.9"), Optional.empty()),
            tuple("pci", new BigDecimal("88"), Optional.empty()));
    assertThat(notification.observations())
        .allMatch(o -> o.observedAt().equals(Instant.parse("2024-04-19T10:14:00Z")));
  }

  @Test
  void readsEachInstanceOfAMultiAttributeWithItsDatasetId() {
    ParsedNotification notification = parsed("pipe-multi-attribute.json");

    assertThat(notification.observations())
        .extracting(
            ObservedAttribute::attribute, ObservedAttribute::datasetId, ObservedAttribute::value)
        .containsExactly(
            tuple("flow", Optional.of("urn:ngsi-ld:Dataset:ultrasonic"), new BigDecimal("38.75")),
            tuple(
                "flow", Optional.of("urn:ngsi-ld:Dataset:electromagnetic"), new BigDecimal("38.9")),
            tuple("flow", Optional.empty(), new BigDecimal("10.8")));
    assertThat(notification.rejections()).isEmpty();
  }

  @Test
  void rejectsOnlyTheBrokenAttributesAndLeavesUnknownUnitsToTheUnitPackage() {
    ParsedNotification notification = parsed("value-object.json");

    assertThat(notification.rejections())
        .extracting(AttributeRejection::attribute, AttributeRejection::reason)
        .containsExactly(
            tuple(
                Optional.of("waterConsumption"),
                "data[0].waterConsumption.value: is a JSON object, not a number"),
            tuple(
                Optional.of("minFlow"),
                "data[0].minFlow.value: is the text '7150'; numbers must be sent as JSON numbers"));
    assertThat(notification.rejections().getFirst().json())
        .isEqualTo(
            "{\"type\":\"Property\",\"value\":{\"value\":1862.1,\"unitCode\":\"MTQ\"},"
                + "\"observedAt\":\"2024-05-01T05:00:00Z\"}");
    assertThat(notification.observations())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.attribute()).isEqualTo("maxFlow");
              assertThat(o.unitCode()).contains("XYZ");
            });
  }

  @Test
  void rejectsATruncatedPayloadAsAWhole() {
    assertThat(parser.parse(payload("truncated.json"), Optional.empty()))
        .isInstanceOfSatisfying(
            RejectedNotification.class,
            r ->
                assertThat(r.reason())
                    .startsWith("payload is not valid JSON: ")
                    .doesNotContain("\n"));
  }

  /** Jackson names where an unclosed object began by describing its source; that stays out. */
  @Test
  void aPayloadCutShortInsideAnObjectIsNamedWithoutJacksonsSourceDescription() {
    byte[] cut = "{\"id\": \"n\", \"data\": [{".getBytes(StandardCharsets.UTF_8);
    assertThat(parser.parse(cut, Optional.empty()))
        .isEqualTo(
            new RejectedNotification(
                "payload is not valid JSON: Unexpected end-of-input: expected close marker for"
                    + " Object at byte 22"));
  }

  @Test
  void rejectsDataThatIsNotAnArray() {
    assertThat(parser.parse(payload("data-not-array.json"), Optional.empty()))
        .isEqualTo(new RejectedNotification("data: is not an array"));
  }
}
