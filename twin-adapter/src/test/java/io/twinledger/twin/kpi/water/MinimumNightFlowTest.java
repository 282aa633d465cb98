package io.twinledger.twin.kpi.water;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MinimumNightFlowTest {

  @Test
  void dailyRealLossesUseTheNightDayFactor() {
    // leakage 12.5 − 2.5 = 10 m³/h; × 22 h/day = 220 m³/day; × 30 days = 6,600 m³
    MinimumNightFlow mnf = new MinimumNightFlow(dec("12.5"), dec("2.5"), dec("22"));
    assertThat(mnf.nightLeakageFlowM3PerH()).isEqualTo(dec("10"));
    assertThat(mnf.dailyRealLossesM3()).isEqualTo(dec("220"));
    assertThat(mnf.realLossesM3(dec("30"))).isEqualTo(dec("6600"));
    // half a day: 220 × 0.5 = 110
    assertThat(mnf.realLossesM3(dec("0.5"))).isEqualTo(dec("110"));
  }

  @Test
  void factorAbove24HoursIsAllowedForPressureManagedZones() {
    // (4.2 − 0.2) × 26.5 = 106
    assertThat(new MinimumNightFlow(dec("4.2"), dec("0.2"), dec("26.5")).dailyRealLossesM3())
        .isEqualTo(dec("106"));
  }

  @Test
  void rejectsImpossibleInputs() {
    assertThatThrownBy(() -> new MinimumNightFlow(dec("2"), dec("2.1"), dec("24")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "legitimateNightUseM3PerH: must not exceed minimumNightFlowM3PerH (2), was 2.1");
    assertThatThrownBy(() -> new MinimumNightFlow(dec("2"), dec("1"), dec("0")))
        .hasMessage("nightDayFactorH: must be greater than zero, was 0");
    MinimumNightFlow mnf = new MinimumNightFlow(dec("2"), dec("1"), dec("24"));
    assertThatThrownBy(() -> mnf.realLossesM3(dec("0")))
        .hasMessage("days: must be greater than zero, was 0");
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }
}
