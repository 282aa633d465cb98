package io.twinledger.twin.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link InstantText} must agree with the JDK on every input, valid or not. */
class InstantTextTest {

  @Test
  void parsesLikeInstantParse() {
    for (String text :
        List.of(
            "2026-03-01T06:15:00Z",
            "2026-03-01T06:15:00.1Z",
            "2026-03-01T06:15:00.123456789Z",
            "2026-03-01T06:15:00.000000001Z",
            "2024-02-29T23:59:59Z",
            "2000-02-29T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
            "1969-12-31T23:59:59.5Z",
            "2026-03-01T24:00:00Z",
            "2016-12-31T23:59:60Z",
            "2026-03-01T06:15:00.Z",
            "2026-03-01T06:15:00+01:00",
            "+12026-03-01T06:15:00Z",
            "-0001-03-01T06:15:00Z")) {
      assertSameAsJdk(text);
    }
  }

  @Test
  void refusesWhatInstantParseRefuses() {
    for (String text :
        List.of(
            "2023-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2026-04-31T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-00-01T00:00:00Z",
            "2026-03-00T00:00:00Z",
            "2026-03-01T25:00:00Z",
            "2026-03-01T06:60:00Z",
            "2026-03-01T06:15:61Z",
            "2026-03-01t06:15:00Z",
            "2026-03-01T06:15:00z",
            "2026-03-01T06:15:00",
            "2026-03-01T06:15Z",
            "2026-03-01T06:15:00.1234567890Z",
            "2026-03-01T06:15:00,5Z",
            "2026-3-01T06:15:00Z",
            "2026-03-01 06:15:00Z",
            "2026-03-01T06:15:0xZ",
            "２０２６-03-01T06:15:00Z",
            "")) {
      assertSameAsJdk(text);
    }
    assertThatThrownBy(() -> InstantText.parse("2023-02-29T00:00:00Z"))
        .isInstanceOf(DateTimeParseException.class);
  }

  @Test
  void agreesWithTheJdkOnRandomText() {
    Random random = new Random(20261121);
    String alphabet = "0123456789-T:.Z+z ";
    for (int i = 0; i < 200_000; i++) {
      char[] text = randomInstant(random).toString().toCharArray();
      int edits = random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
      }
      assertSameAsJdk(new String(text));
    }
  }

  @Test
  void formatsLikeInstantToString() {
    Random random = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      Instant instant = randomInstant(random);
      assertThat(InstantText.format(instant)).isEqualTo(instant.toString());
    }
    for (Instant instant :
        List.of(
            Instant.EPOCH,
            Instant.MIN,
            Instant.MAX,
            Instant.parse("0000-01-01T00:00:00Z"),
            Instant.parse("0000-01-01T00:00:00Z").minusNanos(1),
            Instant.parse("9999-12-31T23:59:59.999999999Z"),
            Instant.parse("9999-12-31T23:59:59.999999999Z").plusNanos(1),
            Instant.parse("1969-12-31T23:59:59.999Z"))) {
      assertThat(InstantText.format(instant)).isEqualTo(instant.toString());
    }
  }

  private static Instant randomInstant(Random random) {
    long seconds = random.nextLong(-70_000_000_000L, 260_000_000_000L);
    int nano =
        switch (random.nextInt(4)) {
          case 0 -> 0;
          case 1 -> random.nextInt(1000) * 1_000_000;
          case 2 -> random.nextInt(1_000_000) * 1_000;
          default -> random.nextInt(1_000_000_000);
        };
    return Instant.ofEpochSecond(seconds, nano);
  }

  private static void assertSameAsJdk(String text) {
    Instant expected;
    try {
      expected = Instant.parse(text);
    } catch (DateTimeParseException e) {
      assertThatThrownBy(() -> InstantText.parse(text))
          .as(text)
          .isInstanceOf(DateTimeParseException.class);
      return;
    }
    assertThat(InstantText.parse(text)).as(text).isEqualTo(expected);
  }
}
