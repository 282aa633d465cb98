package io.twinledger.twin.reading;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Readings accepted together, in canonical order, with the SHA-256 digest that makes them provable.
 *
 * <p><b>Canonical encoding, version 1.</b> Readings are sorted by {@link ReadingKey}: source, then
 * sensor, each compared as Java strings (by UTF-16 code unit, {@link String#compareTo}), then
 * observation time. The encoding is the ASCII tag {@code twinledger-readings-v1}, then the reading
 * count as a 4-byte big-endian integer, then for each reading its nine fields in record order, each
 * as a 4-byte big-endian byte length followed by its UTF-8 bytes. Instants are ISO-8601 UTC as
 * {@link java.time.Instant#toString()} writes them; decimals are {@link
 * java.math.BigDecimal#toPlainString()} without trailing zeros. Length prefixes make the encoding
 * unambiguous whatever characters the fields hold, and the fixed order means anyone holding the
 * readings, from any store, recomputes the same digest.
 */
public final class ReadingBatch {

  static final byte[] TAG = "twinledger-readings-v1".getBytes(StandardCharsets.US_ASCII);

  private final List<Reading> readings;
  private final byte[] digest;

  private ReadingBatch(List<Reading> readings) {
    this.readings = readings;
    this.digest = sha256(encode(readings));
  }

  /**
   * A batch of the given readings.
   *
   * @throws IllegalArgumentException if the batch is empty or two readings share a key
   */
  public static ReadingBatch of(List<Reading> readings) {
    if (readings.isEmpty()) {
      throw new IllegalArgumentException("a reading batch must not be empty");
    }
    Set<ReadingKey> keys = new HashSet<>();
    for (Reading reading : readings) {
      if (!keys.add(reading.key())) {
        throw new IllegalArgumentException("duplicate reading in batch: " + reading.key());
      }
    }
    return new ReadingBatch(
        readings.stream().sorted((a, b) -> a.key().compareTo(b.key())).toList());
  }

  /** The readings in canonical order. */
  public List<Reading> readings() {
    return readings;
  }

  /** SHA-256 of the canonical encoding. */
  public byte[] digest() {
    return digest.clone();
  }

  /** The digest as lower-case hex. */
  public String digestHex() {
    return HexFormat.of().formatHex(digest);
  }

  /** The canonical encoding described in the class comment. */
  public static byte[] encode(List<Reading> canonicallyOrdered) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + canonicallyOrdered.size() * 160);
    out.writeBytes(TAG);
    out.writeBytes(ByteBuffer.allocate(4).putInt(canonicallyOrdered.size()).array());
    for (Reading r : canonicallyOrdered) {
      field(out, r.source());
      field(out, r.sensorId());
      field(out, r.assetId());
      field(out, r.kpiId());
      field(out, r.observedAt().toString());
      field(out, r.value().toPlainString());
      field(out, r.unit());
      field(out, r.originalValue().toPlainString());
      field(out, r.originalUnit());
    }
    return out.toByteArray();
  }

  private static void field(ByteArrayOutputStream out, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
    out.writeBytes(bytes);
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
