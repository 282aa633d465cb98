package io.twinledger.market.simulation.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class LoadShapeTest {

  private final LoadShape shape = LoadShape.h0Style();

  @Test
  void seasonsFollowH0sDatesBoundsInclusive() {
    assertThat(Season.of(LocalDate.of(2025, 3, 20))).isEqualTo(Season.WINTER);
    assertThat(Season.of(LocalDate.of(2025, 3, 21))).isEqualTo(Season.TRANSITION);
    assertThat(Season.of(LocalDate.of(2025, 5, 14))).isEqualTo(Season.TRANSITION);
    assertThat(Season.of(LocalDate.of(2025, 5, 15))).isEqualTo(Season.SUMMER);
    assertThat(Season.of(LocalDate.of(2025, 9, 14))).isEqualTo(Season.SUMMER);
    assertThat(Season.of(LocalDate.of(2025, 9, 15))).isEqualTo(Season.TRANSITION);
    assertThat(Season.of(LocalDate.of(2025, 10, 31))).isEqualTo(Season.TRANSITION);
    assertThat(Season.of(LocalDate.of(2025, 11, 1))).isEqualTo(Season.WINTER);
  }

  @Test
  void holidaysAreSundays() {
    assertThat(DayType.of(LocalDate.of(2025, 6, 4))).isEqualTo(DayType.WEEKDAY);
    assertThat(DayType.of(LocalDate.of(2025, 6, 7))).isEqualTo(DayType.SATURDAY);
    assertThat(DayType.of(LocalDate.of(2025, 6, 8))).isEqualTo(DayType.SUNDAY);
    assertThat(DayType.of(LocalDate.of(2025, 8, 15)))
        .as("Liberation Day, a Friday")
        .isEqualTo(DayType.SUNDAY);
    assertThat(DayType.of(LocalDate.of(2025, 10, 9))).as("Hangul Day").isEqualTo(DayType.SUNDAY);
  }

  @Test
  void theShapePeaksInTheEveningOnWeekdays() {
    for (Season season : Season.values()) {
      double night = shape.watts(season, DayType.WEEKDAY, 4 * 4);
      double evening = shape.watts(season, DayType.WEEKDAY, 19 * 4);
      assertThat(evening).as(season.name()).isGreaterThan(2 * night);
    }
    assertThat(shape.watts(Season.WINTER, DayType.WEEKDAY, 19 * 4))
        .isGreaterThan(shape.watts(Season.SUMMER, DayType.WEEKDAY, 19 * 4));
  }

  @Test
  void dynamisationIsH0sPolynomial() {
    assertThat(LoadShape.dynamisation(1)).isCloseTo(1.24203, within(1e-5));
    assertThat(LoadShape.dynamisation(200)).isCloseTo(0.7848, within(1e-4));
    assertThat(shape.at(LocalDateTime.of(2025, 1, 1, 19, 0)))
        .isCloseTo(
            shape.watts(Season.WINTER, DayType.SUNDAY, 76) * LoadShape.dynamisation(1),
            within(1e-9));
  }

  @Test
  void aMalformedShapeIsRefusedNamingTheLineOrTheMissingRow() {
    String row = String.join(",", Collections.nCopies(96, "100"));
    assertThatThrownBy(() -> LoadShape.parse(reader("# c\nWINTER,WEEKDAY,1,2\n")))
        .hasMessage("load shape line 2: expected 98 cells, found 4");
    assertThatThrownBy(
            () -> LoadShape.parse(reader("WINTER,WEEKDAY," + row.replaceFirst("100", "0"))))
        .hasMessage("load shape line 1: quarter-hour 1 must be positive");
    assertThatThrownBy(() -> LoadShape.parse(reader("WINTER,WEEKDAY," + row)))
        .hasMessage("load shape has no row for WINTER SATURDAY");
  }

  private static BufferedReader reader(String text) {
    return new BufferedReader(new StringReader(text));
  }
}
