package io.twinledger.ledger.asset.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.finance.money.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AssetValuesTest {

  @Test
  void waterDistrictNamesTheFirstBadField() {
    assertThatThrownBy(() -> new WaterDistrictParameters(new BigDecimal("-1"), 10, ZERO, TEN, EUR))
        .isInstanceOf(InvalidFieldException.class)
        .hasMessage("mainsLengthKm: must be greater than zero, was -1");
    assertThatThrownBy(() -> new WaterDistrictParameters(TEN, null, ZERO, TEN, EUR))
        .isInstanceOfSatisfying(
            InvalidFieldException.class,
            e -> assertThat(e.field()).isEqualTo("serviceConnections"));
    assertThatThrownBy(
            () -> new WaterDistrictParameters(TEN, 10, ZERO, TEN, Money.of("EUR", "-0.01")))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("tariff.amount"));
  }

  @Test
  void privatePipeMayBeZeroButNotNegative() {
    assertThat(new WaterDistrictParameters(TEN, 0, ZERO, TEN, EUR).privatePipeLengthKm())
        .isEqualByComparingTo("0");
    assertThatThrownBy(() -> new WaterDistrictParameters(TEN, 0, new BigDecimal("-2"), TEN, EUR))
        .hasMessage("privatePipeLengthKm: must not be negative, was -2");
  }

  @Test
  void roadThresholdsMustBeOrdered() {
    assertThatThrownBy(
            () -> new RoadConditionThresholds(new BigDecimal("2.7"), new BigDecimal("2.68"), TEN))
        .hasMessage("iriPoorMinMPerKm: must be greater than iriGoodMaxMPerKm (2.7)");
    assertThatThrownBy(
            () ->
                new RoadSegmentParameters(
                    TEN,
                    0,
                    PavementType.ASPHALT,
                    new RoadConditionThresholds(BigDecimal.ONE, TEN, TEN)))
        .hasMessage("lanes: must be at least 1, was 0");
  }

  @Test
  void aDerivationFillsInTheFormulasDefaultsAndNamesEveryBadField() {
    var esal = new KpiDerivation(KpiFormula.ESAL, Map.of("axleLoads", "axle-load"), Map.of());
    assertThat(esal.parameters())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("standardAxleKn", BigDecimal.valueOf(80), "exponent", BigDecimal.valueOf(4)));
    assertThat(
            new KpiDerivation(
                    KpiFormula.ESAL,
                    Map.of("axleLoads", "axle-load"),
                    Map.of("exponent", new BigDecimal("4.20")))
                .parameter("exponent"))
        .isEqualTo(new BigDecimal("4.2"));
    assertThatThrownBy(() -> new KpiDerivation(KpiFormula.ESAL, Map.of(), Map.of()))
        .hasMessage("inputs.axleLoads: is required by ESAL");
    assertThatThrownBy(
            () ->
                new KpiDerivation(
                    KpiFormula.ESAL, Map.of("axleLoads", "a", "loads", "b"), Map.of()))
        .hasMessage("inputs.loads: is not an input of ESAL; it takes [axleLoads]");
    assertThatThrownBy(
            () ->
                new KpiDerivation(
                    KpiFormula.ESAL, Map.of("axleLoads", "a"), Map.of("exponent", BigDecimal.ZERO)))
        .hasMessage("parameters.exponent: must be greater than zero, was 0");
    assertThatThrownBy(
            () ->
                new KpiDerivation(
                    KpiFormula.ESAL, Map.of("axleLoads", "a"), Map.of("n", BigDecimal.ONE)))
        .hasMessage("parameters.n: is not a parameter of ESAL");
    assertThatThrownBy(
            () -> new KpiDerivation(KpiFormula.IRI_SHARE_ABOVE, Map.of("iri", "iri"), Map.of()))
        .hasMessage("parameters.thresholdMPerKm: is required by IRI_SHARE_ABOVE");
  }

  @Test
  void aKpiIsEitherMeasuredOrDerivedInTheFormulasUnit() {
    var nrw =
        new KpiDerivation(
            KpiFormula.NRW_PERCENT, Map.of("systemInput", "siv", "billed", "bac"), Map.of());
    assertThatThrownBy(
            () ->
                new KpiDefinition(
                    "nrw",
                    "P1",
                    Optional.of(Aggregation.SUM),
                    BetterDirection.LOWER,
                    List.of(),
                    Optional.of(nrw)))
        .hasMessageContaining("exactly one of aggregation");
    assertThatThrownBy(
            () ->
                new KpiDefinition(
                    "nrw",
                    "P1",
                    Optional.empty(),
                    BetterDirection.LOWER,
                    List.of(),
                    Optional.empty()))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("aggregation"));
    assertThatThrownBy(
            () -> KpiDefinition.derived("nrw", "C62", nrw, BetterDirection.LOWER, List.of()))
        .hasMessage("unit: NRW_PERCENT gives a result in P1, not C62");
    assertThatThrownBy(
            () -> KpiDefinition.derived("siv", "P1", nrw, BetterDirection.LOWER, List.of()))
        .hasMessage("derivation.inputs: must not include the KPI itself");
  }

  @Test
  void kpiDefinitionsRejectBadIdsUnitsAndDuplicateThresholds() {
    assertThatThrownBy(() -> kpi("ILI", "C62", List.of()))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("kpiId"));
    assertThatThrownBy(() -> kpi("ili", "cubic metres", List.of()))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("unit"));
    var target = new ContractualThreshold("target", BigDecimal.ONE);
    assertThatThrownBy(() -> kpi("ili", "C62", List.of(target, target)))
        .hasMessage("thresholds[1].name: duplicates threshold 'target'");
  }

  @Test
  void registrationChecksIdNameAndZone() {
    var parameters = new WaterDistrictParameters(TEN, 0, ZERO, TEN, EUR);
    assertThatThrownBy(() -> new RegisterAsset("bad id", "n", "UTC", parameters, List.of()))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("assetId"));
    assertThatThrownBy(() -> new RegisterAsset("ok", " ", "UTC", parameters, List.of()))
        .hasMessage("name: must not be blank");
    assertThatThrownBy(() -> new RegisterAsset("ok", "n", "Mars/Olympus", parameters, List.of()))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("timeZone"));
    assertThatThrownBy(() -> new RegisterAsset("ok", "n", "+01:00", parameters, List.of()))
        .hasMessageStartingWith("timeZone: must be an IANA time zone");
    assertThat(
            new RegisterAsset("urn:ngsi-ld:Dma:1", " North ", "UTC", parameters, List.of()).name())
        .isEqualTo("North");
    var ili = kpi("ili", "C62", List.of());
    assertThatThrownBy(() -> new RegisterAsset("ok", "n", "UTC", parameters, List.of(ili, ili)))
        .hasMessage("kpis[1].kpiId: duplicates KPI 'ili'");
  }

  @Test
  void decimalsAreComparedByValueNotByScale() {
    assertThat(new WaterDistrictParameters(new BigDecimal("1.50"), 0, ZERO, TEN, EUR))
        .isEqualTo(new WaterDistrictParameters(new BigDecimal("1.5"), 0, ZERO, TEN, EUR));
    assertThat(new ContractualThreshold("t", new BigDecimal("2.0")))
        .isEqualTo(new ContractualThreshold("t", new BigDecimal("2")));
  }

  @Test
  void nestedViolationsKeepTheFullPath() {
    var e = new InvalidFieldException("iriPoorMinMPerKm", "is required").within("parameters");
    assertThat(e.field()).isEqualTo("parameters.iriPoorMinMPerKm");
    assertThat(e.reason()).isEqualTo("is required");
  }

  private static final BigDecimal ZERO = BigDecimal.ZERO;
  private static final BigDecimal TEN = BigDecimal.TEN;
  private static final Money EUR = Money.of("EUR", "1.5");

  private static KpiDefinition kpi(String id, String unit, List<ContractualThreshold> thresholds) {
    return KpiDefinition.measured(id, unit, Aggregation.SUM, BetterDirection.LOWER, thresholds);
  }
}
