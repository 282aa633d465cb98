package io.twinledger.twin.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReadingBatchTest {

  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private static final List<String> FIELDS =
      List.of(
          "ngsi-ld:orion",
          "meter-1",
          "dma-1",
          "system-input-volume",
          "2026-03-01T00:00:00Z",
          "12.5",
          "MTQ",
          "12500",
          "LTR");

  @Test
  void theDigestIsSha256OfTheDocumentedEncodingWithTheFlagsSortedByName() throws Exception {
    AssessedReading reading =
        new AssessedReading(
            reading("meter-1", T0, "12.50", "12500", "LTR"),
            EnumSet.of(QualityFlag.SPIKE, QualityFlag.LATE, QualityFlag.GAP));
    ReadingBatch batch = ReadingBatch.of(List.of(reading));

    List<String> fields = new ArrayList<>(FIELDS);
    fields.add("GAP,LATE,SPIKE");
    byte[] encoding = encoding("twinledger-readings-v2", fields);

    assertThat(batch.encoding()).isEqualTo(ReadingBatch.Encoding.V2);
    assertThat(batch.encode()).isEqualTo(encoding);
    assertThat(batch.digestHex())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encoding)));
  }

  @Test
  void version1LeavesTheFlagsOutAndNoVersionMatchesAnother() {
    AssessedReading flagged =
        new AssessedReading(
            reading("meter-1", T0, "12.50", "12500", "LTR"), Set.of(QualityFlag.SPIKE));
    ReadingBatch v1 = ReadingBatch.of(ReadingBatch.Encoding.V1, List.of(flagged));

    assertThat(v1.encode()).isEqualTo(encoding("twinledger-readings-v1", FIELDS));
    assertThat(ReadingBatch.of(ReadingBatch.Encoding.V1, List.of(unflagged(flagged))).digestHex())
        .as("v1 does not cover flags")
        .isEqualTo(v1.digestHex());
    assertThat(ReadingBatch.of(List.of(unflagged(flagged))).digestHex())
        .as("v2 does")
        .isNotEqualTo(ReadingBatch.of(List.of(flagged)).digestHex());
    List<String> noFlags = new ArrayList<>(FIELDS);
    noFlags.add("");
    assertThat(ReadingBatch.of(List.of(unflagged(flagged))).encode())
        .isEqualTo(encoding("twinledger-readings-v2", noFlags));
    assertThat(v1.digestHex()).isNotEqualTo(ReadingBatch.of(List.of(flagged)).digestHex());
  }

  @Test
  void encodingsAreKnownByVersionAndTag() {
    assertThat(ReadingBatch.Encoding.CURRENT).isEqualTo(ReadingBatch.Encoding.V2);
    assertThat(ReadingBatch.Encoding.ofVersion(1)).contains(ReadingBatch.Encoding.V1);
    assertThat(ReadingBatch.Encoding.ofVersion(2)).contains(ReadingBatch.Encoding.V2);
    assertThat(ReadingBatch.Encoding.ofVersion(0)).isEmpty();
    assertThat(ReadingBatch.Encoding.ofVersion(3)).isEmpty();
    assertThat(ReadingBatch.Encoding.ofTag("twinledger-readings-v2"))
        .contains(ReadingBatch.Encoding.V2);
    assertThat(ReadingBatch.Encoding.ofTag("twinledger-readings-v3")).isEmpty();
  }

  private static AssessedReading unflagged(AssessedReading assessed) {
    return new AssessedReading(assessed.reading(), Set.of());
  }

  private static byte[] encoding(String tag, List<String> fields) {
    ByteBuffer expected = ByteBuffer.allocate(512);
    expected.put(tag.getBytes(StandardCharsets.US_ASCII)).putInt(1);
    for (String field : fields) {
      byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
      expected.putInt(bytes.length).put(bytes);
    }
    byte[] encoding = new byte[expected.position()];
    expected.flip().get(encoding);
    return encoding;
  }

  @Test
  void orderOfArrivalTrailingZerosAndFlagOrderDoNotChangeTheDigest() {
    AssessedReading a =
        assessed(reading("meter-1", T0, "1.0", "1000", "LTR"), QualityFlag.SPIKE, QualityFlag.GAP);
    AssessedReading b = assessed(reading("meter-1", T0.plusSeconds(60), "2", "2000", "LTR"));
    AssessedReading c = assessed(reading("meter-0", T0.plusSeconds(30), "3", "3000", "LTR"));
    AssessedReading aAgain =
        assessed(
            reading("meter-1", T0, "1.000", "1000.0", "LTR"), QualityFlag.GAP, QualityFlag.SPIKE);

    assertThat(ReadingBatch.of(List.of(a, b, c)).digestHex())
        .isEqualTo(ReadingBatch.of(List.of(c, b, aAgain)).digestHex());
    assertThat(ReadingBatch.of(List.of(c, b, a)).readings()).containsExactly(c, a, b);
  }

  @Test
  void anyChangedFieldOrFlagChangesTheDigest() {
    String digest = digest(assessed(reading("meter-1", T0, "1", "1000", "LTR")));

    assertThat(digest(assessed(reading("meter-1", T0, "1.001", "1000", "LTR"))))
        .isNotEqualTo(digest);
    assertThat(digest(assessed(reading("meter-1", T0.plusNanos(1_000), "1", "1000", "LTR"))))
        .isNotEqualTo(digest);
    assertThat(digest(assessed(reading("meter-1", T0, "1", "1000", "MTQ")))).isNotEqualTo(digest);
    assertThat(digest(assessed(reading("meter-1", T0, "1", "1000", "LTR"), QualityFlag.LATE)))
        .isNotEqualTo(digest)
        .isNotEqualTo(
            digest(assessed(reading("meter-1", T0, "1", "1000", "LTR"), QualityFlag.SPIKE)));
  }

  private static String digest(AssessedReading reading) {
    return ReadingBatch.of(List.of(reading)).digestHex();
  }

  private static AssessedReading assessed(Reading reading, QualityFlag... flags) {
    return new AssessedReading(reading, Set.of(flags));
  }

  @Test
  void observationTimesKeepMicrosecondsLikeTheStore() {
    assertThat(reading("meter-1", T0.plusNanos(1_999), "1", "1000", "LTR").observedAt())
        .isEqualTo(T0.plusNanos(1_000));
  }

  @Test
  void fieldBoundariesCannotBeShifted() {
    Reading split =
        new Reading("ab", "c", "dma-1", "k", T0, BigDecimal.ONE, "MTQ", BigDecimal.ONE, "MTQ");
    Reading shifted =
        new Reading("a", "bc", "dma-1", "k", T0, BigDecimal.ONE, "MTQ", BigDecimal.ONE, "MTQ");
    assertThat(digest(assessed(split))).isNotEqualTo(digest(assessed(shifted)));
  }

  /**
   * The encoder writes through a buffer; any field, however long or wide, encodes as documented.
   */
  @Test
  void longAndNonAsciiFieldsEncodeAsLengthPrefixedUtf8() {
    Random random = new Random(7);
    List<AssessedReading> readings = new ArrayList<>();
    QualityFlag[] flags = QualityFlag.values();
    for (int i = 0; i < 300; i++) {
      String sensor =
          switch (i % 4) {
            case 0 -> "s" + i;
            case 1 -> "Süd-" + i + " 雨 🌧";
            case 2 -> "x".repeat(random.nextInt(290)) + i;
            default -> "\"" + "é".repeat(random.nextInt(150)) + i;
          };
      readings.add(
          assessed(
              new Reading(
                  "ngsi-ld:" + "o".repeat(random.nextInt(190)),
                  sensor,
                  "dma-1",
                  "system-input-volume",
                  T0.plusNanos(random.nextLong(1L << 40)),
                  // Now and then a value whose plain digits outgrow the encoder's buffer.
                  i % 100 == 0
                      ? BigDecimal.ONE.movePointLeft(9_000 + i)
                      : new BigDecimal(random.nextLong()).movePointLeft(random.nextInt(40)),
                  "MTQ",
                  BigDecimal.valueOf(i),
                  "LTR"),
              i % 3 == 0 ? new QualityFlag[0] : new QualityFlag[] {flags[i % flags.length]}));
    }
    ReadingBatch batch = ReadingBatch.of(readings);

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes("twinledger-readings-v2".getBytes(StandardCharsets.US_ASCII));
    expected.writeBytes(ByteBuffer.allocate(4).putInt(readings.size()).array());
    for (AssessedReading assessed : batch.readings()) {
      Reading r = assessed.reading();
      for (String field :
          List.of(
              r.source(),
              r.sensorId(),
              r.assetId(),
              r.kpiId(),
              r.observedAt().toString(),
              r.value().toPlainString(),
              r.unit(),
              r.originalValue().toPlainString(),
              r.originalUnit(),
              assessed.flags().isEmpty() ? "" : assessed.flags().iterator().next().name())) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        expected.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        expected.writeBytes(bytes);
      }
    }
    assertThat(batch.encode()).isEqualTo(expected.toByteArray());
    assertThat(batch.digest()).isEqualTo(sha256(expected.toByteArray()));
  }

  @Test
  void aBatchHoldsEachKeyOnceAndIsNeverEmpty() {
    AssessedReading a = assessed(reading("meter-1", T0, "1", "1000", "LTR"));
    AssessedReading sameKey = assessed(reading("meter-1", T0, "9", "9000", "LTR"));
    AssessedReading other = assessed(reading("meter-0", T0, "1", "1000", "LTR"));
    assertThatThrownBy(() -> ReadingBatch.of(List.of(a, sameKey)))
        .hasMessageStartingWith("duplicate reading in batch");
    assertThatThrownBy(() -> ReadingBatch.of(List.of(a, other, sameKey)))
        .hasMessageStartingWith("duplicate reading in batch");
    assertThatThrownBy(() -> ReadingBatch.of(List.of())).hasMessageContaining("empty");
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Reading reading(
      String sensor, Instant at, String cubicMetres, String original, String originalUnit) {
    return new Reading(
        "ngsi-ld:orion",
        sensor,
        "dma-1",
        "system-input-volume",
        at,
        new BigDecimal(cubicMetres),
        "MTQ",
        new BigDecimal(original),
        originalUnit);
  }
}
