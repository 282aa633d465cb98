package io.twinledger.ledger.asset;

import io.twinledger.finance.money.Money;
import io.twinledger.ledger.asset.api.Aggregation;
import io.twinledger.ledger.asset.api.AssetDecommissioned;
import io.twinledger.ledger.asset.api.AssetParametersUpdated;
import io.twinledger.ledger.asset.api.AssetRegistered;
import io.twinledger.ledger.asset.api.AssetRuleViolation;
import io.twinledger.ledger.asset.api.BaselineRunoffMethod;
import io.twinledger.ledger.asset.api.BetterDirection;
import io.twinledger.ledger.asset.api.ContractualThreshold;
import io.twinledger.ledger.asset.api.DecommissionAsset;
import io.twinledger.ledger.asset.api.DefineKpi;
import io.twinledger.ledger.asset.api.KpiDefined;
import io.twinledger.ledger.asset.api.KpiDefinition;
import io.twinledger.ledger.asset.api.KpiDerivation;
import io.twinledger.ledger.asset.api.KpiFormula;
import io.twinledger.ledger.asset.api.KpiPeriodClosed;
import io.twinledger.ledger.asset.api.RegisterAsset;
import io.twinledger.ledger.asset.api.StormwaterSiteParameters;
import io.twinledger.ledger.asset.api.UpdateAssetParameters;
import io.twinledger.ledger.asset.api.WaterDistrictParameters;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InfrastructureAssetTest {

  private static final String ID = "dma-1";

  private AggregateTestFixture<InfrastructureAsset> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(InfrastructureAsset.class);
  }

  @Test
  void registrationRecordsTheParameters() {
    fixture
        .givenNoPriorActivity()
        .when(new RegisterAsset(ID, "District 1", "Europe/Amsterdam", water("48"), List.of()))
        .expectEvents(new AssetRegistered(ID, "District 1", "Europe/Amsterdam", water("48")));
  }

  @Test
  void kpisRegisteredWithTheAssetAreDefinedInTheSameCommand() {
    fixture
        .givenNoPriorActivity()
        .when(
            new RegisterAsset(
                ID, "District 1", "Europe/Amsterdam", water("48"), List.of(kpi("2.0"))))
        .expectEvents(
            new AssetRegistered(ID, "District 1", "Europe/Amsterdam", water("48")),
            new KpiDefined(ID, kpi("2.0")));
  }

  @Test
  void updateRecordsNewParametersAndReturnsTheNewVersion() {
    fixture
        .given(registered())
        .when(new UpdateAssetParameters(ID, 0L, water("52")))
        .expectEvents(new AssetParametersUpdated(ID, water("52")))
        .expectResultMessagePayload(1L);
  }

  @Test
  void unchangedParametersRecordNothing() {
    fixture
        .given(registered())
        .when(new UpdateAssetParameters(ID, 0L, water("48")))
        .expectNoEvents()
        .expectResultMessagePayload(0L);
  }

  @Test
  void anAssetCannotChangeClass() {
    var stormwater =
        new StormwaterSiteParameters(
            new BigDecimal("1000"), new BigDecimal("30.48"), BaselineRunoffMethod.CALIBRATED_MODEL);
    fixture
        .given(registered())
        .when(new UpdateAssetParameters(ID, 0L, stormwater))
        .expectException(AssetRuleViolation.class)
        .expectExceptionMessage(
            "asset dma-1 is a WATER_DISTRICT; its class cannot change to STORMWATER_SITE")
        .expectNoEvents();
  }

  @Test
  void redefiningAKpiReplacesItButAnIdenticalDefinitionIsANoOp() {
    KpiDefinition ili = kpi("2.0");
    fixture
        .given(registered(), new KpiDefined(ID, ili))
        .when(new DefineKpi(ID, 1L, ili))
        .expectNoEvents()
        .expectResultMessagePayload(1L);
    fixture
        .given(registered(), new KpiDefined(ID, ili))
        .when(new DefineKpi(ID, 1L, kpi("1.8")))
        .expectEvents(new KpiDefined(ID, kpi("1.8")))
        .expectResultMessagePayload(2L);
  }

  @Test
  void aDecommissionedAssetAcceptsNoChanges() {
    fixture
        .given(registered(), new AssetDecommissioned(ID, "replaced by DMA 2"))
        .when(new DefineKpi(ID, 1L, kpi("2.0")))
        .expectException(AssetRuleViolation.class)
        .expectNoEvents();
    fixture
        .given(registered())
        .when(new DecommissionAsset(ID, 0L, "replaced by DMA 2"))
        .expectEvents(new AssetDecommissioned(ID, "replaced by DMA 2"))
        .expectResultMessagePayload(1L);
  }

  @Test
  void periodsClosedOnTheAssetsStreamBeforeTheyHadTheirOwnStillCountTowardItsVersion() {
    fixture
        .given(registered(), new KpiDefined(ID, kpi("2.0")), oldPeriod())
        .when(new UpdateAssetParameters(ID, 2L, water("50")))
        .expectEvents(new AssetParametersUpdated(ID, water("50")))
        .expectResultMessagePayload(3L);
  }

  @Test
  void aDerivedKpiReadingMeasuredKpisOfTheAssetIsDefined() {
    fixture
        .given(registered(), new KpiDefined(ID, volume("system-input-volume")))
        .andGiven(new KpiDefined(ID, volume("billed-consumption")))
        .when(new DefineKpi(ID, 2L, nrwPercent("billed-consumption")))
        .expectEvents(new KpiDefined(ID, nrwPercent("billed-consumption")));
  }

  @Test
  void aDerivedKpiMustReadAMeasuredKpiOfTheAsset() {
    fixture
        .given(registered(), new KpiDefined(ID, volume("system-input-volume")))
        .when(new DefineKpi(ID, 1L, nrwPercent("billed")))
        .expectException(AssetRuleViolation.class)
        .expectExceptionMessage("the asset defines no KPI 'billed'")
        .expectNoEvents();
  }

  @Test
  void aDerivedKpiMustReadItsInputsInTheFormulasUnits() {
    fixture
        .given(registered(), new KpiDefined(ID, volume("system-input-volume")))
        .andGiven(new KpiDefined(ID, kpi("2.0")))
        .when(new DefineKpi(ID, 2L, nrwPercent("ili")))
        .expectException(AssetRuleViolation.class)
        .expectExceptionMessage("KPI 'ili' must be a measured KPI in MTQ")
        .expectNoEvents();
  }

  @Test
  void anInputOfADerivedKpiKeepsItsUnit() {
    fixture
        .given(registered(), new KpiDefined(ID, volume("system-input-volume")))
        .andGiven(
            new KpiDefined(ID, volume("billed-consumption")),
            new KpiDefined(ID, nrwPercent("billed-consumption")))
        .when(
            new DefineKpi(
                ID,
                3L,
                KpiDefinition.measured(
                    "billed-consumption",
                    "LTR",
                    Aggregation.SUM,
                    BetterDirection.HIGHER,
                    List.of())))
        .expectException(AssetRuleViolation.class)
        .expectExceptionMessage(
            "KPI 'billed-consumption' is the billed input of 'nrw-percent', so it must be measured"
                + " in MTQ")
        .expectNoEvents();
  }

  @Test
  void aFormulaAppliesOnlyToItsAssetClass() {
    fixture
        .given(registered())
        .when(
            new DefineKpi(
                ID,
                0L,
                KpiDefinition.derived(
                    "esal",
                    "C62",
                    new KpiDerivation(KpiFormula.ESAL, Map.of("axleLoads", "ili"), Map.of()),
                    BetterDirection.LOWER,
                    List.of())))
        .expectException(AssetRuleViolation.class)
        .expectExceptionMessage("ESAL applies to a ROAD_SEGMENT")
        .expectNoEvents();
  }

  @Test
  void registrationChecksDerivedKpisAgainstTheKpisRegisteredWithIt() {
    fixture
        .givenNoPriorActivity()
        .when(
            new RegisterAsset(
                ID,
                "District 1",
                "Europe/Amsterdam",
                water("48"),
                List.of(volume("system-input-volume"), nrwPercent("billed-consumption"))))
        .expectException(AssetRuleViolation.class)
        .expectExceptionMessage("the asset defines no KPI 'billed-consumption'")
        .expectNoEvents();
  }

  /** A period as the asset recorded it before periods had streams of their own. */
  private static KpiPeriodClosed oldPeriod() {
    return new KpiPeriodClosed(
        ID,
        "ili",
        "DAY",
        Instant.parse("2026-03-28T23:00:00Z"),
        Instant.parse("2026-03-29T22:00:00Z"),
        1,
        Optional.of(new BigDecimal("1.7")),
        "C62",
        new BigDecimal("98.5"),
        96,
        Map.of("LATE", 2),
        List.of("ab".repeat(32)),
        null,
        null,
        null,
        null);
  }

  private static AssetRegistered registered() {
    return new AssetRegistered(ID, "District 1", "Europe/Amsterdam", water("48"));
  }

  private static WaterDistrictParameters water(String pressure) {
    return new WaterDistrictParameters(
        new BigDecimal("100"),
        5000,
        new BigDecimal("50"),
        new BigDecimal(pressure),
        Money.of("EUR", "2.35"));
  }

  private static KpiDefinition volume(String kpiId) {
    return KpiDefinition.measured(kpiId, "MTQ", Aggregation.SUM, BetterDirection.HIGHER, List.of());
  }

  private static KpiDefinition nrwPercent(String billed) {
    return KpiDefinition.derived(
        "nrw-percent",
        "P1",
        new KpiDerivation(
            KpiFormula.NRW_PERCENT,
            Map.of("systemInput", "system-input-volume", "billed", billed),
            Map.of()),
        BetterDirection.LOWER,
        List.of());
  }

  private static KpiDefinition kpi(String target) {
    return KpiDefinition.measured(
        "ili",
        "C62",
        Aggregation.LAST,
        BetterDirection.LOWER,
        List.of(new ContractualThreshold("target", new BigDecimal(target))));
  }
}
