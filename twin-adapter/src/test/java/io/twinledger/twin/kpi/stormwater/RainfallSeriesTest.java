package io.twinledger.twin.kpi.stormwater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RainfallSeriesTest {

  private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
  private static final Duration SIX_HOURS = Duration.ofHours(6);

  /**
   * Hourly logging: rain 00–02 h, a logged dry 02–07 h, rain 07–08 h, 14–15 h and 21–22 h. Dry
   * spells between rain: 5 h (02→07), 6 h (08→14), 6 h (15→21).
   */
  private static final RainfallSeries DAY =
      new RainfallSeries(
          List.of(
              increment(0, 1, "2.0"),
              increment(1, 2, "3.0"),
              increment(2, 7, "0"),
              increment(7, 8, "1.0"),
              increment(14, 15, "0.2"),
              increment(21, 22, "4.0")));

  @Test
  void depthIsTheSumOfIncrements() {
    // 2.0 + 3.0 + 0 + 1.0 + 0.2 + 4.0 = 10.2
    assertThat(DAY.depthMm()).isEqualTo(dec("10.2"));
    assertThat(new RainfallSeries(List.of()).depthMm()).isEqualTo(dec("0"));
  }

  @Test
  void depthOverAPeriodTakesTheIncrementsInside() {
    // [00, 08): 2 + 3 + 0 + 1 = 6
    assertThat(DAY.within(at(0), at(8)).depthMm()).isEqualTo(dec("6"));
    // [01, 14): 3 + 0 + 1 = 4; the 14–15 h increment starts at the period end
    assertThat(DAY.within(at(1), at(14)).depthMm()).isEqualTo(dec("4"));
  }

  @Test
  void incrementStraddlingAPeriodBoundaryIsRejected() {
    assertThatThrownBy(() -> DAY.within(at(0), at(1).plus(Duration.ofMinutes(30))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "increments[1]: [2024-05-01T01:00:00Z, 2024-05-01T02:00:00Z] straddles the period"
                + " [2024-05-01T00:00:00Z, 2024-05-01T01:30:00Z)");
  }

  @Test
  void tipOnABoundaryBelongsToTheLaterPeriod() {
    RainfallSeries tips = new RainfallSeries(List.of(tip(at(1), "0.2")));
    assertThat(tips.within(at(0), at(1)).depthMm()).isEqualTo(dec("0"));
    assertThat(tips.within(at(1), at(2)).depthMm()).isEqualTo(dec("0.2"));
  }

  @Test
  void dryGapOfAtLeastTheInterEventTimeSplitsEvents() {
    // 5 h gap < 6 h: 00–08 h is one storm of 2 + 3 + 1 = 6 mm; the 6 h gaps split
    assertThat(DAY.stormEvents(SIX_HOURS, dec("0")))
        .containsExactly(
            new StormEvent(at(0), at(8), dec("6")),
            new StormEvent(at(14), at(15), dec("0.2")),
            new StormEvent(at(21), at(22), dec("4")));
  }

  @Test
  void longerInterEventTimeMergesAndShorterSplits() {
    // 7 h: no gap is long enough, one storm of 10.2 mm
    assertThat(DAY.stormEvents(Duration.ofHours(7), dec("0")))
        .containsExactly(new StormEvent(at(0), at(22), dec("10.2")));
    // 5 h: the 02→07 gap now splits 00–02 h (5 mm) from 07–08 h (1 mm)
    assertThat(DAY.stormEvents(Duration.ofHours(5), dec("0")))
        .containsExactly(
            new StormEvent(at(0), at(2), dec("5")),
            new StormEvent(at(7), at(8), dec("1")),
            new StormEvent(at(14), at(15), dec("0.2")),
            new StormEvent(at(21), at(22), dec("4")));
  }

  @Test
  void minimumDepthIsInclusiveAndDroppedEventsStillSeparate() {
    assertThat(DAY.stormEvents(SIX_HOURS, dec("0.2"))).hasSize(3);
    // the 0.2 mm storm is dropped, but the storms either side stay apart
    assertThat(DAY.stormEvents(SIX_HOURS, dec("0.25")))
        .containsExactly(
            new StormEvent(at(0), at(8), dec("6")), new StormEvent(at(21), at(22), dec("4")));
  }

  @Test
  void tippingBucketTipsFormEvents() {
    // tips at 10:00 and 10:05 are one storm (0.4 mm); 16:05 is 6 h after the last tip
    Instant ten = at(10);
    RainfallSeries tips =
        new RainfallSeries(
            List.of(
                tip(ten, "0.2"),
                tip(ten.plus(Duration.ofMinutes(5)), "0.2"),
                tip(ten.plus(Duration.ofMinutes(365)), "0.2")));
    assertThat(tips.stormEvents(SIX_HOURS, dec("0")))
        .containsExactly(
            new StormEvent(ten, ten.plus(Duration.ofMinutes(5)), dec("0.4")),
            new StormEvent(
                ten.plus(Duration.ofMinutes(365)), ten.plus(Duration.ofMinutes(365)), dec("0.2")));
  }

  @Test
  void rejectsOverlapsAndBadParameters() {
    assertThatThrownBy(
            () -> new RainfallSeries(List.of(increment(0, 2, "1"), increment(1, 3, "1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "increments[1]: must start at or after the end of increments[0]"
                + " (2024-05-01T02:00:00Z), starts 2024-05-01T01:00:00Z");
    assertThatThrownBy(() -> DAY.stormEvents(Duration.ZERO, dec("0")))
        .hasMessage("minimumInterEventTime: must be a positive duration, was PT0S");
    assertThatThrownBy(() -> DAY.stormEvents(SIX_HOURS, dec("-1")))
        .hasMessage("minimumDepthMm: must not be negative, was -1");
    assertThatThrownBy(() -> increment(2, 1, "1"))
        .hasMessage(
            "end: must not be before start (2024-05-01T02:00:00Z), was 2024-05-01T01:00:00Z");
  }

  private static RainfallIncrement increment(int fromHour, int toHour, String depthMm) {
    return new RainfallIncrement(at(fromHour), at(toHour), dec(depthMm));
  }

  private static RainfallIncrement tip(Instant instant, String depthMm) {
    return new RainfallIncrement(instant, instant, dec(depthMm));
  }

  private static Instant at(int hour) {
    return T0.plus(Duration.ofHours(hour));
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }
}
