package io.twinledger.twin.kpi.stormwater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CombinedSewerOverflowsTest {

  private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

  /** 0.01 m³/s over a 15-minute reading is 0.01 × 900 s = 9 m³. */
  private static final BigDecimal THRESHOLD = dec("0.01");

  private static final List<OverflowReading> READINGS =
      List.of(
          reading(0, "0"),
          reading(15, "9"), // exactly on the threshold: not an overflow
          reading(30, "9.001"),
          reading(45, "20"),
          reading(60, "2"), // below the threshold
          reading(300, "30"), // 4 h after 01:00
          reading(1200, "40")); // 14 h 45 min after 05:15

  @Test
  void countsEventsAndVolumeAboveTheThreshold() {
    // event 1: 00:30–05:15, 9.001 + 20 + 30 = 59.001; event 2: 20:00–20:15, 40
    CombinedSewerOverflows overflows =
        CombinedSewerOverflows.detect(READINGS, THRESHOLD, Duration.ofHours(12));
    assertThat(overflows.events())
        .containsExactly(
            new OverflowEvent(at(30), at(315), dec("59.001")),
            new OverflowEvent(at(1200), at(1215), dec("40")));
    assertThat(overflows.eventCount()).isEqualTo(2);
    // 59.001 + 40 = 99.001
    assertThat(overflows.volumeM3()).isEqualTo(dec("99.001"));
  }

  @Test
  void shorterInterEventTimeSplitsMore() {
    // 1 h: the 4 h gap before 05:00 now separates; 29.001, 30, 40
    CombinedSewerOverflows overflows =
        CombinedSewerOverflows.detect(READINGS, THRESHOLD, Duration.ofHours(1));
    assertThat(overflows.events())
        .extracting(OverflowEvent::volumeM3)
        .containsExactly(dec("29.001"), dec("30"), dec("40"));
    assertThat(overflows.volumeM3()).isEqualTo(dec("99.001"));
  }

  @Test
  void zeroThresholdCountsEveryDischarge() {
    // 9 + 9.001 + 20 + 2 + 30 = 70.001 from 00:15; then 40
    CombinedSewerOverflows overflows =
        CombinedSewerOverflows.detect(READINGS, dec("0"), Duration.ofHours(12));
    assertThat(overflows.events())
        .containsExactly(
            new OverflowEvent(at(15), at(315), dec("70.001")),
            new OverflowEvent(at(1200), at(1215), dec("40")));
    assertThat(overflows.volumeM3()).isEqualTo(dec("110.001"));
  }

  @Test
  void noReadingsNoEvents() {
    CombinedSewerOverflows none =
        CombinedSewerOverflows.detect(List.of(), THRESHOLD, Duration.ofHours(12));
    assertThat(none.eventCount()).isZero();
    assertThat(none.volumeM3()).isEqualTo(dec("0"));
  }

  @Test
  void rejectsOverlapsAndInstantReadings() {
    assertThatThrownBy(
            () ->
                CombinedSewerOverflows.detect(
                    List.of(reading(0, "1"), reading(10, "1")), THRESHOLD, Duration.ofHours(12)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "readings[1]: must start at or after the end of readings[0]"
                + " (2024-05-01T00:15:00Z), starts 2024-05-01T00:10:00Z");
    assertThatThrownBy(() -> new OverflowReading(T0, T0, dec("1")))
        .hasMessage("end: must be after start (2024-05-01T00:00:00Z), was 2024-05-01T00:00:00Z");
    assertThatThrownBy(() -> CombinedSewerOverflows.detect(READINGS, THRESHOLD, Duration.ZERO))
        .hasMessage("minimumInterEventTime: must be a positive duration, was PT0S");
  }

  private static OverflowReading reading(int startMinute, String volumeM3) {
    return new OverflowReading(at(startMinute), at(startMinute + 15), dec(volumeM3));
  }

  private static Instant at(int minute) {
    return T0.plus(Duration.ofMinutes(minute));
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }
}
