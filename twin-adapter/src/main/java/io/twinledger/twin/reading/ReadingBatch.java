package io.twinledger.twin.reading;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

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

  /** The canonical order: by {@link ReadingKey}, as source, sensor id, observation time. */
  public static final Comparator<Reading> CANONICAL_ORDER =
      (a, b) -> {
        int bySource = a.source().compareTo(b.source());
        if (bySource != 0) {
          return bySource;
        }
        int bySensor = a.sensorId().compareTo(b.sensorId());
        return bySensor != 0 ? bySensor : a.observedAt().compareTo(b.observedAt());
      };

  static final byte[] TAG = "twinledger-readings-v1".getBytes(StandardCharsets.US_ASCII);

  private final List<Reading> readings;
  private final byte[] digest;

  private ReadingBatch(List<Reading> readings) {
    this.readings = readings;
    MessageDigest sha256 = sha256();
    encode(readings, sha256::update);
    this.digest = sha256.digest();
  }

  /**
   * A batch of the given readings. Readings already in canonical order, as a caller that sorted
   * them has them, are only checked, not sorted again.
   *
   * @throws IllegalArgumentException if the batch is empty or two readings share a key
   */
  public static ReadingBatch of(List<Reading> readings) {
    if (readings.isEmpty()) {
      throw new IllegalArgumentException("a reading batch must not be empty");
    }
    List<Reading> ordered = inCanonicalOrder(readings) ? readings : sorted(readings);
    for (int i = 1; i < ordered.size(); i++) {
      if (CANONICAL_ORDER.compare(ordered.get(i - 1), ordered.get(i)) == 0) {
        throw new IllegalArgumentException("duplicate reading in batch: " + ordered.get(i).key());
      }
    }
    return new ReadingBatch(List.copyOf(ordered));
  }

  private static boolean inCanonicalOrder(List<Reading> readings) {
    for (int i = 1; i < readings.size(); i++) {
      if (CANONICAL_ORDER.compare(readings.get(i - 1), readings.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  private static List<Reading> sorted(List<Reading> readings) {
    List<Reading> sorted = new ArrayList<>(readings);
    sorted.sort(CANONICAL_ORDER);
    return sorted;
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
    encode(canonicallyOrdered, out::write);
    return out.toByteArray();
  }

  /**
   * Writes the encoding to {@code sink} in pieces, so that digesting a batch needs neither the
   * whole encoding in memory nor an array per field.
   */
  private static void encode(List<Reading> canonicallyOrdered, Sink sink) {
    Encoder out = new Encoder(sink);
    out.bytes(TAG);
    out.int32(canonicallyOrdered.size());
    for (Reading r : canonicallyOrdered) {
      out.field(r.source());
      out.field(r.sensorId());
      out.field(r.assetId());
      out.field(r.kpiId());
      out.field(InstantText.format(r.observedAt()));
      out.field(r.value().toPlainString());
      out.field(r.unit());
      out.field(r.originalValue().toPlainString());
      out.field(r.originalUnit());
    }
    out.flush();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  /** Where encoded bytes go: a digest or a byte array. */
  @FunctionalInterface
  private interface Sink {
    void write(byte[] bytes, int offset, int length);
  }

  /** Collects length-prefixed UTF-8 fields in a buffer and hands it to the sink when full. */
  private static final class Encoder {
    private final Sink sink;
    private final byte[] buffer = new byte[8192];
    private int position;

    Encoder(Sink sink) {
      this.sink = sink;
    }

    void field(String value) {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      int32(utf8.length);
      bytes(utf8);
    }

    void int32(int value) {
      if (buffer.length - position < 4) {
        flush();
      }
      buffer[position++] = (byte) (value >>> 24);
      buffer[position++] = (byte) (value >>> 16);
      buffer[position++] = (byte) (value >>> 8);
      buffer[position++] = (byte) value;
    }

    void bytes(byte[] bytes) {
      if (bytes.length > buffer.length - position) {
        flush();
        sink.write(bytes, 0, bytes.length);
        return;
      }
      System.arraycopy(bytes, 0, buffer, position, bytes.length);
      position += bytes.length;
    }

    void flush() {
      sink.write(buffer, 0, position);
      position = 0;
    }
  }
}
