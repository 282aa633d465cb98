package io.twinledger.twin.kpi.stormwater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsoPresumptionTest {

  private static final CsoPresumption EPA = CsoPresumption.EPA;

  @Test
  void eventLimitIsAnInclusiveAveragePerYear() {
    assertThat(EPA.meetsEventLimit(4, dec("1"))).isTrue();
    assertThat(EPA.meetsEventLimit(5, dec("1"))).isFalse();
    // 8 events in 2 years averages 4; 9 averages 4.5
    assertThat(EPA.meetsEventLimit(8, dec("2"))).isTrue();
    assertThat(EPA.meetsEventLimit(9, dec("2"))).isFalse();
    assertThat(new CsoPresumption(dec("6"), dec("85")).meetsEventLimit(6, dec("1"))).isTrue();
  }

  @Test
  void captureIsTheShareOfCombinedSewageNotOverflowed() {
    // (1,000 − 150) / 1,000 × 100 = 85 %: on the limit, which passes
    assertThat(CsoPresumption.capturePercent(dec("1000"), dec("150"))).contains(dec("85"));
    assertThat(EPA.meetsCapture(dec("1000"), dec("150"))).isTrue();
    // (1,000 − 150.001) / 1,000 × 100 = 84.9999 %
    assertThat(CsoPresumption.capturePercent(dec("1000"), dec("150.001"))).contains(dec("84.9999"));
    assertThat(EPA.meetsCapture(dec("1000"), dec("150.001"))).isFalse();
  }

  @Test
  void captureWithoutCombinedSewageIsUndefinedButPasses() {
    assertThat(CsoPresumption.capturePercent(dec("0"), dec("0"))).isEmpty();
    assertThat(EPA.meetsCapture(dec("0"), dec("0"))).isTrue();
  }

  @Test
  void detectedOverflowsFeedTheChecks() {
    CombinedSewerOverflows year =
        new CombinedSewerOverflows(
            List.of(
                new OverflowEvent(
                    Instant.parse("2024-03-01T00:00:00Z"),
                    Instant.parse("2024-03-01T02:00:00Z"),
                    dec("1200")),
                new OverflowEvent(
                    Instant.parse("2024-07-01T00:00:00Z"),
                    Instant.parse("2024-07-01T01:00:00Z"),
                    dec("300"))));
    assertThat(EPA.meetsEventLimit(year.eventCount(), dec("1"))).isTrue();
    // (12,000 − 1,500) / 12,000 × 100 = 87.5 %
    assertThat(CsoPresumption.capturePercent(dec("12000"), year.volumeM3())).contains(dec("87.5"));
    assertThat(EPA.meetsCapture(dec("12000"), year.volumeM3())).isTrue();
  }

  @Test
  void rejectsInconsistentInputs() {
    assertThatThrownBy(() -> CsoPresumption.capturePercent(dec("100"), dec("101")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("overflowM3: must not exceed combinedSewageM3 (100), was 101");
    assertThatThrownBy(() -> new CsoPresumption(dec("4"), dec("101")))
        .hasMessage("minCapturePercent: must be at most 100, was 101");
    assertThatThrownBy(() -> EPA.meetsEventLimit(-1, dec("1")))
        .hasMessage("events: must not be negative, was -1");
    assertThatThrownBy(() -> EPA.meetsEventLimit(1, dec("0")))
        .hasMessage("years: must be greater than zero, was 0");
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }
}
