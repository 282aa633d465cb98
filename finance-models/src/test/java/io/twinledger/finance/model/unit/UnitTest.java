package io.twinledger.finance.model.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class UnitTest {

  @Test
  void tariffTimesVolumeIsMoney() {
    Unit tariff = Unit.parse("EUR/MTQ");

    assertThat(tariff.times(Unit.parse("MTQ"))).isEqualTo(Unit.parse("EUR"));
    assertThat(tariff.toString()).isEqualTo("EUR/m^3");
  }

  @Test
  void percentIsDimensionlessWithFactorOneHundredth() {
    Unit percent = Unit.parse("P1");

    assertThat(percent.dimensionless()).isTrue();
    assertThat(percent.factor()).isEqualByComparingTo("0.01");
    // P1 * MTQ is a volume: 12.5 % of 1000 m³ = 0.125 * 1000 = 125 m³, so the factor is 0.01
    Unit share = percent.times(Unit.parse("MTQ"));
    assertThat(share.sameDimension(Unit.parse("MTQ"))).isTrue();
    assertThat(share.factor()).isEqualByComparingTo("0.01");
    assertThat(share).hasToString("0.01·m^3");
  }

  @Test
  void countIsThePureNumber() {
    assertThat(Unit.parse("C62")).isEqualTo(Unit.ONE);
    assertThat(Unit.parse("EUR/C62").times(Unit.parse("C62"))).isEqualTo(Unit.parse("EUR"));
  }

  @Test
  void flowTimesDaysIsAVolumeScaledByTwentyFour() {
    // 1 m³/h over 1 day = 24 m³
    Unit volume = Unit.parse("MQH").times(Unit.parse("DAY"));

    assertThat(volume.sameDimension(Unit.parse("MTQ"))).isTrue();
    assertThat(volume.factor()).isEqualByComparingTo("24");
  }

  @Test
  void scaledCodesConvertExactly() {
    // 1 mm = 0.001 m; 1 km = 1000 m; 1 L = 0.001 m³; 1 m³/s = 3600 m³/h; 1 ‰ = 0.001
    assertThat(Unit.parse("MMT").factor()).isEqualByComparingTo("0.001");
    assertThat(Unit.parse("KMT").factor()).isEqualByComparingTo("1000");
    assertThat(Unit.parse("LTR").factor()).isEqualByComparingTo("0.001");
    assertThat(Unit.parse("MQS").factor()).isEqualByComparingTo("3600");
    assertThat(Unit.parse("NX").factor()).isEqualByComparingTo("0.001");
    // 1 kN = 1000 kg·m/s² = 1000 · 3600² kg·m/h² = 12 960 000 000 kg·m/h²
    assertThat(Unit.parse("B47").factor()).isEqualByComparingTo(new BigDecimal("12960000000"));
    assertThat(Unit.parse("B47").divide(Unit.parse("NEW")))
        .isEqualTo(new Unit(new TreeMap<>(), new BigDecimal("1000")));
  }

  @Test
  void powersAndKnownCodesRender() {
    assertThat(Unit.parse("MTR^3")).isEqualTo(Unit.parse("MTQ")).hasToString("MTQ");
    assertThat(Unit.parse("MTQ/HUR")).hasToString("MQH");
    assertThat(Unit.parse("EUR/MTQ").times(Unit.parse("MTQ/DAY")))
        .hasToString("0.04166666666666666666666666666666667·EUR/h");
  }

  @Test
  void currenciesAreSeparateDimensions() {
    assertThat(Unit.parse("EUR").sameDimension(Unit.parse("USD"))).isFalse();
  }

  @Test
  void unknownCodesAndBadPowersAreNamed() {
    assertThatThrownBy(() -> Unit.parse("EUR/M3"))
        .hasMessageStartingWith(
            "'M3' in 'EUR/M3' is neither a supported UN/CEFACT unit code (1 C62 P1 NX MTR");
    assertThatThrownBy(() -> Unit.parse("MTR^x"))
        .hasMessage("'MTR^x' in 'MTR^x' needs a whole power after ^");
    assertThatThrownBy(() -> Unit.parse("EUR//MTQ")).hasMessage("'EUR//MTQ' has an empty part");
    assertThatThrownBy(() -> Unit.parse(" "))
        .hasMessage("a unit must not be empty; write 1 for a pure number");
  }
}
