package io.twinledger.twin.kpi.water;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class WaterBalanceTest {

  @Test
  void splitsSystemInputIntoConsumptionAndLosses() {
    // SIV 1,750; billed 1,400 + unbilled 50 = authorised 1,450
    // water losses = 1,750 − 1,450 = 300; real = 300 − apparent 70 = 230
    WaterBalance balance = new WaterBalance(dec("1750"), dec("1400"), dec("50"), dec("70"));
    assertThat(balance.authorisedConsumptionM3()).isEqualTo(dec("1450"));
    assertThat(balance.waterLossesM3()).isEqualTo(dec("300"));
    assertThat(balance.realLossesM3()).isEqualTo(dec("230"));
    // NRW = unbilled authorised + water losses = 50 + 300 = 350
    assertThat(balance.nonRevenueWater().volumeM3()).isEqualTo(dec("350"));
    assertThat(balance.nonRevenueWater().percentOfSystemInput()).contains(dec("20"));
  }

  @Test
  void decimalsStayExact() {
    // 100.1 − (60.05 + 0.02) = 40.03 water losses; 40.03 − 0.03 = 40 real
    WaterBalance balance = new WaterBalance(dec("100.1"), dec("60.05"), dec("0.02"), dec("0.03"));
    assertThat(balance.waterLossesM3()).isEqualTo(dec("40.03"));
    assertThat(balance.realLossesM3()).isEqualTo(dec("40"));
  }

  @Test
  void componentsMustFitTheirTotals() {
    assertThatThrownBy(() -> new WaterBalance(dec("100"), dec("90"), dec("11"), dec("0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unbilledAuthorisedConsumptionM3: billed plus unbilled authorised consumption (101)"
                + " must not exceed systemInputVolumeM3 (100)");
    assertThatThrownBy(() -> new WaterBalance(dec("100"), dec("90"), dec("5"), dec("5.5")))
        .hasMessage("apparentLossesM3: must not exceed the water losses (5), was 5.5");
    assertThatThrownBy(() -> new WaterBalance(dec("100"), dec("90"), dec("-1"), dec("0")))
        .hasMessage("unbilledAuthorisedConsumptionM3: must not be negative, was -1");
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }
}
