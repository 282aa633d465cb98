package io.twinledger.twin.kpi.road;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PciBandTest {

  @ParameterizedTest
  @CsvSource({
    "100, GOOD",
    "86, GOOD",
    "85.9, SATISFACTORY",
    "85, SATISFACTORY",
    "71, SATISFACTORY",
    "70, FAIR",
    "56, FAIR",
    "55, POOR",
    "41, POOR",
    "40, VERY_POOR",
    "26, VERY_POOR",
    "25, SERIOUS",
    "11, SERIOUS",
    "10.5, FAILED",
    "10, FAILED",
    "0, FAILED"
  })
  void bandsFollowAstmD6433(String pci, PciBand band) {
    assertThat(PciBand.from(new BigDecimal(pci))).isEqualTo(band);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-0.1", "100.1"})
  void rejectsPciOutsideTheScale(String pci) {
    assertThatThrownBy(() -> PciBand.from(new BigDecimal(pci)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("pci: must");
  }
}
