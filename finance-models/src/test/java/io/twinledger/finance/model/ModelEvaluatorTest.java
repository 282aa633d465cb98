package io.twinledger.finance.model;

import static io.twinledger.finance.model.Observations.observed;
import static io.twinledger.finance.model.Observations.withoutValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelEvaluatorTest {

  private static final ValidatedModel WATER =
      ModelValidator.validated(Templates.load("water-nrw"), DemoCatalog.CATALOG);
  private static final ValidatedModel STORMWATER =
      ModelValidator.validated(Templates.load("stormwater"), DemoCatalog.CATALOG);
  private static final ValidatedModel ROADS =
      ModelValidator.validated(Templates.load("roads"), DemoCatalog.CATALOG);

  private static final List<KpiObservation> WATER_KPIS =
      List.of(
          observed("nrw-volume", "2025-03", 1, "9800", "MTQ", "aa01"),
          // a late reading re-closed March: revision 2 wins
          observed("nrw-volume", "2025-03", 2, "9500", "MTQ", "aa01", "aa02"),
          observed("real-losses", "2025-03", 1, "6000", "MTQ", "bb01"),
          observed("nrw-volume", "2025-04", 1, "12500", "MTQ", "aa03"),
          observed("real-losses", "2025-04", 1, "7000.5", "MTQ", "bb02"),
          withoutValue("nrw-volume", "2025-05", 1, "MTQ"),
          observed("real-losses", "2025-05", 1, "6.5", "LTR", "bb03"));

  private static ModelRun water() {
    return ModelEvaluator.evaluate(
        WATER, "dma-north-hill", WATER_KPIS, YearMonth.of(2025, 3), YearMonth.of(2025, 5));
  }

  private static BigDecimal value(ModelRun run, int month, String line) {
    return run.periods().get(month).line(line).orElseThrow().value().orElseThrow();
  }

  @Test
  void waterTemplateUsesTheLatestRevision() {
    ModelRun run = water();

    assertThat(run.assetId()).isEqualTo("dma-north-hill");
    assertThat(run.modelVersion()).isEqualTo(1);
    // March: recovered = max(0, 12000 - 9500) = 2500 m³ (revision 2, not 12000 - 9800 = 2200)
    assertThat(value(run, 0, "recovered-volume")).isEqualByComparingTo("2500");
    // 2500 m³ * 2.35 EUR/m³ = 5875 EUR
    assertThat(value(run, 0, "recovered-revenue")).isEqualByComparingTo("5875");
    // 6000 m³ * 0.40 EUR/m³ = 2400 EUR
    assertThat(value(run, 0, "real-losses-cost")).isEqualByComparingTo("2400");
    // 2500 m³ * 0.80 EUR/m³ = 2000 EUR
    assertThat(value(run, 0, "contractor-payment")).isEqualByComparingTo("2000");
  }

  @Test
  void aHalfCoveredMonthIsPartialAndItsBaselineIsProratedToTheCoveredDays() {
    List<KpiObservation> kpis =
        List.of(
            covered(observed("nrw-volume", "2025-03", 1, "9500", "MTQ", "aa01"), "100"),
            covered(observed("real-losses", "2025-03", 1, "6000", "MTQ", "bb01"), "95"),
            // April has 30 days; the readings cover 15 of them
            covered(observed("nrw-volume", "2025-04", 1, "4000", "MTQ", "aa02"), "50"),
            covered(observed("real-losses", "2025-04", 1, "3000", "MTQ", "bb02"), "50"));
    ModelRun run =
        ModelEvaluator.evaluate(
            WATER, "dma-north-hill", kpis, YearMonth.of(2025, 3), YearMonth.of(2025, 4));

    // March is complete (95 % is not under 90 %): nothing partial, the baseline is whole
    assertThat(run.periods().get(0).lines()).allSatisfy(l -> assertThat(l.partial()).isEmpty());
    assertThat(value(run, 0, "recovered-volume")).isEqualByComparingTo("2500");
    // April: baseline 12000 m³ * 15/30 = 6000 m³, recovered = 6000 - 4000 = 2000 m³
    assertThat(value(run, 1, "recovered-volume")).isEqualByComparingTo("2000");
    assertThat(value(run, 1, "recovered-revenue")).isEqualByComparingTo("4700");
    assertThat(value(run, 1, "contractor-payment")).isEqualByComparingTo("1600");
    LineValue revenue = run.periods().get(1).line("recovered-revenue").orElseThrow();
    assertThat(revenue.partial())
        .containsExactly(
            "KPI nrw-volume for 2025-04 (revision 1) covers 50 % of the month, under the model's"
                + " complete coverage of 90 %",
            "monthly baseline baseline-nrw-volume prorated to 15 of 30 days (50 % coverage)");
    // A cost per measured m³ has no baseline: it stays as measured and says it is not prorated
    assertThat(value(run, 1, "real-losses-cost")).isEqualByComparingTo("1200");
    assertThat(run.periods().get(1).line("real-losses-cost").orElseThrow().partial())
        .containsExactly(
            "KPI real-losses for 2025-04 (revision 1) covers 50 % of the month, under the model's"
                + " complete coverage of 90 %",
            "not prorated: the formula has no monthly baseline, so the amount is what the covered"
                + " days measured");
  }

  @Test
  void theCompleteCoverageIsTheModels() {
    ModelDefinition water = Templates.load("water-nrw");
    ModelDefinition definition =
        new ModelDefinition(
            water.id(),
            water.version(),
            water.name(),
            water.assetClass(),
            water.currency(),
            water.parameters(),
            water.lines(),
            new BigDecimal("99.5"));
    // The coverage survives the document round trip
    ValidatedModel strict =
        ModelValidator.validated(
            ModelDefinitions.parseYaml(ModelDefinitions.toYaml(definition)), DemoCatalog.CATALOG);
    List<KpiObservation> kpis =
        List.of(
            covered(observed("nrw-volume", "2025-03", 1, "9500", "MTQ", "aa01"), "99"),
            covered(observed("real-losses", "2025-03", 1, "6000", "MTQ", "bb01"), "99.5"));

    ModelRun run =
        ModelEvaluator.evaluate(
            strict, "dma-north-hill", kpis, YearMonth.of(2025, 3), YearMonth.of(2025, 3));

    assertThat(strict.definition().completeCoverage()).isEqualByComparingTo("99.5");
    // 12000 * 0.99 = 11880, recovered = 11880 - 9500 = 2380
    assertThat(value(run, 0, "recovered-volume")).isEqualByComparingTo("2380");
    assertThat(run.periods().get(0).line("real-losses-cost").orElseThrow().partial()).isEmpty();
  }

  private static KpiObservation covered(KpiObservation o, String percent) {
    return new KpiObservation(
        o.kpiId(),
        o.period(),
        o.revision(),
        o.value(),
        o.unit(),
        o.evidence(),
        Optional.of(new BigDecimal(percent)));
  }

  @Test
  void recoveredVolumeIsFlooredAtZero() {
    ModelRun run = water();

    // April: max(0, 12000 - 12500) = 0, so no revenue and no contractor payment
    assertThat(value(run, 1, "recovered-volume")).isEqualByComparingTo("0");
    assertThat(value(run, 1, "recovered-revenue")).isEqualByComparingTo("0");
    assertThat(value(run, 1, "contractor-payment")).isEqualByComparingTo("0");
    // 7000.5 m³ * 0.40 EUR/m³ = 2800.2 EUR
    assertThat(value(run, 1, "real-losses-cost")).isEqualByComparingTo("2800.2");
  }

  @Test
  void aPeriodWithoutValueGivesNoAmountAndSaysWhy() {
    ModelRun run = water();
    LineValue revenue = run.periods().get(2).line("recovered-revenue").orElseThrow();

    assertThat(revenue.value()).isEmpty();
    assertThat(revenue.remarks())
        .containsExactly(
            "line recovered-volume has no value for 2025-05: KPI nrw-volume for 2025-05 (revision"
                + " 1) has no value");
    assertThat(run.periods().get(2).line("recovered-volume").orElseThrow().remarks())
        .containsExactly("KPI nrw-volume for 2025-05 (revision 1) has no value");
    // 6.5 L = 0.0065 m³, * 0.40 EUR/m³ = 0.0026 EUR: an observation in litres is converted
    assertThat(value(run, 2, "real-losses-cost")).isEqualByComparingTo("0.0026");
  }

  @Test
  void provenanceNamesObservationsRevisionsEvidenceParametersAndLines() {
    Provenance provenance =
        water().periods().get(0).line("recovered-revenue").orElseThrow().provenance();

    assertThat(provenance.formula()).isEqualTo("line('recovered-volume') * param('tariff')");
    assertThat(provenance.kpis())
        .containsExactly(
            new KpiUse(
                "nrw-volume",
                YearMonth.of(2025, 3),
                2,
                Optional.of(new BigDecimal("9500")),
                "MTQ",
                List.of("aa01", "aa02")));
    assertThat(provenance.evidence()).containsExactly("aa01", "aa02");
    // transitive: baseline-nrw-volume comes through the recovered-volume memo line
    assertThat(provenance.parameters())
        .containsExactly(
            new ParameterUse("baseline-nrw-volume", new BigDecimal("12000"), "MTQ"),
            new ParameterUse("tariff", new BigDecimal("2.35"), "EUR/MTQ"));
    assertThat(provenance.lines()).containsExactly("recovered-volume");
  }

  @Test
  void stormwaterTemplate() {
    ModelRun run =
        ModelEvaluator.evaluate(
            STORMWATER,
            "gi-rock-creek-a",
            List.of(
                observed("cso-events", "2025-06", 1, "1", "C62", "cc01"),
                observed("volume-captured", "2025-06", 1, "1234.567", "MTQ", "dd01"),
                observed("cso-events", "2025-07", 1, "5", "C62", "cc02"),
                observed("volume-captured", "2025-07", 1, "800", "MTQ", "dd02")),
            YearMonth.of(2025, 6),
            YearMonth.of(2025, 7));

    // June: (3 - 1) events * 25000 EUR/event = 50000 EUR
    assertThat(value(run, 0, "avoided-cso-penalties")).isEqualByComparingTo("50000");
    // 1234.567 m³ * 0.50 EUR/m³ = 617.2835 EUR (exact; statements round)
    assertThat(value(run, 0, "fee-credits")).isEqualByComparingTo("617.2835");
    assertThat(value(run, 0, "operations-maintenance")).isEqualByComparingTo("4000");
    // July: max(0, 3 - 5) = 0 events avoided
    assertThat(value(run, 1, "avoided-cso-penalties")).isEqualByComparingTo("0");
    // 800 m³ * 0.50 = 400 EUR
    assertThat(value(run, 1, "fee-credits")).isEqualByComparingTo("400");
  }

  private static final List<KpiObservation> ROAD_KPIS =
      List.of(
          observed("iri-share-above-limit", "2025-01", 1, "10", "P1", "ee01"),
          observed("rut-depth", "2025-01", 1, "21", "MMT", "ee02"),
          observed("pci-condition", "2025-01", 1, "4", "C62", "ee03"),
          observed("pci-condition", "2025-02", 1, "3", "C62", "ee04"),
          observed("esal", "2025-02", 1, "200000", "C62", "ee05"));

  @Test
  void roadsTemplateDeductsThePreviousMonthsKpisFromThisMonthsPayment() {
    ModelRun run =
        ModelEvaluator.evaluate(
            ROADS, "road-a12-s01", ROAD_KPIS, YearMonth.of(2025, 2), YearMonth.of(2025, 2));

    // MaxPP Feb 2025 = 28 / 365 * 1 200 000 = 33 600 000 / 365 = 92054.794520547945205...
    assertThat(value(run, 0, "max-payment"))
        .isEqualByComparingTo("92054.79452054794520547945205479452");
    assertThat(value(run, 0, "availability-payment"))
        .isEqualByComparingTo("92054.79452054794520547945205479452");
    // deductions from January: 10 % above the IRI limit * 0.5 * MaxPP = 4602.7397260273972...
    //   + rut 21 mm > 19 mm: 5000 + pci band 4 >= 4: 3000 = 12602.7397260273972...
    assertThat(value(run, 0, "deductions-due"))
        .isEqualByComparingTo("12602.73972602739726027397260273973");
    assertThat(value(run, 0, "deductions"))
        .isEqualByComparingTo("12602.73972602739726027397260273973");
    // 200 000 ESAL * 0.05 EUR/ESAL = 10000 EUR
    assertThat(value(run, 0, "wim-fee")).isEqualByComparingTo("10000");
    // February band 3: fair, 4000 EUR
    assertThat(value(run, 0, "maintenance-cost")).isEqualByComparingTo("4000");
    Provenance deductions = run.periods().get(0).line("deductions").orElseThrow().provenance();
    assertThat(deductions.kpis())
        .extracting(KpiUse::kpiId, KpiUse::period)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("iri-share-above-limit", YearMonth.of(2025, 1)),
            org.assertj.core.groups.Tuple.tuple("pci-condition", YearMonth.of(2025, 1)),
            org.assertj.core.groups.Tuple.tuple("rut-depth", YearMonth.of(2025, 1)));
    assertThat(deductions.evidence()).containsExactly("ee01", "ee02", "ee03");
  }

  @Test
  void roadDeductionsAreCappedAtTheMaximumPayment() {
    ModelDefinition template = Templates.load("roads");
    Map<String, ParameterDefinition> parameters = new LinkedHashMap<>(template.parameters());
    parameters.put(
        "iri-deduction-per-share",
        new ParameterDefinition(new BigDecimal("12"), "1", Optional.empty(), false));
    ModelDefinition harsh =
        new ModelDefinition(
            template.id(),
            template.version() + 1,
            template.name(),
            template.assetClass(),
            template.currency(),
            parameters,
            template.lines());

    ModelRun run =
        ModelEvaluator.evaluate(
            ModelValidator.validated(harsh, DemoCatalog.CATALOG),
            "road-a12-s01",
            ROAD_KPIS,
            YearMonth.of(2025, 2),
            YearMonth.of(2025, 2));

    // due = 0.10 * 12 * MaxPP + 8000 = 1.2 MaxPP + 8000 > MaxPP, so the deduction is MaxPP
    // and PP = max(0, MaxPP - due) = 0
    assertThat(value(run, 0, "deductions")).isEqualByComparingTo(value(run, 0, "max-payment"));
    assertThat(run.modelVersion()).isEqualTo(2);
  }

  @Test
  void aLaggedKpiBeforeTheFirstObservationLeavesTheDeductionOpen() {
    ModelRun run =
        ModelEvaluator.evaluate(
            ROADS, "road-a12-s01", ROAD_KPIS, YearMonth.of(2025, 1), YearMonth.of(2025, 1));
    LineValue deductions = run.periods().get(0).line("deductions").orElseThrow();

    assertThat(deductions.value()).isEmpty();
    assertThat(deductions.remarks())
        .containsExactly(
            "line deductions-due has no value for 2025-01: KPI iri-share-above-limit has no"
                + " observation for 2024-12 nor in the 12 months before; KPI rut-depth has no"
                + " observation for 2024-12 nor in the 12 months before; KPI pci-condition has no"
                + " observation for 2024-12 nor in the 12 months before; coalesce used its next"
                + " argument");
    assertThat(run.periods().get(0).line("deductions-due").orElseThrow().remarks())
        .containsExactly(
            "KPI iri-share-above-limit has no observation for 2024-12 nor in the 12 months before",
            "KPI rut-depth has no observation for 2024-12 nor in the 12 months before",
            "KPI pci-condition has no observation for 2024-12 nor in the 12 months before;"
                + " coalesce used its next argument");
  }

  /**
   * Issue 14: January's deductions read December's survey, and the road had none in December. The
   * last survey before it counts, and the line says which month it came from.
   */
  @Test
  void aMonthWithoutASurveyIsAssessedOnTheLastSurveyAndSaysSo() {
    ModelRun march =
        ModelEvaluator.evaluate(
            ROADS, "road-a12-s01", ROAD_KPIS, YearMonth.of(2025, 3), YearMonth.of(2025, 3));

    // March reads February: no IRI share or rut depth then, so January's survey counts; the PCI
    // condition of February exists and is read as it is.
    LineValue due = march.periods().get(0).line("deductions-due").orElseThrow();
    assertThat(due.value()).isPresent();
    assertThat(due.remarks())
        .containsExactly(
            "KPI iri-share-above-limit has no value for 2025-02; the last before it, 2025-01, is"
                + " used",
            "KPI rut-depth has no value for 2025-02; the last before it, 2025-01, is used");
    assertThat(due.provenance().kpis())
        .extracting(KpiUse::kpiId, KpiUse::period)
        .contains(
            org.assertj.core.groups.Tuple.tuple("iri-share-above-limit", YearMonth.of(2025, 1)),
            org.assertj.core.groups.Tuple.tuple("pci-condition", YearMonth.of(2025, 2)));
    // The same as if January's survey had been repeated in February.
    List<KpiObservation> repeated = new ArrayList<>(ROAD_KPIS);
    repeated.add(observed("iri-share-above-limit", "2025-02", 1, "10", "P1", "ee01"));
    repeated.add(observed("rut-depth", "2025-02", 1, "21", "MMT", "ee02"));
    ModelRun surveyed =
        ModelEvaluator.evaluate(
            ROADS, "road-a12-s01", repeated, YearMonth.of(2025, 3), YearMonth.of(2025, 3));
    assertThat(value(march, 0, "deductions-due"))
        .isEqualByComparingTo(value(surveyed, 0, "deductions-due"));
    assertThat(surveyed.periods().get(0).line("deductions-due").orElseThrow().remarks()).isEmpty();
  }

  @Test
  void coalesceIsTheExplicitWayToReadAMissingValueAsZero() {
    ModelDefinition definition =
        ModelDefinitions.parseYaml(
            """
            id: m
            version: 1
            name: M
            assetClass: ROAD_SEGMENT
            currency: EUR
            parameters:
              fee: {value: 0.05, unit: EUR/C62}
            lines:
              - {id: fee, kind: REVENUE, label: F, formula: "coalesce(kpi('esal'), 0) * param('fee')"}
            """);

    LineValue fee =
        ModelEvaluator.evaluate(
                ModelValidator.validated(definition, DemoCatalog.CATALOG),
                "road-a12-s02",
                List.of(),
                YearMonth.of(2025, 1),
                YearMonth.of(2025, 1))
            .periods()
            .get(0)
            .line("fee")
            .orElseThrow();

    assertThat(fee.value()).contains(BigDecimal.ZERO.setScale(2));
    assertThat(fee.remarks())
        .containsExactly(
            "KPI esal has no observation for 2025-01; coalesce used its next argument");
  }

  @Test
  void conflictingObservationsOfTheSameRevisionAreRejected() {
    assertThatThrownBy(
            () ->
                ModelEvaluator.evaluate(
                    WATER,
                    "dma-north-hill",
                    List.of(
                        observed("nrw-volume", "2025-03", 1, "9800", "MTQ"),
                        observed("nrw-volume", "2025-03", 1, "9700", "MTQ")),
                    YearMonth.of(2025, 3),
                    YearMonth.of(2025, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "KPI nrw-volume 2025-03 revision 1 is given twice with different contents");
  }
}
