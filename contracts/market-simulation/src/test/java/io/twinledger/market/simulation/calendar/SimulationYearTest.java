package io.twinledger.market.simulation.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SimulationYearTest {

  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  @Test
  void aSeoulYearStartsAtLocalMidnightAndHasAQuarterHourPerSlot() {
    SimulationYear year = new SimulationYear(2025, SEOUL);
    assertThat(year.start()).isEqualTo(Instant.parse("2024-12-31T15:00:00Z"));
    assertThat(year.end()).isEqualTo(Instant.parse("2025-12-31T15:00:00Z"));
    assertThat(year.slots()).isEqualTo(35_040);
    assertThat(new SimulationYear(2024, SEOUL).slots()).isEqualTo(35_136);
    assertThat(year.localStart(0)).isEqualTo(LocalDateTime.of(2025, 1, 1, 0, 0));
    assertThat(year.localStart(35_039)).isEqualTo(LocalDateTime.of(2025, 12, 31, 23, 45));
    assertThat(year.localStarts()[4 * 24 + 5]).isEqualTo(LocalDateTime.of(2025, 1, 2, 1, 15));
  }

  @Test
  void slotOfFindsTheSlotContainingAnInstantAndRefusesOthers() {
    SimulationYear year = new SimulationYear(2025, SEOUL);
    assertThat(year.slotOf(year.slotStart(1234))).isEqualTo(1234);
    assertThat(year.slotOf(year.slotStart(1234).plusSeconds(899))).isEqualTo(1234);
    assertThatThrownBy(() -> year.slotOf(year.end()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside the year 2025");
    assertThatThrownBy(() -> new SimulationYear(1066, SEOUL))
        .hasMessageContaining("year must be within 1900..9999, was 1066");
  }
}
