package io.twinledger.twin.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RatioTest {

  @Test
  void terminatingQuotientsAreExactAndCarryNoTrailingZeros() {
    // 10.0 / 4 = 2.5; 1 / 8 × 100 = 12.5
    assertThat(Ratio.of(new BigDecimal("10.0"), new BigDecimal("4")))
        .contains(new BigDecimal("2.5"));
    assertThat(Ratio.percent(BigDecimal.ONE, new BigDecimal("8"))).contains(new BigDecimal("12.5"));
    // 300 / 3 = 100 keeps scale 0, not 1E+2
    assertThat(Ratio.of(new BigDecimal("300"), new BigDecimal("3")).orElseThrow().toString())
        .isEqualTo("100");
  }

  @Test
  void nonTerminatingQuotientsRoundHalfEvenTo34Digits() {
    // 1/3 = 0.333…, 34 threes; 2/3 = 0.666…7 rounded up in the 34th digit
    assertThat(Ratio.of(BigDecimal.ONE, new BigDecimal("3")))
        .contains(new BigDecimal("0.3333333333333333333333333333333333"));
    assertThat(Ratio.of(new BigDecimal("2"), new BigDecimal("3")))
        .contains(new BigDecimal("0.6666666666666666666666666666666667"));
  }

  @Test
  void divisionByZeroIsUndefinedNotAnError() {
    assertThat(Ratio.of(BigDecimal.ONE, BigDecimal.ZERO)).isEmpty();
    assertThat(Ratio.percent(BigDecimal.ZERO, new BigDecimal("0.00"))).isEmpty();
  }

  @Test
  void checksNameTheParameter() {
    assertThatThrownBy(() -> Require.positive(BigDecimal.ZERO, "lengthKm"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lengthKm: must be greater than zero, was 0");
    assertThatThrownBy(() -> Require.nonNegative(new BigDecimal("-0.5"), "depthMm"))
        .hasMessage("depthMm: must not be negative, was -0.5");
    assertThatThrownBy(() -> Require.percent(new BigDecimal("100.01"), "sharePercent"))
        .hasMessage("sharePercent: must be at most 100, was 100.01");
    assertThatThrownBy(() -> Require.present(null, "events"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("events: is required");
    assertThatThrownBy(() -> Require.nonEmpty(List.of(), "sections"))
        .hasMessage("sections: must not be empty");
    assertThatThrownBy(
            () -> Require.nonNegativeElements(Arrays.asList(BigDecimal.ONE, null), "loadsKn"))
        .hasMessage("loadsKn[1]: is required");
    Instant noon = Instant.parse("2024-05-01T12:00:00Z");
    assertThatThrownBy(() -> Require.ordered(noon, noon.minusSeconds(1), "start", "end"))
        .hasMessage(
            "end: must not be before start (2024-05-01T12:00:00Z), was 2024-05-01T11:59:59Z");
  }

  @Test
  void normalisedDropsTrailingZerosAndExponents() {
    assertThat(Require.normalised(new BigDecimal("1.50")).toString()).isEqualTo("1.5");
    assertThat(Require.normalised(new BigDecimal("1.5E+3")).toString()).isEqualTo("1500");
    assertThat(Require.nonNegativeElements(List.of(new BigDecimal("2.00")), "x"))
        .containsExactly(new BigDecimal("2"));
  }
}
