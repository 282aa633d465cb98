package io.twinledger.twin.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.twin.unit.UnitCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class MappingConfigTest {

  private static MappingConfig riverton;

  @BeforeAll
  static void loadRiverton() throws IOException {
    try (InputStream in = MappingConfigTest.class.getResourceAsStream("/mapping/riverton.yaml")) {
      riverton = MappingConfig.load(in);
    }
  }

  @Test
  void resolvesAnEntityById() {
    ReadingTarget target =
        riverton
            .resolve(
                "urn:ngsi-ld:WaterConsumptionObserved:riverton:north-hill-inlet",
                "WaterConsumptionObserved",
                "waterConsumption")
            .orElseThrow();

    assertThat(target.assetId()).isEqualTo("dma-north-hill");
    assertThat(target.kpiId()).isEqualTo("system-input-volume");
    assertThat(target.sensorId())
        .isEqualTo(
            "urn:ngsi-ld:WaterConsumptionObserved:riverton:north-hill-inlet/waterConsumption");
    assertThat(target.attribute()).isEqualTo("waterConsumption");
    assertThat(target.binding())
        .isEqualTo(
            new KpiBinding(
                "system-input-volume",
                UnitCode.MTQ,
                Optional.of(UnitCode.MTQ),
                Optional.of(
                    new PhysicalRange(
                        Optional.of(BigDecimal.ZERO), Optional.of(new BigDecimal("250000")))),
                Optional.of(new BigDecimal("5000")),
                Optional.of(Duration.ofMinutes(15))));
  }

  @Test
  void eachInstanceOfAMultiAttributeIsItsOwnSensor() {
    MappingConfig config =
        load(
            """
            version: 1
            sources:
              - ngsiLd: {entityType: Pipe}
                asset: network
                attributes:
                  flow: {kpi: flow, unit: MQS}
            """);

    assertThat(
            config.resolve(
                "urn:ngsi-ld:Pipe:P-311",
                "Pipe",
                "flow",
                Optional.of("urn:ngsi-ld:Dataset:ultrasonic")))
        .map(ReadingTarget::sensorId)
        .contains("urn:ngsi-ld:Pipe:P-311/flow/urn:ngsi-ld:Dataset:ultrasonic");
    assertThat(config.resolve("urn:ngsi-ld:Pipe:P-311", "Pipe", "flow"))
        .map(ReadingTarget::sensorId)
        .contains("urn:ngsi-ld:Pipe:P-311/flow");
  }

  @Test
  void unmappedAttributesAndEntitiesResolveToNothing() {
    assertThat(
            riverton.resolve(
                "urn:ngsi-ld:WaterConsumptionObserved:riverton:north-hill-inlet",
                "WaterConsumptionObserved",
                "minFlow"))
        .isEmpty();
    assertThat(
            riverton.resolve(
                "urn:ngsi-ld:WaterConsumptionObserved:riverton:elsewhere",
                "WaterConsumptionObserved",
                "waterConsumption"))
        .isEmpty();
  }

  @Test
  void takesTheAssetFromTheEntityIdForEachRoadSegment() {
    for (int segment = 1; segment <= 10; segment++) {
      String asset = String.format("road-a12-s%02d", segment);
      ReadingTarget target =
          riverton
              .resolve("urn:ngsi-ld:RoadSegment:riverton:" + asset, "RoadSegment", "rutDepth")
              .orElseThrow();
      assertThat(target.assetId()).isEqualTo(asset);
      assertThat(target.kpiId()).isEqualTo("rut-depth");
      assertThat(target.binding().unit()).isEqualTo(UnitCode.MMT);
    }
    assertThat(
            riverton.resolve("urn:ngsi-ld:RoadSegment:riverton:road-a12-s11", "RoadSegment", "iri"))
        .isEmpty();
    assertThat(riverton.resolve("urn:ngsi-ld:RoadSegment:riverton:road-a12-s01", "Road", "iri"))
        .isEmpty();
    assertThat(
            riverton
                .resolve("urn:ngsi-ld:RoadSegment:riverton:road-a12-s01", "RoadSegment", "iri")
                .map(ReadingTarget::binding)
                .map(KpiBinding::unit))
        .contains(UnitCode.NX);
  }

  @Test
  void routesMqttTopicsThroughWildcards() {
    TopicRoute route =
        riverton.resolveTopic("riverton/stormwater/gi-rock-creek-a/gauge-3/rainfall").orElseThrow();

    assertThat(route.topic()).isEqualTo("riverton/stormwater/gi-rock-creek-a/gauge-3/rainfall");
    assertThat(route.filter())
        .isEqualTo(new TopicFilter("riverton/stormwater/gi-rock-creek-a/+/rainfall"));
    assertThat(route.observedAt()).isEqualTo(new PayloadPath("/time"));
    assertThat(route.readings())
        .singleElement()
        .satisfies(
            reading -> {
              assertThat(reading.value()).isEqualTo(new PayloadPath("/depth"));
              assertThat(reading.unitCode()).contains(new PayloadPath("unit"));
              assertThat(reading.target().assetId()).isEqualTo("gi-rock-creek-a");
              assertThat(reading.target().kpiId()).isEqualTo("rainfall-depth");
              assertThat(reading.target().sensorId())
                  .isEqualTo("riverton/stormwater/gi-rock-creek-a/gauge-3/rainfall");
            });

    assertThat(riverton.resolveTopic("riverton/sewer/cso/rock-creek-outfall")).isPresent();
    assertThat(riverton.resolveTopic("riverton/sewer/cso/rock-creek-outfall/a/b"))
        .map(r -> r.readings().getFirst().target().kpiId())
        .contains("cso-events");
    assertThat(riverton.resolveTopic("riverton/roads/a12/s01/wim/lane-1/esal"))
        .map(r -> r.readings().getFirst().value())
        .contains(new PayloadPath("esal"));
    assertThat(riverton.resolveTopic("riverton/stormwater/gi-rock-creek-a/rainfall")).isEmpty();
    assertThat(riverton.resolveTopic("riverton/stormwater/gi-rock-creek-a/+/rainfall")).isEmpty();
  }

  @Test
  void eachAttributeOfAnMqttSourceWithSeveralIsItsOwnSensor() {
    MappingConfig config =
        load(
            """
            version: 1
            sources:
              - mqtt: {topic: riverton/stations/+, observedAt: /time}
                asset: gi-rock-creek-a
                attributes:
                  rain: {kpi: rainfall-depth, unit: MMT, sourceUnit: MMT}
                  level: {kpi: creek-level, unit: MTR, sourceUnit: MTR}
            """);

    assertThat(config.resolveTopic("riverton/stations/s-1").orElseThrow().readings())
        .extracting(r -> r.target().sensorId())
        .containsExactly("riverton/stations/s-1/rain", "riverton/stations/s-1/level");
  }

  @Test
  void takesTheAssetFromTheTopicWhereTheTopicPatternSaysSo() {
    MappingConfig config =
        load(
            """
            version: 1
            kpis:
              energy-import-register: {unit: KWH, range: {min: 0, max: 1000000}}
            sources:
              - mqtt:
                  topic: village/+/meter
                  topicPattern: 'village/(?<asset>household-(0[1-9]|[1-4][0-9]|5[0-6]))/meter'
                  observedAt: /time
                attributes:
                  import: {kpi: energy-import-register}
              - mqtt: {topic: 'village/#', observedAt: /time}
                asset: village-gateway
                attributes:
                  import: {kpi: energy-import-register}
            """);

    for (int household = 1; household <= 56; household++) {
      String asset = String.format("household-%02d", household);
      assertThat(config.resolveTopic("village/" + asset + "/meter"))
          .map(route -> route.readings().getFirst().target())
          .hasValueSatisfying(
              target -> {
                assertThat(target.assetId()).isEqualTo(asset);
                assertThat(target.sensorId()).isEqualTo("village/" + asset + "/meter");
              });
    }
    // Topics the pattern refuses fall through to the next source whose filter matches.
    for (String unknown : List.of("household-57", "household-00", "household-xx", "Household-01")) {
      assertThat(config.resolveTopic("village/" + unknown + "/meter"))
          .map(route -> route.readings().getFirst().target().assetId())
          .as(unknown)
          .contains("village-gateway");
    }
    MappingConfig alone =
        load(
            """
            version: 1
            sources:
              - mqtt:
                  topic: village/+/meter
                  topicPattern: 'village/(?<asset>household-(0[1-9]|[1-4][0-9]|5[0-6]))/meter'
                  observedAt: /time
                attributes:
                  import: {kpi: energy-import-register, unit: KWH}
            """);
    assertThat(alone.resolveTopic("village/household-57/meter")).isEmpty();
    assertThat(alone.resolveTopic("village/household-5/meter")).isEmpty();
    assertThat(alone.resolveTopic("village/household-56/meter")).isPresent();
    assertThat(alone.topicFilters())
        .extracting(TopicFilter::filter)
        .containsExactly("village/+/meter");
  }

  @Test
  void aTopicPatternWithoutAnAssetGroupOnlyNarrowsTheFilter() {
    MappingConfig config =
        load(
            """
            version: 1
            sources:
              - mqtt: {topic: riverton/gauges/+, topicPattern: 'riverton/gauges/g-[0-9]+', observedAt: /time}
                asset: gi-rock-creek-a
                attributes:
                  rain: {kpi: rainfall-depth, unit: MMT}
            """);

    assertThat(config.resolveTopic("riverton/gauges/g-12"))
        .map(route -> route.readings().getFirst().target().assetId())
        .contains("gi-rock-creek-a");
    assertThat(config.resolveTopic("riverton/gauges/test")).isEmpty();
  }

  @Test
  void listsTheTopicFiltersToSubscribeTo() {
    assertThat(riverton.topicFilters())
        .extracting(TopicFilter::filter)
        .containsExactly(
            "riverton/stormwater/gi-rock-creek-a/+/rainfall",
            "riverton/sewer/cso/rock-creek-outfall/#",
            "riverton/roads/a12/s01/wim/+/esal");
  }

  @Test
  void resolvesBulkRowsWithTheirSensorOrTheBulkDefault() {
    assertThat(riverton.bulkColumns())
        .contains(
            new BulkColumns(
                "asset_id",
                "kpi_id",
                "observed_at",
                "value",
                Optional.of("unit_code"),
                Optional.of("sensor_id")));

    ReadingTarget row =
        riverton
            .resolveBulk("dma-north-hill", "nrw-percent", Optional.of("water-balance-2024"))
            .orElseThrow();
    assertThat(row.kpiId()).isEqualTo("nrw-percent");
    assertThat(row.binding().unit()).isEqualTo(UnitCode.P1);
    assertThat(row.sensorId()).isEqualTo("water-balance-2024");

    assertThat(riverton.resolveBulk("dma-north-hill", "ili", Optional.of(" ")))
        .map(ReadingTarget::sensorId)
        .contains(MappingConfig.BULK_SENSOR);
    assertThat(riverton.resolveBulk("dma-north-hill", "pressure", Optional.empty())).isEmpty();
  }

  @Test
  void exactEntityIdsTakePrecedenceOverTypeMatches() {
    MappingConfig config =
        load(
            """
            version: 1
            sources:
              - ngsiLd: {entityType: Pipe}
                asset: network
                attributes:
                  flow: {kpi: flow, unit: MQS}
              - ngsiLd: {entityId: 'urn:ngsi-ld:Pipe:trunk'}
                asset: trunk-main
                attributes:
                  flow: {kpi: trunk-flow, unit: MQS}
            """);

    assertThat(config.resolve("urn:ngsi-ld:Pipe:trunk", "Pipe", "flow"))
        .map(ReadingTarget::assetId)
        .contains("trunk-main");
    assertThat(config.resolve("urn:ngsi-ld:Pipe:other", "Pipe", "flow"))
        .map(ReadingTarget::assetId)
        .contains("network");
  }

  @Test
  void theFirstSourceThatMapsTheAttributeWins() {
    MappingConfig config =
        load(
            """
            version: 1
            sources:
              - ngsiLd: {entityType: Pipe, idPattern: 'urn:ngsi-ld:Pipe:a-.*'}
                asset: district-a
                attributes:
                  flow: {kpi: flow, unit: MQS}
              - ngsiLd: {entityType: Pipe}
                asset: network
                attributes:
                  flow: {kpi: flow, unit: MQS}
                  length: {kpi: length, unit: MTR}
            """);

    assertThat(config.resolve("urn:ngsi-ld:Pipe:a-1", "Pipe", "flow"))
        .map(ReadingTarget::assetId)
        .contains("district-a");
    assertThat(config.resolve("urn:ngsi-ld:Pipe:a-1", "Pipe", "length"))
        .map(ReadingTarget::assetId)
        .contains("network");
    assertThat(config.resolve("urn:ngsi-ld:Pipe:b-1", "Pipe", "flow"))
        .map(ReadingTarget::assetId)
        .contains("network");
  }

  @Test
  void loadsJsonAsWellAsYamlAndFromAFile(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("mapping.json");
    Files.writeString(
        file,
        """
        {"version": 1,
         "sources": [{"mqtt": {"topic": "a/#", "observedAt": ""}, "asset": "x",
                      "attributes": {"v": {"kpi": "v", "unit": "MTR", "value": ""}}}]}
        """);

    MappingConfig config = MappingConfig.load(file);

    assertThat(config.resolveTopic("a/b")).isPresent();
    assertThat(config.bulkColumns()).isEmpty();
  }

  @Test
  void payloadPathsFindValuesByPointerFieldNameOrTheWholePayload() {
    JsonMapper mapper = JsonMapper.builder().build();
    var payload = mapper.readTree("{\"rain\": {\"depth\": 0.4}, \"a/b\": 1, \"unit\": \"MMT\"}");

    assertThat(new PayloadPath("/rain/depth").find(payload)).map(n -> n.asString()).contains("0.4");
    assertThat(new PayloadPath("unit").find(payload)).map(n -> n.asString()).contains("MMT");
    assertThat(new PayloadPath("a/b").find(payload)).map(n -> n.asString()).contains("1");
    assertThat(new PayloadPath("/a~1b").find(payload)).map(n -> n.asString()).contains("1");
    assertThat(new PayloadPath("missing").find(payload)).isEmpty();
    assertThat(new PayloadPath("").find(mapper.readTree("3.2")))
        .map(n -> n.asString())
        .contains("3.2");
  }

  private static MappingConfig load(String yaml) {
    try {
      return MappingConfig.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
