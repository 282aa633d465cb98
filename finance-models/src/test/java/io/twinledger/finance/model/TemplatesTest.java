package io.twinledger.finance.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplatesTest {

  @ParameterizedTest
  @ValueSource(strings = {"water-nrw", "stormwater", "roads"})
  void everyTemplateValidatesAgainstTheDemoCatalogAndRoundTrips(String name) {
    ModelDefinition template = Templates.load(name);

    assertThat(template.id()).isEqualTo(name);
    assertThat(ModelValidator.validate(template, DemoCatalog.CATALOG)).isEmpty();
    assertThat(ModelDefinitions.parseJson(ModelDefinitions.toJson(template))).isEqualTo(template);
    assertThat(ModelDefinitions.parseYaml(ModelDefinitions.toYaml(template))).isEqualTo(template);
  }

  @Test
  void unknownTemplatesAreNamed() {
    assertThatThrownBy(() -> Templates.load("bridges"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no model template 'bridges'; known: water-nrw, stormwater, roads");
  }

  @Test
  void aTemplateDoesNotValidateWithoutItsKpis() {
    assertThat(
            ModelValidator.validate(
                Templates.load("water-nrw"), KpiCatalog.of("nrw-volume", "MTQ")))
        .containsExactly(
            new ModelError(
                "lines[2] (real-losses-cost).formula",
                "at character 1: unknown KPI 'real-losses': not in the KPI catalog"));
  }

  @Test
  void theRoadsTemplateReadsLastMonthsConditionForDeductionsAndThisMonthsForMaintenance() {
    ValidatedModel roads = ModelValidator.validated(Templates.load("roads"), DemoCatalog.CATALOG);

    // Deductions read last month's survey, or the last one in the 12 months before it.
    assertThat(roads.kpiLags())
        .containsExactly(
            Map.entry("esal", 0),
            Map.entry("iri-share-above-limit", 13),
            Map.entry("pci-condition", 13),
            Map.entry("rut-depth", 13));
  }
}
