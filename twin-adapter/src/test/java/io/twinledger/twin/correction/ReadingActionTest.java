package io.twinledger.twin.correction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.twin.reading.Reading;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a reading counts under its latest correction: the rule of closes and of the verifier. */
class ReadingActionTest {

  private static final Reading TYPO =
      new Reading(
          "bulk:test",
          "inlet",
          "dma-1",
          "siv",
          Instant.parse("2026-11-01T13:00:00Z"),
          new BigDecimal("4120"),
          "MTQ",
          new BigDecimal("4120000"),
          "LTR");

  @Test
  void aSupersededReadingCountsWithTheCorrectedValueAndKeepsWhatTheSourceSent() {
    Reading counted =
        ReadingAction.SUPERSEDE.applied(TYPO, Optional.of(new BigDecimal("412.0"))).orElseThrow();

    assertThat(counted.value()).isEqualTo(new BigDecimal("412"));
    assertThat(counted.key()).isEqualTo(TYPO.key());
    assertThat(counted.unit()).isEqualTo("MTQ");
    assertThat(counted.originalValue()).isEqualTo(new BigDecimal("4120000"));
    assertThat(counted.originalUnit()).isEqualTo("LTR");
  }

  @Test
  void voidedAndHeldReadingsAreLeftOutReleasedAndResubmittedOnesCountAsTheyArrived() {
    assertThat(ReadingAction.VOID.applied(TYPO, Optional.empty())).isEmpty();
    assertThat(ReadingAction.HOLD.applied(TYPO, Optional.empty())).isEmpty();
    assertThat(ReadingAction.RELEASE.applied(TYPO, Optional.empty())).contains(TYPO);
    assertThat(ReadingAction.RESUBMIT.applied(TYPO, Optional.empty())).contains(TYPO);
  }

  @Test
  void aSupersessionWithoutAValueIsRefused() {
    assertThatThrownBy(() -> ReadingAction.SUPERSEDE.applied(TYPO, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no value");
  }
}
