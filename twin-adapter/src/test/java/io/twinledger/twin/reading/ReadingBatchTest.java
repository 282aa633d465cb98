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
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReadingBatchTest {

  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  @Test
  void theDigestIsSha256OfTheDocumentedEncoding() throws Exception {
    Reading reading = reading("meter-1", T0, "12.50", "12500", "LTR");
    ReadingBatch batch = ReadingBatch.of(List.of(reading));

    ByteBuffer expected = ByteBuffer.allocate(512);
    expected.put("twinledger-readings-v1".getBytes(StandardCharsets.US_ASCII)).putInt(1);
    for (String field :
        List.of(
            "ngsi-ld:orion",
            "meter-1",
            "dma-1",
            "system-input-volume",
            "2026-03-01T00:00:00Z",
            "12.5",
            "MTQ",
            "12500",
            "LTR")) {
      byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
      expected.putInt(bytes.length).put(bytes);
    }
    byte[] encoding = new byte[expected.position()];
    expected.flip().get(encoding);

    assertThat(ReadingBatch.encode(batch.readings())).isEqualTo(encoding);
    assertThat(batch.digestHex())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encoding)));
  }

  @Test
  void orderOfArrivalAndTrailingZerosDoNotChangeTheDigest() {
    Reading a = reading("meter-1", T0, "1.0", "1000", "LTR");
    Reading b = reading("meter-1", T0.plusSeconds(60), "2", "2000", "LTR");
    Reading c = reading("meter-0", T0.plusSeconds(30), "3", "3000", "LTR");
    Reading aAgain = reading("meter-1", T0, "1.000", "1000.0", "LTR");

    assertThat(ReadingBatch.of(List.of(a, b, c)).digestHex())
        .isEqualTo(ReadingBatch.of(List.of(c, b, aAgain)).digestHex());
    assertThat(ReadingBatch.of(List.of(c, b, a)).readings()).containsExactly(c, a, b);
  }

  @Test
  void anyChangedFieldChangesTheDigest() {
    Reading a = reading("meter-1", T0, "1", "1000", "LTR");
    String digest = ReadingBatch.of(List.of(a)).digestHex();

    assertThat(ReadingBatch.of(List.of(reading("meter-1", T0, "1.001", "1000", "LTR"))).digestHex())
        .isNotEqualTo(digest);
    assertThat(
            ReadingBatch.of(List.of(reading("meter-1", T0.plusNanos(1_000), "1", "1000", "LTR")))
                .digestHex())
        .isNotEqualTo(digest);
    assertThat(ReadingBatch.of(List.of(reading("meter-1", T0, "1", "1000", "MTQ"))).digestHex())
        .isNotEqualTo(digest);
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
    assertThat(ReadingBatch.of(List.of(split)).digestHex())
        .isNotEqualTo(ReadingBatch.of(List.of(shifted)).digestHex());
  }

  /**
   * The encoder writes through a buffer; any field, however long or wide, encodes as documented.
   */
  @Test
  void longAndNonAsciiFieldsEncodeAsLengthPrefixedUtf8() {
    Random random = new Random(7);
    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String sensor =
          switch (i % 4) {
            case 0 -> "s" + i;
            case 1 -> "Süd-" + i + " 雨 🌧";
            case 2 -> "x".repeat(random.nextInt(290)) + i;
            default -> "\"" + "é".repeat(random.nextInt(150)) + i;
          };
      readings.add(
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
              "LTR"));
    }
    ReadingBatch batch = ReadingBatch.of(readings);

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes("twinledger-readings-v1".getBytes(StandardCharsets.US_ASCII));
    expected.writeBytes(ByteBuffer.allocate(4).putInt(readings.size()).array());
    for (Reading r : batch.readings()) {
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
              r.originalUnit())) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        expected.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        expected.writeBytes(bytes);
      }
    }
    assertThat(ReadingBatch.encode(batch.readings())).isEqualTo(expected.toByteArray());
    assertThat(batch.digest()).isEqualTo(sha256(expected.toByteArray()));
  }

  @Test
  void aBatchHoldsEachKeyOnceAndIsNeverEmpty() {
    Reading a = reading("meter-1", T0, "1", "1000", "LTR");
    Reading sameKey = reading("meter-1", T0, "9", "9000", "LTR");
    Reading other = reading("meter-0", T0, "1", "1000", "LTR");
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
