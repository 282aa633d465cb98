package io.twinledger.twin.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.twin.reading.QualityFlag;
import io.twinledger.twin.reading.Reading;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QualityAssessorTest {

  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final QualityPolicy PRESSURE =
      new QualityPolicy(
          Optional.of(BigDecimal.ZERO),
          Optional.of(new BigDecimal("150")),
          Optional.of(new BigDecimal("20")),
          3,
          Duration.ofMinutes(10),
          Duration.ofHours(1),
          Duration.ofMinutes(2),
          QualityPolicy.DEFAULT_EARLIEST_OBSERVATION);

  private final QualityAssessor assessor = new QualityAssessor();

  @Test
  void aPlausibleReadingIsAcceptedWithoutFlags() {
    Assessment first = assess("48", T0, T0.plusSeconds(5));
    Assessment second = assess("49.5", T0.plusSeconds(300), T0.plusSeconds(305));
    assertThat(first.accepted()).isTrue();
    assertThat(first.flags()).isEmpty();
    assertThat(second.flags()).isEmpty();
  }

  @Test
  void physicallyImpossibleValuesAreQuarantinedWithTheRange() {
    Assessment negative = assess("-0.1", T0, T0);
    assertThat(negative.accepted()).isFalse();
    assertThat(negative.flags()).containsExactly(QualityFlag.OUT_OF_RANGE);
    assertThat(negative.quarantineReason())
        .contains("value -0.1 MTR is outside the physical range 0..150");
  }

  @Test
  void observationsFromTheFutureAreQuarantinedButClockSkewIsTolerated() {
    assertThat(assess("48", T0.plusSeconds(119), T0).accepted()).isTrue();
    Assessment future = assess("48", T0.plusSeconds(3600), T0.plusSeconds(200));
    assertThat(future.flags()).containsExactly(QualityFlag.FUTURE_TIMESTAMP);
    assertThat(future.quarantineReason().orElseThrow()).contains("is 3400 s after arrival");
  }

  @Test
  void spikesGapsAndLatenessAreFlaggedButKept() {
    assess("48", T0, T0);
    Assessment spike = assess("70", T0.plusSeconds(60), T0.plusSeconds(60));
    assertThat(spike.flags()).containsExactly(QualityFlag.SPIKE);
    Assessment gap = assess("71", T0.plusSeconds(60 + 601), T0.plusSeconds(60 + 601));
    assertThat(gap.flags()).containsExactly(QualityFlag.GAP);
    Assessment late = assess("71", T0.plusSeconds(2000), T0.plusSeconds(2000 + 3601));
    assertThat(late.accepted()).isTrue();
    assertThat(late.flags()).contains(QualityFlag.LATE);
  }

  @Test
  void aStuckSensorIsFlaggedFromTheRunLengthOn() {
    assertThat(assess("50", T0, T0).flags()).isEmpty();
    assertThat(assess("50.0", T0.plusSeconds(60), T0.plusSeconds(60)).flags()).isEmpty();
    assertThat(assess("50", T0.plusSeconds(120), T0.plusSeconds(120)).flags())
        .containsExactly(QualityFlag.FLATLINE);
    assertThat(assess("50", T0.plusSeconds(180), T0.plusSeconds(180)).flags())
        .containsExactly(QualityFlag.FLATLINE);
    assertThat(assess("51", T0.plusSeconds(240), T0.plusSeconds(240)).flags()).isEmpty();
  }

  @Test
  void aReadingOlderThanTheSensorsLastIsLateAndDoesNotRewindHistory() {
    assess("48", T0.plusSeconds(600), T0.plusSeconds(600));
    Assessment old = assess("10", T0.plusSeconds(300), T0.plusSeconds(610));
    assertThat(old.flags()).containsExactly(QualityFlag.LATE);
    Assessment next = assess("49", T0.plusSeconds(660), T0.plusSeconds(660));
    assertThat(next.flags()).as("compared with 48, not with the late 10").isEmpty();
  }

  @Test
  void quarantinedReadingsDoNotBecomeTheSensorsHistory() {
    assess("48", T0, T0);
    assess("900", T0.plusSeconds(60), T0.plusSeconds(60));
    assertThat(assess("49", T0.plusSeconds(120), T0.plusSeconds(120)).flags()).isEmpty();
  }

  private Assessment assess(String metres, Instant observedAt, Instant receivedAt) {
    Reading reading =
        new Reading(
            "mqtt:riverton",
            "junction-7/pressure",
            "dma-1",
            "pressure",
            observedAt,
            new BigDecimal(metres),
            "MTR",
            new BigDecimal(metres),
            "MTR");
    return assessor.assess(reading, PRESSURE, receivedAt);
  }
}
