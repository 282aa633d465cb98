package io.twinledger.finance.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelValidatorTest {

  /** A water model whose lines are the given YAML list items. */
  private static List<ModelError> errors(String lines) {
    return ModelValidator.validate(model(lines), DemoCatalog.CATALOG);
  }

  private static ModelDefinition model(String lines) {
    return ModelDefinitions.parseYaml(
        """
        id: m
        version: 1
        name: M
        assetClass: WATER_DISTRICT
        currency: EUR
        parameters:
          tariff: {value: 2.35, unit: EUR/MTQ}
          baseline: {value: 12000, unit: MTQ}
          zero: {value: 0, unit: MTQ}
          limit: {value: 20, unit: P1}
          fee: {value: 100, unit: EUR}
        lines:
        """
            + lines.indent(2));
  }

  @Test
  void aConsistentModelHasNoErrorsAndEvaluatesLinesAfterTheirReferences() {
    String lines =
        """
        - {id: revenue, kind: REVENUE, label: R, formula: "line('saved') * param('tariff')"}
        - {id: saved, kind: MEMO, label: S, unit: MTQ,
           formula: "max(0, param('baseline') - kpi('nrw-volume'))"}
        """;

    assertThat(errors(lines)).isEmpty();
    assertThat(ModelValidator.validated(model(lines), DemoCatalog.CATALOG).lines())
        .extracting(ValidatedLine::id)
        .containsExactly("saved", "revenue");
  }

  @Test
  void unknownKpiParameterAndLineAreNamedWithTheirCharacter() {
    assertThat(
            errors(
                """
                - {id: a, kind: REVENUE, label: A,
                   formula: "kpi('nrw-vol') * param('tarif') + line('b')"}
                """))
        .containsExactly(
            new ModelError(
                "lines[0] (a).formula",
                "at character 1: unknown KPI 'nrw-vol': not in the KPI catalog"),
            new ModelError("lines[0] (a).formula", "at character 18: unknown parameter 'tarif'"),
            new ModelError("lines[0] (a).formula", "at character 35: unknown line 'b'"));
  }

  @Test
  void cyclesAreNamedOnceFromTheirFirstLine() {
    assertThat(
            errors(
                """
                - {id: a, kind: REVENUE, label: A, formula: "line('b') + param('fee')"}
                - {id: b, kind: MEMO, label: B, unit: EUR, formula: "line('c')"}
                - {id: c, kind: MEMO, label: C, unit: EUR, formula: "line('a') * 2"}
                - {id: d, kind: MEMO, label: D, unit: EUR, formula: "line('d')"}
                """))
        .containsExactly(
            new ModelError("lines[0] (a).formula", "cyclic line references: a → b → c → a"),
            new ModelError("lines[3] (d).formula", "cyclic line references: d → d"));
  }

  @Test
  void unitMismatchesSayBothUnits() {
    assertThat(
            errors(
                """
                - {id: a, kind: REVENUE, label: A, formula: "kpi('nrw-volume') + param('tariff')"}
                - {id: b, kind: REVENUE, label: B, formula: "kpi('nrw-volume')"}
                - {id: c, kind: MEMO, label: C, unit: C62,
                   formula: "if(kpi('rainfall-depth') > param('baseline'), 1, 0)"}
                """))
        .containsExactly(
            new ModelError(
                "lines[0] (a).formula",
                "at character 1: unit mismatch: kpi('nrw-volume') is in MTQ but param('tariff')"
                    + " is in EUR/m^3; + needs equal units"),
            new ModelError(
                "lines[1] (b).formula",
                "unit mismatch: the formula gives MTQ but the line is in EUR (the model"
                    + " currency)"),
            new ModelError(
                "lines[2] (c).formula",
                "at character 4: unit mismatch: kpi('rainfall-depth') is in MMT but"
                    + " param('baseline') is in MTQ; > needs equal units"));
  }

  @Test
  void aPlainNumberIsNotComparedWithAPercentButZeroFitsAnyUnit() {
    assertThat(
            errors(
                """
                - {id: a, kind: REVENUE, label: A,
                   formula: "if(kpi('nrw-percent') > 20, param('fee'), 0)"}
                - {id: b, kind: REVENUE, label: B,
                   formula: "if(kpi('nrw-percent') > param('limit'), max(0, param('fee')), 0)"}
                """))
        .containsExactly(
            new ModelError(
                "lines[0] (a).formula",
                "at character 4: unit mismatch: kpi('nrw-percent') is in P1 but 20 is a plain"
                    + " number; a plain number is not scaled like a percent or per mille value,"
                    + " write it as a parameter with its unit"));
  }

  @Test
  void aPercentOfAnAmountIsAnAmount() {
    // P1 * EUR is EUR scaled by 0.01, so it adds to EUR
    assertThat(
            errors(
                """
                - {id: a, kind: DEDUCTION, label: A,
                   formula: "kpi('nrw-percent') * param('fee') + param('fee')"}
                """))
        .isEmpty();
  }

  @Test
  void divisionByWhatCanBeZeroIsRejectedUnlessGuarded() {
    assertThat(
            errors(
                """
                - {id: a, kind: MEMO, label: A, unit: '1',
                   formula: "kpi('real-losses') / kpi('uarl')"}
                - {id: b, kind: MEMO, label: B, unit: '1', formula: "param('baseline') / param('zero')"}
                - {id: c, kind: MEMO, label: C, unit: '1',
                   formula: "kpi('real-losses') / (param('baseline') - kpi('nrw-volume'))"}
                - {id: d, kind: MEMO, label: D, unit: '1',
                   formula: "if(kpi('uarl') == 0, 0, kpi('real-losses') / kpi('uarl'))"}
                - {id: e, kind: MEMO, label: E, unit: '1',
                   formula: "if(kpi('uarl') > 0, kpi('real-losses') / kpi('uarl'), 0)"}
                - {id: f, kind: MEMO, label: F, unit: '1',
                   formula: "if(or(0 >= kpi('uarl'), 1 > 2), 0, kpi('real-losses') / kpi('uarl'))"}
                - {id: g, kind: MEMO, label: G, unit: MTQ/DAY,
                   formula: "kpi('real-losses') / daysInPeriod() / max(param('baseline') / kpi('uarl'), 1)"}
                - {id: h, kind: MEMO, label: H, unit: '1',
                   formula: "if(kpi('uarl') == 0, kpi('real-losses') / kpi('uarl'), 0)"}
                """))
        .containsExactly(
            new ModelError(
                "lines[0] (a).formula",
                "at character 22: division by kpi('uarl'), which can be zero; guard it with"
                    + " if(kpi('uarl') == 0, <value if zero>, ...) or divide by max(kpi('uarl'),"
                    + " <positive constant>)"),
            new ModelError(
                "lines[1] (b).formula",
                "at character 21: division by param('zero'), which can be zero; guard it with"
                    + " if(param('zero') == 0, <value if zero>, ...) or divide by"
                    + " max(param('zero'), <positive constant>)"),
            new ModelError(
                "lines[2] (c).formula",
                "at character 23: division by param('baseline') - kpi('nrw-volume'), which can be"
                    + " zero; guard it with if(param('baseline') - kpi('nrw-volume') == 0, <value"
                    + " if zero>, ...) or divide by max(param('baseline') - kpi('nrw-volume'),"
                    + " <positive constant>)"),
            // g divides param('baseline') by kpi('uarl') inside max(.., 1) unguarded
            new ModelError(
                "lines[6] (g).formula",
                "at character 63: division by kpi('uarl'), which can be zero; guard it with"
                    + " if(kpi('uarl') == 0, <value if zero>, ...) or divide by max(kpi('uarl'),"
                    + " <positive constant>)"),
            new ModelError(
                "lines[7] (h).formula",
                "at character 43: division by kpi('uarl'), which can be zero; guard it with"
                    + " if(kpi('uarl') == 0, <value if zero>, ...) or divide by max(kpi('uarl'),"
                    + " <positive constant>)"));
  }

  @Test
  void conditionsAndNumbersAreNotInterchangeable() {
    assertThat(
            errors(
                """
                - {id: a, kind: REVENUE, label: A, formula: "if(param('fee'), param('fee'), 0)"}
                - {id: b, kind: REVENUE, label: B, formula: "(1 < 2) * param('fee')"}
                - {id: c, kind: REVENUE, label: C, formula: "param('fee') > 0"}
                """))
        .containsExactly(
            new ModelError(
                "lines[0] (a).formula",
                "at character 4: if needs a condition (a comparison, and, or, not), but"
                    + " param('fee') is a number"),
            new ModelError(
                "lines[1] (b).formula",
                "at character 2: a condition (1 < 2) cannot be used as a number; use"
                    + " if(condition, a, b)"),
            new ModelError(
                "lines[2] (c).formula",
                "at character 1: the formula is a condition; a line needs a number, e.g."
                    + " if(condition, a, b)"));
  }

  @Test
  void syntaxDuplicatesAndLineUnitsAreReported() {
    assertThat(
            errors(
                """
                - {id: a, kind: REVENUE, label: A, formula: "param('fee') *"}
                - {id: a, kind: REVENUE, label: A2, formula: "param('fee')"}
                - {id: m, kind: MEMO, label: M, formula: "kpi('nrw-volume')"}
                - {id: r, kind: REVENUE, label: R, unit: MTQ, formula: "param('fee')"}
                - {id: s, kind: MEMO, label: S, unit: M3, formula: "kpi('nrw-volume')"}
                """))
        .containsExactly(
            new ModelError("lines[1] (a).id", "duplicates the id of lines[0]"),
            new ModelError("lines[2] (m).unit", "is required for a MEMO line"),
            new ModelError(
                "lines[3] (r).unit",
                "a REVENUE line is in the model currency EUR; leave the unit out or write EUR,"
                    + " was MTQ"),
            new ModelError(
                "lines[4] (s).unit",
                "'M3' in 'M3' is neither a supported UN/CEFACT unit code (1 C62 P1 NX MTR KMT CMT"
                    + " MMT MTK MTQ LTR HUR DAY MQH MQS KGM TNE NEW B47) nor an ISO 4217"
                    + " currency"),
            new ModelError(
                "lines[0] (a).formula",
                "at character 15: expected a number, '(' or a function but the formula ends"));
  }

  @Test
  void currencyVersionAndParameterUnitsAreChecked() {
    ModelDefinition definition =
        ModelDefinitions.parseYaml(
            """
            id: m
            version: 1
            name: M
            assetClass: X
            currency: EURO
            parameters:
              p: {value: 1, unit: EUR/KWH}
            lines:
              - {id: a, kind: REVENUE, label: A, formula: "0"}
            """);
    ModelDefinition versionZero =
        new ModelDefinition("m", 0, "M", "X", "EUR", definition.parameters(), definition.lines());

    assertThat(ModelValidator.validate(definition, DemoCatalog.CATALOG))
        .containsExactly(
            new ModelError("currency", "'EURO' is not an ISO 4217 currency code"),
            new ModelError(
                "parameters.p.unit",
                "'KWH' in 'EUR/KWH' is neither a supported UN/CEFACT unit code (1 C62 P1 NX MTR"
                    + " KMT CMT MMT MTK MTQ LTR HUR DAY MQH MQS KGM TNE NEW B47) nor an ISO 4217"
                    + " currency"));
    assertThat(ModelValidator.validate(versionZero, DemoCatalog.CATALOG))
        .containsExactly(
            new ModelError("version", "must be at least 1, was 0"),
            new ModelError(
                "parameters.p.unit",
                "'KWH' in 'EUR/KWH' is neither a supported UN/CEFACT unit code (1 C62 P1 NX MTR"
                    + " KMT CMT MMT MTK MTQ LTR HUR DAY MQH MQS KGM TNE NEW B47) nor an ISO 4217"
                    + " currency"));
    assertThatThrownBy(() -> ModelValidator.validated(definition, DemoCatalog.CATALOG))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("currency: 'EURO' is not an ISO 4217 currency code");
  }
}
