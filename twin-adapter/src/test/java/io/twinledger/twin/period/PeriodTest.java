package io.twinledger.twin.period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.twin.reading.QualityFlag;
import io.twinledger.twin.reading.Reading;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PeriodTest {

  private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
  private static final String DIGEST_A = "a".repeat(64);
  private static final String DIGEST_B = "b".repeat(64);

  @Test
  void daysAreCutAtLocalMidnightAndLast23HoursWhenClocksGoForward() {
    PeriodWindow day = PeriodKind.DAY.containing(Instant.parse("2026-03-29T12:00:00Z"), AMSTERDAM);
    assertThat(day.start()).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
    assertThat(day.end()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    assertThat(day.length()).isEqualTo(Duration.ofHours(23));
    assertThat(day.label()).isEqualTo("2026-03-29");

    PeriodWindow autumn =
        PeriodKind.DAY.containing(Instant.parse("2026-10-25T12:00:00Z"), AMSTERDAM);
    assertThat(autumn.length()).isEqualTo(Duration.ofHours(25));
  }

  @Test
  void aReadingJustBeforeLocalMidnightBelongsToTheLocalDay() {
    PeriodWindow day = PeriodKind.DAY.containing(Instant.parse("2026-01-31T22:59:59Z"), AMSTERDAM);
    assertThat(day.label()).isEqualTo("2026-01-31");
    PeriodWindow next = PeriodKind.DAY.containing(Instant.parse("2026-01-31T23:00:00Z"), AMSTERDAM);
    assertThat(next.label()).isEqualTo("2026-02-01");
  }

  @Test
  void monthsAndQuartersFollowTheLocalCalendar() {
    Instant newYearsEveUtc = Instant.parse("2026-12-31T23:30:00Z");
    assertThat(PeriodKind.MONTH.containing(newYearsEveUtc, AMSTERDAM).label()).isEqualTo("2027-01");
    assertThat(PeriodKind.QUARTER.containing(newYearsEveUtc, AMSTERDAM).label())
        .isEqualTo("2027-Q1");
    PeriodWindow q3 =
        PeriodKind.QUARTER.containing(Instant.parse("2026-08-15T00:00:00Z"), AMSTERDAM);
    assertThat(q3.label()).isEqualTo("2026-Q3");
    assertThat(q3.start()).isEqualTo(Instant.parse("2026-06-30T22:00:00Z"));
    assertThat(q3.end()).isEqualTo(Instant.parse("2026-09-30T22:00:00Z"));
  }

  @Test
  void aggregationsAreExact() {
    List<BigDecimal> values = List.of(dec("1.1"), dec("2.2"), dec("0.3"));
    assertThat(PeriodAggregation.SUM.apply(values)).contains(dec("3.6"));
    assertThat(PeriodAggregation.MEAN.apply(values)).contains(dec("1.2"));
    assertThat(PeriodAggregation.MIN.apply(values)).contains(dec("0.3"));
    assertThat(PeriodAggregation.MAX.apply(values)).contains(dec("2.2"));
    assertThat(PeriodAggregation.LAST.apply(values)).contains(dec("0.3"));
    assertThat(PeriodAggregation.MEAN.apply(List.of())).isEmpty();
    assertThat(PeriodAggregation.MEAN.apply(List.of(dec("1"), dec("2"), dec("2"))))
        .contains(new BigDecimal("1.666666666666666666666666666666667"));
  }

  @Test
  void closingAnHourReportsValueCoverageQualityAndEvidence() {
    PeriodWindow hour =
        PeriodKind.HOUR.containing(Instant.parse("2026-05-01T10:20:00Z"), ZoneId.of("UTC"));
    // Two sensors, 15-minute interval: 2 x 4 = 8 slots. Sensor A fills 3 (two readings share the
    // first slot), sensor B fills 1: coverage = 4 / 8 = 50 %.
    List<PeriodReading> readings =
        List.of(
            reading("A", "2026-05-01T10:00:00Z", "10", Set.of(), DIGEST_A),
            reading("A", "2026-05-01T10:05:00Z", "12", Set.of(QualityFlag.SPIKE), DIGEST_A),
            reading("A", "2026-05-01T10:30:00Z", "11", Set.of(), DIGEST_B),
            reading("A", "2026-05-01T10:45:00Z", "11", Set.of(QualityFlag.LATE), DIGEST_B),
            reading("B", "2026-05-01T10:50:00Z", "6", Set.of(QualityFlag.LATE), DIGEST_B));

    ClosedPeriod closed =
        PeriodCloser.close(
            "dma-1",
            "system-input-volume",
            hour,
            1,
            PeriodAggregation.SUM,
            "MTQ",
            new PeriodCloser.Input(readings, Duration.ofMinutes(15)));

    assertThat(closed.value()).contains(dec("50"));
    assertThat(closed.coveragePercent()).isEqualByComparingTo("50.00");
    assertThat(closed.readingCount()).isEqualTo(5);
    assertThat(closed.qualitySummary())
        .isEqualTo(Map.of(QualityFlag.SPIKE, 1, QualityFlag.LATE, 2));
    assertThat(closed.batchDigests()).containsExactly(DIGEST_A, DIGEST_B);
  }

  @Test
  void anEmptyPeriodClosesWithoutAValue() {
    PeriodWindow day = PeriodKind.DAY.containing(Instant.parse("2026-05-01T10:20:00Z"), AMSTERDAM);
    ClosedPeriod closed =
        PeriodCloser.close(
            "dma-1",
            "ili",
            day,
            2,
            PeriodAggregation.LAST,
            "C62",
            new PeriodCloser.Input(List.of(), Duration.ofHours(1)));
    assertThat(closed.value()).isEmpty();
    assertThat(closed.coveragePercent()).isEqualByComparingTo("0");
    assertThat(closed.revision()).isEqualTo(2);
  }

  @Test
  void readingsOutsideTheWindowOrInAnotherUnitAreRefused() {
    PeriodWindow hour =
        PeriodKind.HOUR.containing(Instant.parse("2026-05-01T10:20:00Z"), ZoneId.of("UTC"));
    assertThatThrownBy(
            () ->
                PeriodCloser.close(
                    "dma-1",
                    "k",
                    hour,
                    1,
                    PeriodAggregation.SUM,
                    "MTQ",
                    new PeriodCloser.Input(
                        List.of(reading("A", "2026-05-01T11:00:00Z", "1", Set.of(), DIGEST_A)),
                        Duration.ofMinutes(15))))
        .hasMessageContaining("outside");
    assertThatThrownBy(
            () ->
                PeriodCloser.close(
                    "dma-1",
                    "k",
                    hour,
                    1,
                    PeriodAggregation.SUM,
                    "MTR",
                    new PeriodCloser.Input(
                        List.of(reading("A", "2026-05-01T10:00:00Z", "1", Set.of(), DIGEST_A)),
                        Duration.ofMinutes(15))))
        .hasMessageContaining("cannot join a period in MTR");
  }

  @Test
  void aSensorIsOneSensorWhicheverSourceDeliveredItsReadings() {
    PeriodWindow hour =
        PeriodKind.HOUR.containing(Instant.parse("2026-05-01T10:20:00Z"), ZoneId.of("UTC"));
    // History from a monthly file, the rest of the hour live over MQTT: 4 of 4 slots.
    ClosedPeriod closed =
        PeriodCloser.close(
            "dma-1",
            "system-input-volume",
            hour,
            1,
            PeriodAggregation.SUM,
            "MTQ",
            new PeriodCloser.Input(
                List.of(
                    reading("bulk:history-2026-04.csv", "A", "2026-05-01T10:00:00Z", "1", DIGEST_A),
                    reading("bulk:history-2026-05.csv", "A", "2026-05-01T10:15:00Z", "1", DIGEST_A),
                    reading("mqtt:riverton", "A", "2026-05-01T10:30:00Z", "1", DIGEST_B),
                    reading("mqtt:riverton", "A", "2026-05-01T10:45:00Z", "1", DIGEST_B)),
                Duration.ofMinutes(15)));

    assertThat(closed.coveragePercent()).isEqualByComparingTo("100");
  }

  @Test
  void aPeriodReadingNamesItsBatchBy64LowerCaseHexDigits() {
    assertThat(reading("A", "2026-05-01T10:00:00Z", "1", Set.of(), "0123456789abcdef".repeat(4)))
        .extracting(PeriodReading::batchDigest)
        .isEqualTo("0123456789abcdef".repeat(4));
    for (String notADigest :
        new String[] {
          "A".repeat(64),
          "a".repeat(63),
          "a".repeat(65),
          "a".repeat(63) + "g",
          "/".repeat(64),
          ":".repeat(64),
          "`".repeat(64),
          ""
        }) {
      assertThatThrownBy(() -> reading("A", "2026-05-01T10:00:00Z", "1", Set.of(), notADigest))
          .as(notADigest)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("batchDigest must be 64 lower-case hex digits");
    }
    assertThatThrownBy(() -> reading("A", "2026-05-01T10:00:00Z", "1", Set.of(), null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static PeriodReading reading(
      String sensor, String at, String value, Set<QualityFlag> flags, String digest) {
    return new PeriodReading(
        new Reading(
            "mqtt:riverton",
            sensor,
            "dma-1",
            "system-input-volume",
            Instant.parse(at),
            dec(value),
            "MTQ",
            dec(value),
            "MTQ"),
        flags,
        digest);
  }

  private static PeriodReading reading(
      String source, String sensor, String at, String value, String digest) {
    return new PeriodReading(
        new Reading(
            source,
            sensor,
            "dma-1",
            "system-input-volume",
            Instant.parse(at),
            dec(value),
            "MTQ",
            dec(value),
            "MTQ"),
        Set.of(),
        digest);
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }
}
