package io.twinledger.twin.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every validation rule, each reported at the path of the offending key. */
class MappingValidationTest {

  /** A valid bulk section, so that a document has something to map. */
  private static final String BULK =
      "bulk: {columns: {asset: a, attribute: k, observedAt: t, value: v}, attributes: {f: {kpi: f,"
          + " unit: MQS}}}";

  private static List<MappingProblem> problems(String yaml) {
    try {
      MappingConfig.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    } catch (InvalidMappingException e) {
      return e.problems();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected the mapping to be rejected:\n" + yaml);
  }

  /** A valid document with one NGSI-LD attribute entry, given as YAML flow mapping members. */
  private static String withAttribute(String entry) {
    return """
    version: 1
    sources:
      - ngsiLd: {entityId: 'urn:ngsi-ld:Pipe:1'}
        asset: dma-north-hill
        attributes:
          flow: {kpi: flow, unit: MQS}
      - ngsiLd: {entityId: 'urn:ngsi-ld:Pipe:2'}
        asset: dma-north-hill
        attributes:
          flow: {kpi: flow, unit: MQS}
      - ngsiLd: {entityId: 'urn:ngsi-ld:WaterConsumptionObserved:1'}
        asset: dma-north-hill
        attributes:
          waterConsumption: {%s}
    """
        .formatted(entry);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "unit: MTQ|sources[2].attributes.waterConsumption.kpi|is required",
        "kpi: System-Input, unit: MTQ|sources[2].attributes.waterConsumption.kpi|must be lower case"
            + " letters, digits, '_', '.' or '-' (max 64), starting with a letter, was"
            + " 'System-Input'",
        "kpi: 42, unit: MTQ|sources[2].attributes.waterConsumption.kpi|must be a string; quote it"
            + " if YAML reads it as something else",
        "kpi: siv|sources[2].attributes.waterConsumption.unit|is required",
        "kpi: siv, unit: XYZ|sources[2].attributes.waterConsumption.unit|unknown unitCode 'XYZ'",
        "kpi: siv, unit: MTQ, sourceUnit: MTR|sources[2].attributes.waterConsumption.sourceUnit"
            + "|unitCode 'MTR' (metre, a length) cannot be converted to 'MTQ' (cubic metre, a"
            + " volume)",
        "kpi: siv, unit: MTQ, range: {}|sources[2].attributes.waterConsumption.range|needs min, max"
            + " or both",
        "kpi: siv, unit: MTQ, range: 5|sources[2].attributes.waterConsumption.range|must be a"
            + " mapping with min, max or both",
        "kpi: siv, unit: MTQ, range: {min: 10, max: 1}|sources[2].attributes.waterConsumption.range"
            + ".max|must not be below min 10, was 1",
        "kpi: siv, unit: MTQ, range: {min: '0'}|sources[2].attributes.waterConsumption.range.min"
            + "|must be a number, was \"0\"",
        "kpi: siv, unit: MTQ, range: {mn: 0}|sources[2].attributes.waterConsumption.range.mn|is"
            + " not a known key; expected one of min, max",
        "kpi: siv, unit: MTQ, spikeThreshold: 0|sources[2].attributes.waterConsumption"
            + ".spikeThreshold|must be greater than zero, was 0",
        "kpi: siv, unit: MTQ, spikeTreshold: 5|sources[2].attributes.waterConsumption.spikeTreshold"
            + "|is not a known key; expected one of kpi, unit, sourceUnit, range, spikeThreshold,"
            + " expectedInterval",
        "kpi: siv, unit: MTQ, value: /v|sources[2].attributes.waterConsumption.value|is not a known"
            + " key; expected one of kpi, unit, sourceUnit, range, spikeThreshold, expectedInterval",
        "kpi: siv, unit: MTQ, expectedInterval: 15m|sources[2].attributes.waterConsumption"
            + ".expectedInterval|must be an ISO-8601 duration such as PT15M or P1D, was '15m'",
        "kpi: siv, unit: MTQ, expectedInterval: PT0S|sources[2].attributes.waterConsumption"
            + ".expectedInterval|must be a positive duration, was PT0S",
      })
  void namesThePathOfABadAttributeEntry(String entry, String path, String reason) {
    assertThat(problems(withAttribute(entry)))
        .extracting(MappingProblem::path, MappingProblem::reason)
        .containsExactly(tuple(path, reason));
  }

  static Stream<Arguments> otherRules() {
    return Stream.of(
        // document level
        Arguments.of("", "", "the mapping document is empty"),
        Arguments.of("[1, 2]", "", "must be a mapping with version, kpis, sources and bulk"),
        Arguments.of("version: 1", "", "maps nothing: give sources, bulk or both"),
        Arguments.of("{version: 1, sources: []}", "", "maps nothing: give sources, bulk or both"),
        Arguments.of("{" + BULK + "}", "version", "is required"),
        Arguments.of("{version: 2, " + BULK + "}", "version", "must be 1, was 2"),
        Arguments.of(
            "{version: 1, source: [], " + BULK + "}",
            "source",
            "is not a known key; expected one of version, kpis, sources, bulk"),
        Arguments.of("{version: 1, sources: {}}", "sources", "must be a list"),
        // source level
        Arguments.of("{version: 1, sources: [x]}", "sources[0]", "must be a mapping"),
        Arguments.of(
            "{version: 1, sources: [{asset: a, attributes: {f: {kpi: f, unit: MQS}}}]}",
            "sources[0]",
            "needs ngsiLd or mqtt"),
        Arguments.of(
            "{version: 1, sources: [{ngsiLd: {entityType: T}, mqtt: {topic: t, observedAt: t},"
                + " asset: a, attributes: {f: {kpi: f, unit: MQS}}}]}",
            "sources[0]",
            "has both ngsiLd and mqtt; a source is one or the other"),
        Arguments.of(
            "{version: 1, sources: [{ngsiLd: {entityType: T}, asset: a}]}",
            "sources[0].attributes",
            "is required"),
        Arguments.of(
            "{version: 1, sources: [{ngsiLd: {entityType: T}, asset: a, attributes: {}}]}",
            "sources[0].attributes",
            "must map at least one attribute name to its KPI"),
        Arguments.of(
            "{version: 1, sources: [{ngsiLd: {entityType: T}, asset: a, attributes: {f: MQS}}]}",
            "sources[0].attributes.f",
            "must be a mapping with kpi and unit"),
        Arguments.of(
            "{version: 1, sources: [{ngsiLd: {entityType: T}, asset: a, attributes: {\"a b\": {kpi:"
                + " f, unit: MQS}}}]}",
            "sources[0].attributes.a b",
            "is not an attribute name: 1-128 characters without spaces"),
        Arguments.of(
            "{version: 1, sources: [{ngsiLd: {entityType: T}, asset: \"bad asset\", attributes: {f:"
                + " {kpi: f, unit: MQS}}}]}",
            "sources[0].asset",
            "must be 1-128 letters, digits, '.', '_', ':' or '-', was 'bad asset'"),
        // NGSI-LD matching
        Arguments.of(
            "{version: 1, sources: [{ngsiLd: {}, asset: a, attributes: {f: {kpi: f, unit: MQS}}}]}",
            "sources[0].ngsiLd",
            "needs either entityId or entityType"),
        Arguments.of(
            "{version: 1, sources: [{ngsiLd: {entityId: e, entityType: T}, asset: a, attributes:"
                + " {f: {kpi: f, unit: MQS}}}]}",
            "sources[0].ngsiLd",
            "needs either entityId or entityType"),
        Arguments.of(
            "{version: 1, sources: [{ngsiLd: {entityId: e, idPattern: x}, asset: a, attributes: {f:"
                + " {kpi: f, unit: MQS}}}]}",
            "sources[0].ngsiLd.idPattern",
            "applies only with entityType"),
        Arguments.of(
            "{version: 1, sources: [{ngsiLd: {entityType: T, idPattern: \"(x\"}, asset: a,"
                + " attributes: {f: {kpi: f, unit: MQS}}}]}",
            "sources[0].ngsiLd.idPattern",
            "is not a valid regular expression: Unclosed group near index 2"),
        Arguments.of(
            "{version: 1, sources: [{ngsiLd: {entityType: T}, attributes: {f: {kpi: f, unit:"
                + " MQS}}}]}",
            "sources[0].asset",
            "is required unless entityType's idPattern has a group named 'asset'"),
        Arguments.of(
            "{version: 1, sources: [{ngsiLd: {entityType: T, idPattern: \"(?<asset>.*)\"}, asset:"
                + " a, attributes: {f: {kpi: f, unit: MQS}}}]}",
            "sources[0].asset",
            "must be left out when idPattern has a group named 'asset'"),
        Arguments.of(
            "{version: 1, sources: [{ngsiLd: {entityType: T, entityID: x}, asset: a, attributes:"
                + " {f: {kpi: f, unit: MQS}}}]}",
            "sources[0].ngsiLd.entityID",
            "is not a known key; expected one of entityId, entityType, idPattern"),
        Arguments.of(
            "{version: 1, sources: [{ngsiLd: T, asset: a, attributes: {f: {kpi: f, unit: MQS}}}]}",
            "sources[0].ngsiLd",
            "must be a mapping with entityId, or entityType and an optional idPattern"),
        // MQTT
        Arguments.of(
            "{version: 1, sources: [{mqtt: {observedAt: t}, asset: a, attributes: {f: {kpi: f,"
                + " unit: MQS}}}]}",
            "sources[0].mqtt.topic",
            "is required"),
        Arguments.of(
            "{version: 1, sources: [{mqtt: {topic: \"a/#/b\", observedAt: t}, asset: a, attributes:"
                + " {f: {kpi: f, unit: MQS}}}]}",
            "sources[0].mqtt.topic",
            "'#' must be a whole level and the last one, was 'a/#/b'"),
        Arguments.of(
            "{version: 1, sources: [{mqtt: {topic: \"a/b+\", observedAt: t}, asset: a, attributes:"
                + " {f: {kpi: f, unit: MQS}}}]}",
            "sources[0].mqtt.topic",
            "'+' must be a whole level, was 'a/b+'"),
        Arguments.of(
            "{version: 1, sources: [{mqtt: {topic: a}, asset: a, attributes: {f: {kpi: f, unit:"
                + " MQS}}}]}",
            "sources[0].mqtt.observedAt",
            "is required"),
        Arguments.of(
            "{version: 1, sources: [{mqtt: {topic: a, observedAt: \"/a~2\"}, asset: a, attributes:"
                + " {f: {kpi: f, unit: MQS}}}]}",
            "sources[0].mqtt.observedAt",
            "is not a valid JSON pointer: '~' must be followed by '0' or '1' (RFC 6901)"),
        Arguments.of(
            "{version: 1, sources: [{mqtt: {topic: a/+, observedAt: t}, attributes: {f: {kpi: f,"
                + " unit: MQS}}}]}",
            "sources[0].asset",
            "is required unless topicPattern has a group named 'asset'"),
        Arguments.of(
            "{version: 1, sources: [{mqtt: {topic: a/+, topicPattern: \"a/(?<asset>m-\\\\d)\","
                + " observedAt: t}, asset: a, attributes: {f: {kpi: f, unit: MQS}}}]}",
            "sources[0].asset",
            "must be left out when topicPattern has a group named 'asset'"),
        Arguments.of(
            "{version: 1, sources: [{mqtt: {topic: a/+, topicPattern: \"a/(m\", observedAt: t},"
                + " attributes: {f: {kpi: f, unit: MQS}}}]}",
            "sources[0].mqtt.topicPattern",
            "is not a valid regular expression: Unclosed group near index 4"),
        Arguments.of(
            "{version: 1, sources: [{mqtt: {topic: a/+, idPattern: x, observedAt: t}, asset: a,"
                + " attributes: {f: {kpi: f, unit: MQS}}}]}",
            "sources[0].mqtt.idPattern",
            "is not a known key; expected one of topic, topicPattern, observedAt"),
        Arguments.of(
            "{version: 1, sources: [{mqtt: {topic: a, observedAt: t}, asset: a, attributes: {f:"
                + " {kpi: f, unit: MQS, unitCode: \" \"}}}]}",
            "sources[0].attributes.f.unitCode",
            "must not be blank"),
        // bulk
        Arguments.of(
            "{version: 1, bulk: x}", "bulk", "must be a mapping with columns and attributes"),
        Arguments.of(
            "{version: 1, bulk: {attributes: {f: {kpi: f, unit: MQS}}}}",
            "bulk.columns",
            "is required"),
        Arguments.of(
            "{version: 1, bulk: {columns: {asset: a, attribute: k, observedAt: t}, attributes: {f:"
                + " {kpi: f, unit: MQS}}}}",
            "bulk.columns.value",
            "is required"),
        Arguments.of(
            "{version: 1, bulk: {columns: {asset: a, attribute: k, observedAt: t, value: a},"
                + " attributes: {f: {kpi: f, unit: MQS}}}}",
            "bulk.columns.value",
            "uses column 'a', which is already the asset column"),
        Arguments.of(
            "{version: 1, bulk: {columns: {asset: a, attribute: k, observedAt: t, value: v}}}",
            "bulk.attributes",
            "is required"));
  }

  @ParameterizedTest
  @MethodSource({"otherRules", "kpiRules"})
  void namesThePathOfEveryOtherRule(String yaml, String path, String reason) {
    assertThat(problems(yaml))
        .extracting(MappingProblem::path, MappingProblem::reason)
        .containsExactly(tuple(path, reason));
  }

  /** Bulk columns for the documents below, which map one KPI on two channels. */
  private static final String COLUMNS =
      "columns: {asset: a, attribute: k, observedAt: t, value: v}";

  /** A KPI has one unit, range and spike threshold on every channel. */
  static Stream<Arguments> kpiRules() {
    return Stream.of(
        Arguments.of(
            "{version: 1, kpis: [], " + BULK + "}",
            "kpis",
            "must be a mapping of KPI ids to their unit, range and spikeThreshold"),
        Arguments.of(
            "{version: 1, kpis: {Flow: {unit: MQS, range: {min: 0, max: 1}}}, " + BULK + "}",
            "kpis.Flow",
            "is not a KPI id: lower case letters, digits, '_', '.' or '-' (max 64)"),
        Arguments.of(
            "{version: 1, kpis: {f: {unit: MQS}}, " + BULK + "}", "kpis.f.range", "is required"),
        Arguments.of(
            "{version: 1, kpis: {f: {unit: MQS, range: {min: 0}}}, " + BULK + "}",
            "kpis.f.range.max",
            "is required for a declared KPI"),
        Arguments.of(
            "{version: 1, kpis: {f: {range: {min: 0, max: 1}}}, " + BULK + "}",
            "kpis.f.unit",
            "is required"),
        Arguments.of(
            "{version: 1, kpis: {f: {unit: MQS, range: {min: 0, max: 1}, spike: 1}}, " + BULK + "}",
            "kpis.f.spike",
            "is not a known key; expected one of unit, range, spikeThreshold"),
        // An attribute may repeat a declared setting, but not change it.
        Arguments.of(
            "{version: 1, kpis: {f: {unit: MQS, range: {min: 0, max: 1}}}, bulk: {"
                + COLUMNS
                + ", attributes: {f: {kpi: f, range: {min: 0}}}}}",
            "bulk.attributes.f.range",
            "differs from the KPI's range under kpis (min 0, max 1); a KPI has one range on every"
                + " channel: leave it out here"),
        // Nor add one the declaration leaves out.
        Arguments.of(
            "{version: 1, kpis: {f: {unit: MQS, range: {min: 0, max: 1}}}, bulk: {"
                + COLUMNS
                + ", attributes: {f: {kpi: f, spikeThreshold: 1}}}}",
            "bulk.attributes.f.spikeThreshold",
            "is not declared for the KPI under kpis; declare it there, once for every channel"),
        // Undeclared, a KPI must get the same limits from every channel: the issue 14 mapping.
        Arguments.of(
            "{version: 1, sources: [{ngsiLd: {entityId: e}, asset: a, attributes: {w: {kpi: f,"
                + " unit: MTQ, range: {min: 0, max: 250000}}}}], bulk: {"
                + COLUMNS
                + ", attributes: {f: {kpi: f, unit: MTQ, range: {min: 0}}}}}",
            "bulk.attributes.f",
            "gives KPI f another range than sources[0].attributes.w; a KPI has one unit, range and"
                + " spikeThreshold on every channel: declare them once under kpis.f"));
  }

  @Test
  void attributesOfADeclaredKpiTakeItsUnitRangeAndSpikeThreshold() throws IOException {
    String yaml =
        """
        version: 1
        kpis:
          siv: {unit: MTQ, range: {min: 0, max: 250000.0}, spikeThreshold: 5000}
        sources:
          - ngsiLd: {entityId: 'urn:ngsi-ld:WaterConsumptionObserved:1'}
            asset: dma-north-hill
            attributes:
              waterConsumption: {kpi: siv, sourceUnit: LTR, range: {min: 0.0, max: 250000}}
        bulk:
          %s
          attributes:
            siv: {kpi: siv}
        """
            .formatted(COLUMNS);

    MappingConfig config =
        MappingConfig.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));

    KpiBinding bulk =
        config.resolveBulk("dma-north-hill", "siv", Optional.of("m")).orElseThrow().binding();
    assertThat(bulk.unit()).hasToString("MTQ");
    assertThat(bulk.range().orElseThrow().max()).contains(new BigDecimal("250000"));
    assertThat(bulk.spikeThreshold()).contains(new BigDecimal("5000"));
  }

  @Test
  void reportsDuplicateEntityIdsAndTopicFilters() {
    String yaml =
        """
        version: 1
        sources:
          - ngsiLd: {entityId: e}
            asset: a
            attributes: {f: {kpi: f, unit: MQS}}
          - mqtt: {topic: t/+, observedAt: ts}
            asset: a
            attributes: {f: {kpi: f, unit: MQS}}
          - ngsiLd: {entityId: e}
            asset: b
            attributes: {g: {kpi: g, unit: MQS}}
          - mqtt: {topic: t/+, observedAt: ts}
            asset: b
            attributes: {g: {kpi: g, unit: MQS}}
        """;

    assertThat(problems(yaml))
        .extracting(MappingProblem::toString)
        .containsExactly(
            "sources[2].ngsiLd.entityId: duplicates sources[0]",
            "sources[3].mqtt.topic: duplicates sources[1]");
  }

  @Test
  void reportsEveryProblemAtOnceInDocumentOrder() {
    String yaml =
        """
        version: 1
        sources:
          - ngsiLd: {entityType: Pipe}
            asset: a
            attributes:
              flow: {unit: MQS}
              length: {kpi: length, unit: FOO}
          - mqtt: {topic: "#/x", observedAt: ts}
            asset: a
            attributes: {f: {kpi: f, unit: MQS}}
        """;

    assertThatThrownBy(
            () ->
                MappingConfig.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(InvalidMappingException.class)
        .hasMessage("sources[0].attributes.flow.kpi: is required (and 2 more)")
        .extracting(e -> ((InvalidMappingException) e).problems())
        .asInstanceOf(InstanceOfAssertFactories.list(MappingProblem.class))
        .extracting(MappingProblem::toString)
        .containsExactly(
            "sources[0].attributes.flow.kpi: is required",
            "sources[0].attributes.length.unit: unknown unitCode 'FOO'",
            "sources[1].mqtt.topic: '#' must be a whole level and the last one, was '#/x'");
  }

  @Test
  void reportsYamlSyntaxAndDuplicateKeysForTheWholeDocument() {
    assertThat(problems("version: 1\nsources: [\n"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEmpty();
              assertThat(p.reason()).startsWith("is not valid YAML or JSON: ").doesNotContain("\n");
            });
    assertThat(problems("version: 1\nversion: 1\n"))
        .singleElement()
        .satisfies(p -> assertThat(p.reason()).contains("Duplicate Object property \"version\""));
  }

  @Test
  void aRangeBoundsReadingsInclusively() {
    PhysicalRange range =
        new PhysicalRange(Optional.of(BigDecimal.ZERO), Optional.of(new BigDecimal("100")));
    assertThat(range.contains(new BigDecimal("0.0"))).isTrue();
    assertThat(range.contains(new BigDecimal("100.00"))).isTrue();
    assertThat(range.contains(new BigDecimal("-0.001"))).isFalse();
    assertThat(range.contains(new BigDecimal("100.001"))).isFalse();
    assertThat(
            new PhysicalRange(Optional.empty(), Optional.of(BigDecimal.ONE))
                .contains(new BigDecimal("-1e9")))
        .isTrue();
  }

  @Test
  void valuesValidateThemselvesWithPathsRelativeToTheValue() {
    assertThatThrownBy(
            () -> new PhysicalRange(Optional.of(BigDecimal.TEN), Optional.of(BigDecimal.ONE)))
        .isInstanceOf(InvalidMappingException.class)
        .hasMessage("max: must not be below min 10, was 1");
    assertThatThrownBy(() -> new TopicFilter(""))
        .isInstanceOf(InvalidMappingException.class)
        .hasMessage("must not be empty");
    assertThat(
            new InvalidMappingException("max", "x")
                .within("sources[1].attributes.f.range")
                .problems())
        .containsExactly(new MappingProblem("sources[1].attributes.f.range.max", "x"));
  }
}
