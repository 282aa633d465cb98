package io.twinledger.finance.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelDefinitionsTest {

  private static final String YAML =
      """
      id: water-nrw-demo
      version: 3
      name: Water NRW demo
      assetClass: WATER_DISTRICT
      currency: EUR
      parameters:
        tariff:
          value: 2.350
          unit: EUR/MTQ
          description: Water tariff
        baseline:
          value: 12000
          unit: MTQ
      lines:
        - id: recovered-volume
          kind: MEMO
          label: Recovered volume
          formula: max(0, param('baseline') - kpi("nrw-volume"))
          unit: MTQ
        - id: recovered-revenue
          kind: REVENUE
          label: Recovered revenue
          formula: line('recovered-volume') * param('tariff')
      """;

  @Test
  void readsYamlIntoRecordsWithExactDecimals() {
    ModelDefinition definition = ModelDefinitions.parseYaml(YAML);

    assertThat(definition.id()).isEqualTo("water-nrw-demo");
    assertThat(definition.version()).isEqualTo(3);
    assertThat(definition.assetClass()).isEqualTo(ModelDefinition.WATER_DISTRICT);
    assertThat(definition.parameters()).containsOnlyKeys("tariff", "baseline");
    // read as the decimal 2.350 written in the document, never through double
    assertThat(definition.parameters().get("tariff").value()).isEqualTo(new BigDecimal("2.350"));
    assertThat(definition.parameters().get("tariff").description()).contains("Water tariff");
    assertThat(definition.parameters().get("baseline").description()).isEmpty();
    assertThat(definition.lines())
        .extracting(LineDefinition::id, LineDefinition::kind, LineDefinition::unit)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "recovered-volume", LineKind.MEMO, Optional.of("MTQ")),
            org.assertj.core.groups.Tuple.tuple(
                "recovered-revenue", LineKind.REVENUE, Optional.empty()));
  }

  @Test
  void yamlAndJsonRoundTripToEqualRecords() {
    ModelDefinition definition = ModelDefinitions.parseYaml(YAML);

    String yaml = ModelDefinitions.toYaml(definition);
    String json = ModelDefinitions.toJson(definition);

    assertThat(ModelDefinitions.parseYaml(yaml)).isEqualTo(definition);
    assertThat(ModelDefinitions.parseJson(json)).isEqualTo(definition);
    assertThat(json).contains("\"value\" : 2.350");
    assertThat(ModelDefinitions.parseYaml(json)).isEqualTo(definition);
  }

  /** The registry numbers versions, so a document may leave the version out. */
  @Test
  void aDocumentWithoutAVersionReadsAsVersion1() {
    ModelDefinition definition = ModelDefinitions.parseYaml(YAML.replace("version: 3\n", ""));

    assertThat(definition.version()).isEqualTo(1);
    assertThat(definition).isEqualTo(ModelDefinitions.parseYaml(YAML).withVersion(1));
  }

  @Test
  void parameterOrderIsKept() {
    Map<String, ParameterDefinition> parameters = new LinkedHashMap<>();
    parameters.put("z", new ParameterDefinition(BigDecimal.ONE, "1", Optional.empty(), false));
    parameters.put("a", new ParameterDefinition(BigDecimal.TWO, "1", Optional.empty(), true));
    ModelDefinition definition =
        new ModelDefinition(
            "m",
            1,
            "M",
            "OTHER",
            "EUR",
            parameters,
            List.of(
                new LineDefinition("x", LineKind.REVENUE, "X", "param('z')", Optional.empty())));

    assertThat(ModelDefinitions.parseJson(ModelDefinitions.toJson(definition)).parameters())
        .containsOnlyKeys("z", "a")
        .isEqualTo(parameters);
    assertThat(ModelDefinitions.toJson(definition).indexOf("\"z\""))
        .isLessThan(ModelDefinitions.toJson(definition).indexOf("\"a\""));
  }

  @Test
  void aCompleteCoverageOutsideZeroToHundredIsReported() {
    String yaml =
        """
        id: m
        name: M
        assetClass: OTHER
        currency: EUR
        completeCoverage: 120
        parameters:
          base:
            value: 1
            unit: MTQ
            monthlyBaseline: 'yes'
        lines:
          - {id: a, kind: REVENUE, label: A, formula: '1'}
        """;

    assertThatThrownBy(() -> ModelDefinitions.parseYaml(yaml))
        .isInstanceOfSatisfying(
            InvalidModelException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(
                        new ModelError(
                            "completeCoverage",
                            "must be a percentage more than 0 and at most 100, was 120"),
                        new ModelError(
                            "parameters.base.monthlyBaseline",
                            "must be true or false, was \"yes\"")));
  }

  @Test
  void everyMissingOrMisspeltFieldIsReportedWithItsPath() {
    String yaml =
        """
        id: m
        version: 0
        name: ''
        currency: EUR
        parameters:
          tariff:
            value: '2.35'
            unitt: EUR/MTQ
        lines:
          - id: a
            kind: INCOME
            label: A
          - 42
        """;

    assertThatThrownBy(() -> ModelDefinitions.parseYaml(yaml))
        .isInstanceOfSatisfying(
            InvalidModelException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(
                        new ModelError("version", "must be a whole number of at least 1, was 0"),
                        new ModelError("name", "must be a non-empty string, was \"\""),
                        new ModelError("assetClass", "is required"),
                        new ModelError(
                            "parameters.tariff.unitt",
                            "is not a known field; expected value, unit, description,"
                                + " monthlyBaseline"),
                        new ModelError("parameters.tariff.value", "must be a number, was \"2.35\""),
                        new ModelError("parameters.tariff.unit", "is required"),
                        new ModelError(
                            "lines[0] (a).kind",
                            "'INCOME' is not a line kind; expected one of REVENUE, OPERATING_COST,"
                                + " CAPITAL_COST, FINANCING, DEDUCTION, PERFORMANCE_PAYMENT, MEMO"),
                        new ModelError("lines[0] (a).formula", "is required"),
                        new ModelError(
                            "lines[1]",
                            "must be a mapping with id, kind, label, formula and an optional"
                                + " unit")));
  }

  @Test
  void malformedDocumentsAndDuplicateKeysAreRejected() {
    assertThatThrownBy(() -> ModelDefinitions.parseJson("{\"id\": "))
        .isInstanceOfSatisfying(
            InvalidModelException.class,
            e -> assertThat(e.errors().get(0).message()).startsWith("is not valid JSON: "));
    assertThatThrownBy(() -> ModelDefinitions.parseYaml("id: a\nid: b\n"))
        .isInstanceOfSatisfying(
            InvalidModelException.class,
            e ->
                assertThat(e.errors().get(0).message())
                    .isEqualTo(
                        "is not valid YAML: Duplicate Object property \"id\" (line 2, column 3)"));
    assertThatThrownBy(() -> ModelDefinitions.parseYaml(""))
        .isInstanceOfSatisfying(
            InvalidModelException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(new ModelError("", "the model document is empty")));
  }
}
