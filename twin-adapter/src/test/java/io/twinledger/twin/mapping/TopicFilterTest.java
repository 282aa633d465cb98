package io.twinledger.twin.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The matching examples of the MQTT specification, section 4.7, and a few more. */
class TopicFilterTest {

  @ParameterizedTest
  @CsvSource({
    "sport/tennis/player1/#, sport/tennis/player1, true",
    "sport/tennis/player1/#, sport/tennis/player1/ranking, true",
    "sport/tennis/player1/#, sport/tennis/player1/score/wimbledon, true",
    "sport/tennis/player1/#, sport/tennis/player2, false",
    "sport/#, sport, true",
    "#, sport/tennis, true",
    "sport/tennis/+, sport/tennis/player1, true",
    "sport/tennis/+, sport/tennis/player1/tournament, false",
    "sport/+, sport, false",
    "sport/+, sport/, true",
    "+/+, /finance, true",
    "/+, /finance, true",
    "+, /finance, false",
    "#, $SYS/broker/load, false",
    "+/monitor/Clients, $SYS/monitor/Clients, false",
    "$SYS/#, $SYS/broker/load, true",
    "$SYS/monitor/+, $SYS/monitor/Clients, true",
    "riverton/rain/+/depth, riverton/rain/gauge-1/depth, true",
    "riverton/rain/+/depth, riverton/rain/gauge-1/intensity, false",
    "riverton/rain/+/depth, Riverton/rain/gauge-1/depth, false",
    "a//b, a//b, true",
    "a/+/b, a//b, true",
    "a/b, a/b/, false",
  })
  void matchesAsTheMqttSpecificationSays(String filter, String topic, boolean matches) {
    assertThat(new TopicFilter(filter).matches(topic)).isEqualTo(matches);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a/+", "a/#", "+", "#"})
  void topicNamesWithWildcardsOrEmptyMatchNothing(String topic) {
    assertThat(new TopicFilter("#").matches(topic)).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "sport/tennis#|'#' must be a whole level and the last one, was 'sport/tennis#'",
        "sport/tennis/#/ranking|'#' must be a whole level and the last one, was"
            + " 'sport/tennis/#/ranking'",
        "sport+|'+' must be a whole level, was 'sport+'",
        "a/+b/c|'+' must be a whole level, was 'a/+b/c'",
      })
  void rejectsMalformedFilters(String filter, String reason) {
    assertThatThrownBy(() -> new TopicFilter(filter))
        .isInstanceOf(InvalidMappingException.class)
        .hasMessage(reason);
  }

  @Test
  void rejectsTheNullCharacterAndOverlongFilters() {
    assertThatThrownBy(() -> new TopicFilter("a\u0000b"))
        .hasMessage("must not contain the null character");
    assertThatThrownBy(() -> new TopicFilter("a".repeat(65_536)))
        .hasMessage("is longer than 65535 bytes");
  }
}
