package io.twinledger.ledger.asset.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.finance.money.Money;
import io.twinledger.ledger.asset.api.Aggregation;
import io.twinledger.ledger.asset.api.AssetClass;
import io.twinledger.ledger.asset.api.BetterDirection;
import io.twinledger.ledger.asset.api.KpiDefinition;
import io.twinledger.ledger.asset.api.KpiDerivation;
import io.twinledger.ledger.asset.api.KpiFormula;
import io.twinledger.ledger.asset.api.WaterDistrictParameters;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AssetViewTest {

  private static final AssetView DISTRICT =
      new AssetView(
          "dma-1",
          AssetClass.WATER_DISTRICT,
          "District 1",
          "Europe/Amsterdam",
          AssetStatus.ACTIVE,
          Optional.empty(),
          new WaterDistrictParameters(
              BigDecimal.TEN, 900, BigDecimal.ONE, new BigDecimal("40"), Money.of("EUR", "2")),
          List.of(
              measured("billed"),
              measured("inflow"),
              measured("night-flow"),
              KpiDefinition.derived(
                  "nrw-percent",
                  "P1",
                  new KpiDerivation(
                      KpiFormula.NRW_PERCENT,
                      Map.of("systemInput", "inflow", "billed", "billed"),
                      Map.of()),
                  BetterDirection.LOWER,
                  List.of()),
              KpiDefinition.derived(
                  "uarl",
                  "MTQ",
                  new KpiDerivation(KpiFormula.UARL, Map.of(), Map.of()),
                  BetterDirection.LOWER,
                  List.of())),
          3,
          Instant.EPOCH,
          Instant.EPOCH);

  @Test
  void aKpiReadsItselfItsInputsOrEveryMeasuredKpi() {
    assertThat(DISTRICT.readingKpis(DISTRICT.kpis().get(1))).containsExactly("inflow");
    assertThat(DISTRICT.readingKpis(DISTRICT.kpis().get(3)))
        .containsExactlyInAnyOrder("inflow", "billed");
    assertThat(DISTRICT.readingKpis(DISTRICT.kpis().get(4)))
        .containsExactlyInAnyOrder("billed", "inflow", "night-flow");
  }

  @Test
  void aReadingChangesTheKpisThatReadIt() {
    assertThat(DISTRICT.kpisReading("inflow")).containsExactly("inflow", "nrw-percent", "uarl");
    assertThat(DISTRICT.kpisReading("night-flow")).containsExactly("night-flow", "uarl");
  }

  private static KpiDefinition measured(String kpiId) {
    return KpiDefinition.measured(kpiId, "MTQ", Aggregation.SUM, BetterDirection.LOWER, List.of());
  }
}
