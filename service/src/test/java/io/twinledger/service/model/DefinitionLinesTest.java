package io.twinledger.service.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.finance.model.ModelDefinitions;
import io.twinledger.finance.model.Templates;
import io.twinledger.ledger.model.projection.ModelVersionView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The model editor's placing of problems on YAML lines, and its version diff. */
class DefinitionLinesTest {

  private static final String YAML =
      """
      id: water-nrw
      parameters:
        tariff:
          value: 2.35
          unit: EUR/MTQ
      lines:
        - id: recovered-volume
          kind: MEMO
          formula: kpi('nrw-volume')
        - id: recovered-revenue
          kind: REVENUE
          formula: line('recovered-volume') * param('tarif')
      """;

  @Test
  void aProblemIsPlacedOnTheLineItsPathNames() {
    DefinitionLines lines = DefinitionLines.of(YAML);

    assertThat(lines.placeOf("definition.lines[1] (recovered-revenue).formula"))
        .contains(
            new DefinitionLines.Place(12, "formula: line('recovered-volume') * param('tarif')"));
    assertThat(lines.placeOf("definition.parameters.tariff.unit"))
        .contains(new DefinitionLines.Place(5, "unit: EUR/MTQ"));
    assertThat(lines.placeOf("definition.id")).map(DefinitionLines.Place::line).contains(1);
  }

  @Test
  void aMissingFieldIsPlacedOnItsNearestWrittenParent() {
    DefinitionLines lines = DefinitionLines.of(YAML);

    assertThat(lines.placeOf("definition.lines[0] (recovered-volume).label"))
        .map(DefinitionLines.Place::line)
        .contains(7);
    assertThat(lines.placeOf("definition.currency")).isEmpty();
  }

  @Test
  void problemsOutsideTheDefinitionOrOfTheWholeTextHaveNoLine() {
    assertThat(DefinitionLines.of(YAML).placeOf("assets[0]")).isEmpty();
    assertThat(DefinitionLines.of(YAML).placeOf("definition")).isEmpty();
    assertThat(DefinitionLines.of("id: [unclosed").placeOf("definition.id"))
        .map(DefinitionLines.Place::line)
        .contains(1);
    assertThat(DefinitionLines.of(null).placeOf("definition.id")).isEmpty();
  }

  @Test
  void theDiffListsEveryLineOnceWithItsNumbersInEachVersion() {
    var template = Templates.load("water-nrw");
    String changed = ModelDefinitions.toYaml(template).replace("2.35", "2.50");
    ModelDiff diff =
        ModelDiff.of(version(1, template), version(2, ModelDefinitions.parseYaml(changed)));

    assertThat(diff.added()).isEqualTo(1);
    assertThat(diff.removed()).isEqualTo(1);
    List<ModelDiff.Row> removed =
        diff.rows().stream().filter(r -> r.change() == ModelDiff.Change.REMOVED).toList();
    List<ModelDiff.Row> added =
        diff.rows().stream().filter(r -> r.change() == ModelDiff.Change.ADDED).toList();
    assertThat(removed.getFirst().text()).contains("2.35");
    assertThat(added.getFirst().text()).contains("2.50");
    assertThat(removed.getFirst().fromLine()).isEqualTo(added.getFirst().toLine());
    int lines = ModelDefinitions.toYaml(template).lines().toList().size();
    assertThat(diff.rows()).hasSize(lines + 1);
    assertThat(diff.rows().getLast().fromLine()).contains(lines);
    assertThat(diff.rows().getLast().toLine()).contains(lines);
  }

  private static ModelVersionView version(
      int version, io.twinledger.finance.model.ModelDefinition definition) {
    return new ModelVersionView(
        "water-nrw", version, definition, List.of("dma-1"), Optional.empty(), Instant.EPOCH);
  }
}
