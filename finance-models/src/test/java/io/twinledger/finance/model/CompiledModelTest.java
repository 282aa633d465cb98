package io.twinledger.finance.model;

import static io.twinledger.finance.model.Observations.observed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CompiledModelTest {

  private static final ValidatedModel ROADS =
      ModelValidator.validated(Templates.load("roads"), DemoCatalog.CATALOG);
  private static final ValidatedModel WATER =
      ModelValidator.validated(Templates.load("water-nrw"), DemoCatalog.CATALOG);
  private static final YearMonth FEBRUARY = YearMonth.of(2025, 2);

  @Test
  void roadsFebruaryMatchesTheHandComputedValues() {
    CompiledModel compiled = CompiledModel.compile(ROADS);
    assertThat(compiled.kpiIds())
        .containsExactly("esal", "iri-share-above-limit", "pci-condition", "rut-depth");
    double[] january = {Double.NaN, 10, 4, 21};
    double[] february = {200_000, Double.NaN, 3, Double.NaN};

    double[] lines = compiled.evaluate(february, january, FEBRUARY);

    // MaxPP = 28 / 365 * 1 200 000 = 92054.7945...; due = 0.10 * 0.5 * MaxPP + 5000 + 3000
    assertThat(lines[compiled.lineIds().indexOf("max-payment")])
        .isCloseTo(92054.79452054794, within(1e-8));
    assertThat(lines[compiled.lineIds().indexOf("deductions")])
        .isCloseTo(12602.739726027397, within(1e-8));
    assertThat(lines[compiled.lineIds().indexOf("wim-fee")]).isCloseTo(10000, within(1e-9));
    assertThat(lines[compiled.lineIds().indexOf("maintenance-cost")]).isEqualTo(4000);
  }

  @Test
  void aMissingInputIsNaNNotZero() {
    CompiledModel compiled = CompiledModel.compile(WATER);
    // kpiIds: nrw-volume, real-losses
    double[] lines = compiled.evaluate(new double[] {Double.NaN, 6000}, new double[2], FEBRUARY);

    assertThat(lines[compiled.lineIds().indexOf("recovered-revenue")]).isNaN();
    // 6000 m³ * 0.40 EUR/m³ = 2400 EUR
    assertThat(lines[compiled.lineIds().indexOf("real-losses-cost")]).isCloseTo(2400, within(1e-9));
  }

  @Test
  void lagsBeyondOneMonthAreRefused() {
    ModelDefinition definition =
        ModelDefinitions.parseYaml(
            """
            id: m
            version: 1
            name: M
            assetClass: X
            currency: EUR
            parameters:
              fee: {value: 1, unit: EUR/C62}
            lines:
              - {id: a, kind: REVENUE, label: A, formula: "kpi('esal', lag=2) * param('fee')"}
            """);

    assertThatThrownBy(
            () -> CompiledModel.compile(ModelValidator.validated(definition, DemoCatalog.CATALOG)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "line a reads KPI esal lagged by 2 months; the compiled model supports lags of at most"
                + " 1 month");
  }

  @Property(tries = 200)
  void roadsCompiledAgreesWithTheExactEvaluator(
      @ForAll @DoubleRange(min = 0, max = 100) double share,
      @ForAll @DoubleRange(min = 0, max = 40) double rut,
      @ForAll @IntRange(min = 1, max = 7) int previousBand,
      @ForAll @IntRange(min = 1, max = 7) int band,
      @ForAll @DoubleRange(min = 0, max = 1e6) double esal,
      @ForAll @IntRange(min = 1, max = 12) int month,
      @ForAll boolean esalMissing) {
    YearMonth period = YearMonth.of(2024, month);
    YearMonth previous = period.minusMonths(1);
    List<KpiObservation> kpis = new ArrayList<>();
    kpis.add(observed("iri-share-above-limit", previous.toString(), 1, decimal(share), "P1"));
    kpis.add(observed("rut-depth", previous.toString(), 1, decimal(rut), "MMT"));
    kpis.add(observed("pci-condition", previous.toString(), 1, decimal(previousBand), "C62"));
    kpis.add(observed("pci-condition", period.toString(), 1, decimal(band), "C62"));
    if (!esalMissing) {
      kpis.add(observed("esal", period.toString(), 1, decimal(esal), "C62"));
    }
    CompiledModel compiled = CompiledModel.compile(ROADS);
    double[] current = {esalMissing ? Double.NaN : esal, Double.NaN, band, Double.NaN};
    double[] before = {Double.NaN, share, previousBand, rut};

    assertAgree(ROADS, compiled, kpis, period, compiled.evaluate(current, before, period));
  }

  @Property(tries = 200)
  void waterCompiledAgreesWithTheExactEvaluator(
      @ForAll @DoubleRange(min = 0, max = 30000) double nrw,
      @ForAll @DoubleRange(min = 0, max = 30000) double realLosses) {
    List<KpiObservation> kpis =
        List.of(
            observed("nrw-volume", FEBRUARY.toString(), 1, decimal(nrw), "MTQ"),
            observed("real-losses", FEBRUARY.toString(), 1, decimal(realLosses), "MTQ"));
    CompiledModel compiled = CompiledModel.compile(WATER);

    assertAgree(
        WATER,
        compiled,
        kpis,
        FEBRUARY,
        compiled.evaluate(new double[] {nrw, realLosses}, new double[2], FEBRUARY));
  }

  private static String decimal(double value) {
    return new BigDecimal(value).toPlainString();
  }

  private static void assertAgree(
      ValidatedModel model,
      CompiledModel compiled,
      List<KpiObservation> kpis,
      YearMonth period,
      double[] fast) {
    PeriodValues exact =
        ModelEvaluator.evaluate(model, "asset", kpis, period, period).periods().get(0);
    for (int i = 0; i < compiled.lineIds().size(); i++) {
      Optional<BigDecimal> value = exact.line(compiled.lineIds().get(i)).orElseThrow().value();
      if (value.isEmpty()) {
        assertThat(fast[i]).as(compiled.lineIds().get(i)).isNaN();
      } else {
        double expected = value.get().doubleValue();
        assertThat(fast[i])
            .as(compiled.lineIds().get(i))
            .isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
      }
    }
  }
}
