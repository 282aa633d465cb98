package io.twinledger.twin.kpi.water;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class UarlTest {

  @Test
  void reproducesTheWorkedCheck() {
    // (18 × 100 + 0.8 × 5,000 + 25 × 50) × 50 = (1,800 + 4,000 + 1,250) × 50 = 352,500 L/day
    // 352,500 / 1,000 = 352.5 m³/day; × 365 = 128,662.5 m³/year
    Uarl uarl = Uarl.of(dec("100"), 5_000, dec("50"), dec("50"));
    assertThat(uarl.litresPerDay()).isEqualTo(dec("352500"));
    assertThat(uarl.m3PerDay()).isEqualTo(dec("352.5"));
    assertThat(uarl.m3PerYear()).isEqualTo(dec("128662.5"));
    // a leap year: 352.5 × 366 = 129,015
    assertThat(uarl.m3Over(dec("366"))).isEqualTo(dec("129015"));
    // 5,000 connections is not "more than 5,000"
    assertThat(uarl.warnings()).containsExactly(new UarlWarning.FewConnections(5_000));
    assertThat(uarl.withinFittedRange()).isFalse();
  }

  @Test
  void oneMoreConnectionIsInsideTheFittedRange() {
    // (1,800 + 0.8 × 5,001 + 1,250) × 50 = (1,800 + 4,000.8 + 1,250) × 50 = 352,540
    Uarl uarl = Uarl.of(dec("100"), 5_001, dec("50"), dec("50"));
    assertThat(uarl.litresPerDay()).isEqualTo(dec("352540"));
    assertThat(uarl.warnings()).isEmpty();
    assertThat(uarl.withinFittedRange()).isTrue();
  }

  @Test
  void twentyConnectionsPerKmWarns() {
    // 6,000 / 300 km = 20 per km exactly: warns. (18 × 300 + 0.8 × 6,000) × 25 = 10,200 × 25
    Uarl atLimit = Uarl.of(dec("300"), 6_000, dec("0"), dec("25"));
    assertThat(atLimit.litresPerDay()).isEqualTo(dec("255000"));
    assertThat(atLimit.warnings()).containsExactly(new UarlWarning.LowConnectionDensity(dec("20")));
    // 6,001 / 300 > 20: no warning
    assertThat(Uarl.of(dec("300"), 6_001, dec("0"), dec("25")).warnings()).isEmpty();
  }

  @Test
  void pressureRangeIsInclusiveAt25And100Metres() {
    assertThat(Uarl.of(dec("100"), 6_000, dec("0"), dec("25")).warnings()).isEmpty();
    assertThat(Uarl.of(dec("100"), 6_000, dec("0"), dec("100")).warnings()).isEmpty();
    assertThat(Uarl.of(dec("100"), 6_000, dec("0"), dec("24.9")).warnings())
        .containsExactly(new UarlWarning.PressureOutsideRange(dec("24.9")));
    assertThat(Uarl.of(dec("100"), 6_000, dec("0"), dec("100.1")).warnings())
        .containsExactly(new UarlWarning.PressureOutsideRange(dec("100.1")));
  }

  @Test
  void smallSystemGetsEveryWarningWithItsFigure() {
    // (18 × 30 + 0.8 × 450 + 25 × 4.5) × 110 = (540 + 360 + 112.5) × 110 = 111,375 L/day
    // 450 / 30 = 15 connections per km
    Uarl uarl = Uarl.of(dec("30"), 450, dec("4.5"), dec("110"));
    assertThat(uarl.litresPerDay()).isEqualTo(dec("111375"));
    assertThat(uarl.warnings())
        .extracting(UarlWarning::message)
        .containsExactly(
            "UARL fitted for more than 5000 service connections; system has 450",
            "UARL fitted for more than 20 connections per km of mains; system has 15",
            "UARL fitted for 25–100 m average pressure; system has 110 m");
  }

  @Test
  void infrastructureLeakageIndexComparesTheSamePeriod() {
    // CARL 257,325 m³ a year / UARL 128,662.5 m³ a year = 2
    Uarl uarl = Uarl.of(dec("100"), 5_000, dec("50"), dec("50"));
    assertThat(uarl.infrastructureLeakageIndex(dec("257325"), dec("365"))).contains(dec("2"));
    // 30 days: UARL 352.5 × 30 = 10,575 m³; CARL 15,862.5 / 10,575 = 1.5
    assertThat(uarl.infrastructureLeakageIndex(dec("15862.5"), dec("30"))).contains(dec("1.5"));
  }

  @Test
  void infrastructureLeakageIndexFromMinimumNightFlow() {
    // CARL = (12.5 − 2.5) × 22 × 30 = 6,600 m³; 6,600 / 10,575 =
    // 0.62411347517730496453900709219858156…
    MinimumNightFlow mnf = new MinimumNightFlow(dec("12.5"), dec("2.5"), dec("22"));
    Uarl uarl = Uarl.of(dec("100"), 5_000, dec("50"), dec("50"));
    assertThat(uarl.infrastructureLeakageIndex(mnf.realLossesM3(dec("30")), dec("30")))
        .contains(dec("0.6241134751773049645390070921985816"));
  }

  @Test
  void infrastructureLeakageIndexIsUndefinedWhenUarlIsZero() {
    assertThat(new Uarl(dec("0"), List.of()).infrastructureLeakageIndex(dec("10"), dec("30")))
        .isEmpty();
  }

  @Test
  void rejectsInvalidSystems() {
    assertThatThrownBy(() -> Uarl.of(dec("0"), 6_000, dec("0"), dec("50")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("mainsLengthKm: must be greater than zero, was 0");
    assertThatThrownBy(() -> Uarl.of(dec("10"), -1, dec("0"), dec("50")))
        .hasMessage("serviceConnections: must not be negative, was -1");
    assertThatThrownBy(() -> Uarl.of(dec("10"), 1, dec("-0.1"), dec("50")))
        .hasMessage("privatePipeLengthKm: must not be negative, was -0.1");
    assertThatThrownBy(() -> Uarl.of(dec("10"), 1, dec("0"), dec("0")))
        .hasMessage("averagePressureM: must be greater than zero, was 0");
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }
}
