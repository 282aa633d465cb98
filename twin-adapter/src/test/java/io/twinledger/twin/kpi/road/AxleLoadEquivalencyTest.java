package io.twinledger.twin.kpi.road;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class AxleLoadEquivalencyTest {

  private static final AxleLoadEquivalency FOURTH = AxleLoadEquivalency.FOURTH_POWER_LAW;

  @Test
  void doublingTheLoadGivesSixteenTimesTheDamage() {
    // (80 / 80)^4 = 1; (160 / 80)^4 = 2^4 = 16
    assertThat(FOURTH.esal(List.of(dec("80")))).isEqualTo(dec("1"));
    assertThat(FOURTH.esal(List.of(dec("160")))).isEqualTo(dec("16"));
  }

  @Test
  void sumsOverAxlesExactly() {
    // (100^4 + 60^4 + 80^4) / 80^4 = (100,000,000 + 12,960,000 + 40,960,000) / 40,960,000
    //   = 153,920,000 / 40,960,000 = 3.7578125
    assertThat(FOURTH.esal(List.of(dec("100"), dec("60"), dec("80")))).isEqualTo(dec("3.7578125"));
    assertThat(FOURTH.esal(List.of())).isEqualTo(dec("0"));
    // n = 2: (120 / 80)^2 = 1.5^2 = 2.25; an exponent written 2.0 is the integer 2
    assertThat(new AxleLoadEquivalency(dec("80"), dec("2.0")).esal(List.of(dec("120"))))
        .isEqualTo(dec("2.25"));
  }

  @Test
  void nonTerminatingQuotientRoundsOnceTo34Digits() {
    // (30 / 90)^4 = 1/81 = 0.0123456790…
    assertThat(new AxleLoadEquivalency(dec("90"), dec("4")).esal(List.of(dec("30"))))
        .isEqualTo(dec("0.01234567901234567901234567901234568"));
  }

  @Test
  void nonIntegerExponentKeepsTwelveSignificantDigits() {
    AxleLoadEquivalency threeAndAHalf = new AxleLoadEquivalency(dec("80"), dec("3.5"));
    // 2^3.5 = 8√2 = 11.3137084989|8476… → 11.3137084990, printed without the trailing zero
    assertThat(threeAndAHalf.esal(List.of(dec("160")))).isEqualTo(dec("11.313708499"));
    // factors are summed exactly: 11.313708499 + 1^3.5 = 12.313708499
    assertThat(threeAndAHalf.esal(List.of(dec("160"), dec("80")))).isEqualTo(dec("12.313708499"));
    // (100 / 80)^4.2 = 1.25^4.2 = e^(4.2 ln 1.25) = 2.55283093894|35… → 2.55283093894
    assertThat(new AxleLoadEquivalency(dec("80"), dec("4.2")).esal(List.of(dec("100"))))
        .isEqualTo(dec("2.55283093894"));
  }

  @Test
  void rejectsBadParametersAndLoads() {
    assertThatThrownBy(() -> new AxleLoadEquivalency(dec("80"), dec("0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("exponent: must be greater than zero, was 0");
    assertThatThrownBy(() -> new AxleLoadEquivalency(dec("80"), dec("20.5")))
        .hasMessage("exponent: must be at most 20, was 20.5");
    assertThatThrownBy(() -> new AxleLoadEquivalency(dec("0"), dec("4")))
        .hasMessage("standardAxleLoadKn: must be greater than zero, was 0");
    assertThatThrownBy(() -> FOURTH.esal(List.of(dec("80"), dec("-1"))))
        .hasMessage("axleLoadsKn[1]: must not be negative, was -1");
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }
}
