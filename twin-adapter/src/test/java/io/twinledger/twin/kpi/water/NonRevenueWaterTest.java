package io.twinledger.twin.kpi.water;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class NonRevenueWaterTest {

  @Test
  void systemInputVolumeIsTheExactSumOfInflows() {
    // 1,000 + 500.5 + 249.5 = 1,750
    assertThat(NonRevenueWater.sumOfInflowsM3(List.of(dec("1000"), dec("500.5"), dec("249.5"))))
        .isEqualTo(dec("1750"));
    assertThat(NonRevenueWater.sumOfInflowsM3(List.of())).isEqualTo(dec("0"));
    assertThatThrownBy(() -> NonRevenueWater.sumOfInflowsM3(List.of(dec("1"), dec("-1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("inflowVolumesM3[1]: must not be negative, was -1");
  }

  @Test
  void volumeAndPercentOfSystemInput() {
    // NRW = 1,750 − 1,400 = 350 m³; 350 / 1,750 × 100 = 20 %
    NonRevenueWater nrw = new NonRevenueWater(dec("1750"), dec("1400"));
    assertThat(nrw.volumeM3()).isEqualTo(dec("350"));
    assertThat(nrw.percentOfSystemInput()).contains(dec("20"));
  }

  @Test
  void percentIsRoundedTo34SignificantDigits() {
    // (3 − 2) / 3 × 100 = 33.333…, 34 significant digits
    assertThat(new NonRevenueWater(dec("3"), dec("2")).percentOfSystemInput())
        .contains(dec("33.33333333333333333333333333333333"));
  }

  @Test
  void percentIsUndefinedWithoutSystemInput() {
    NonRevenueWater idle = new NonRevenueWater(dec("0"), dec("0"));
    assertThat(idle.volumeM3()).isEqualTo(dec("0"));
    assertThat(idle.percentOfSystemInput()).isEmpty();
  }

  @Test
  void billedConsumptionCannotExceedSystemInput() {
    assertThatThrownBy(() -> new NonRevenueWater(dec("100"), dec("100.5")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "billedAuthorisedConsumptionM3: must not exceed systemInputVolumeM3 (100), was 100.5");
    assertThatThrownBy(() -> new NonRevenueWater(null, dec("1")))
        .hasMessage("systemInputVolumeM3: is required");
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }
}
