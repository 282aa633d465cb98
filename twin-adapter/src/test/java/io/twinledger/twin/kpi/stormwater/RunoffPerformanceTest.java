package io.twinledger.twin.kpi.stormwater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunoffPerformanceTest {

  @Test
  void perEventReductionAndVolumeCaptured() {
    // (100 − 60) / 100 × 100 = 40 %; captured 40 m³
    EventRunoff event = new EventRunoff(dec("100"), dec("60"));
    assertThat(event.volumeCapturedM3()).isEqualTo(dec("40"));
    assertThat(event.reductionPercent()).contains(dec("40"));
  }

  @Test
  void moreRunoffThanBaselineIsNegative() {
    // (50 − 70) / 50 × 100 = −40 %
    EventRunoff event = new EventRunoff(dec("50"), dec("70"));
    assertThat(event.volumeCapturedM3()).isEqualTo(dec("-20"));
    assertThat(event.reductionPercent()).contains(dec("-40"));
  }

  @Test
  void reductionIsUndefinedForAZeroBaseline() {
    EventRunoff event = new EventRunoff(dec("0"), dec("5"));
    assertThat(event.reductionPercent()).isEmpty();
    assertThat(event.volumeCapturedM3()).isEqualTo(dec("-5"));
  }

  @Test
  void volumeWeightedAndMeanOfEventsDiffer() {
    // big storm 1,000 → 800 (20 %), drizzle 10 → 1 (90 %), dry-weather event 0 → 0 (undefined)
    RunoffPerformance performance =
        new RunoffPerformance(
            List.of(
                new EventRunoff(dec("1000"), dec("800")),
                new EventRunoff(dec("10"), dec("1")),
                new EventRunoff(dec("0"), dec("0"))));
    // Σ baseline 1,010, Σ observed 801, captured 209
    assertThat(performance.baselineRunoffM3()).isEqualTo(dec("1010"));
    assertThat(performance.observedRunoffM3()).isEqualTo(dec("801"));
    assertThat(performance.volumeCapturedM3()).isEqualTo(dec("209"));
    // 209 / 1,010 × 100 = 20.693069306930693069…, 34 significant digits
    assertThat(performance.reductionPercent()).contains(dec("20.69306930693069306930693069306931"));
    // (20 + 90) / 2 = 55; the zero-baseline event is left out
    assertThat(performance.meanEventReductionPercent()).contains(dec("55"));
  }

  @Test
  void noEventsMeansUndefinedReductions() {
    RunoffPerformance none = new RunoffPerformance(List.of());
    assertThat(none.volumeCapturedM3()).isEqualTo(dec("0"));
    assertThat(none.reductionPercent()).isEmpty();
    assertThat(none.meanEventReductionPercent()).isEmpty();
  }

  @Test
  void rejectsNegativeRunoff() {
    assertThatThrownBy(() -> new EventRunoff(dec("-1"), dec("0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baselineRunoffM3: must not be negative, was -1");
  }

  @Test
  void designStormCapacity() {
    // 10,000 m² × 30.48 mm / 1,000 = 304.8 m³
    assertThat(new DesignStormCapacity(dec("10000"), dec("30.48")).managedVolumeM3())
        .isEqualTo(dec("304.8"));
    // one acre (4,046.8564224 m²) × 1.2 in (30.48 mm) / 1,000 = 123.348183754752 m³
    assertThat(new DesignStormCapacity(dec("4046.8564224"), dec("30.48")).managedVolumeM3())
        .isEqualTo(dec("123.348183754752"));
    assertThatThrownBy(() -> new DesignStormCapacity(dec("0"), dec("30.48")))
        .hasMessage("imperviousAreaM2: must be greater than zero, was 0");
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }
}
