package io.twinledger.twin.reading;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Readings accepted together, with their quality flags, in canonical order, with the SHA-256 digest
 * that makes them provable.
 *
 * <p><b>Canonical encoding.</b> Readings are sorted by {@link ReadingKey}: source, then sensor,
 * each compared as Java strings (by UTF-16 code unit, {@link String#compareTo}), then observation
 * time. The encoding is the ASCII tag of its {@link Encoding}, then the reading count as a 4-byte
 * big-endian integer, then for each reading its fields, each as a 4-byte big-endian byte length
 * followed by its UTF-8 bytes: the nine fields of {@link Reading} in record order and, from {@link
 * Encoding#V2} on, a tenth, the names of its {@link QualityFlag}s sorted and joined by commas
 * (empty when it has none). Instants are ISO-8601 UTC as {@link java.time.Instant#toString()}
 * writes them; decimals are {@link java.math.BigDecimal#toPlainString()} without trailing zeros.
 * Length prefixes make the encoding unambiguous whatever characters the fields hold, the fixed
 * order means anyone holding the readings, from any store, recomputes the same digest, and the tag
 * means a batch digested under one encoding never matches another's.
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

  /**
   * A version of the canonical encoding. A stored batch keeps the version it was digested with, so
   * that it can be digested again the same way; new batches use {@link #CURRENT}.
   */
  public enum Encoding {
    /** The nine reading fields; quality flags are not covered. Batches stored before flags were. */
    V1("twinledger-readings-v1"),
    /** The nine reading fields and the reading's quality flags. */
    V2("twinledger-readings-v2");

    /** The encoding new batches are digested with. */
    public static final Encoding CURRENT = V2;

    private final String tag;

    Encoding(String tag) {
      this.tag = tag;
    }

    /** The ASCII tag that opens the encoding, such as {@code twinledger-readings-v2}. */
    public String tag() {
      return tag;
    }

    /** The version number, as stored with a batch: 1 for {@link #V1}. */
    public int version() {
      return ordinal() + 1;
    }

    /** The encoding of a version number. */
    public static Optional<Encoding> ofVersion(int version) {
      Encoding[] all = values();
      return version >= 1 && version <= all.length
          ? Optional.of(all[version - 1])
          : Optional.empty();
    }

    /** The encoding whose tag this is. */
    public static Optional<Encoding> ofTag(String tag) {
      for (Encoding encoding : values()) {
        if (encoding.tag.equals(tag)) {
          return Optional.of(encoding);
        }
      }
      return Optional.empty();
    }

    private byte[] tagBytes() {
      return tag.getBytes(StandardCharsets.US_ASCII);
    }
  }

  private static final Comparator<AssessedReading> CANONICAL_ASSESSED_ORDER =
      Comparator.comparing(AssessedReading::reading, CANONICAL_ORDER);

  private final Encoding encoding;
  private final List<AssessedReading> readings;
  private final byte[] digest;

  private ReadingBatch(Encoding encoding, List<AssessedReading> readings) {
    this.encoding = encoding;
    this.readings = readings;
    MessageDigest sha256 = sha256();
    encode(encoding, readings, sha256::update);
    this.digest = sha256.digest();
  }

  /**
   * A batch of the given readings, digested with the {@link Encoding#CURRENT current} encoding.
   * Readings already in canonical order, as a caller that sorted them has them, are only checked,
   * not sorted again.
   *
   * @throws IllegalArgumentException if the batch is empty or two readings share a key
   */
  public static ReadingBatch of(List<AssessedReading> readings) {
    return of(Encoding.CURRENT, readings);
  }

  /**
   * A batch of the given readings digested with {@code encoding}: how a stored batch is digested
   * again under the encoding it was stored with.
   *
   * @throws IllegalArgumentException if the batch is empty or two readings share a key
   */
  public static ReadingBatch of(Encoding encoding, List<AssessedReading> readings) {
    if (readings.isEmpty()) {
      throw new IllegalArgumentException("a reading batch must not be empty");
    }
    List<AssessedReading> ordered = inCanonicalOrder(readings) ? readings : sorted(readings);
    for (int i = 1; i < ordered.size(); i++) {
      if (CANONICAL_ASSESSED_ORDER.compare(ordered.get(i - 1), ordered.get(i)) == 0) {
        throw new IllegalArgumentException(
            "duplicate reading in batch: " + ordered.get(i).reading().key());
      }
    }
    return new ReadingBatch(encoding, List.copyOf(ordered));
  }

  private static boolean inCanonicalOrder(List<AssessedReading> readings) {
    for (int i = 1; i < readings.size(); i++) {
      if (CANONICAL_ASSESSED_ORDER.compare(readings.get(i - 1), readings.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  private static List<AssessedReading> sorted(List<AssessedReading> readings) {
    List<AssessedReading> sorted = new ArrayList<>(readings);
    sorted.sort(CANONICAL_ASSESSED_ORDER);
    return sorted;
  }

  /** The encoding the digest was computed with. */
  public Encoding encoding() {
    return encoding;
  }

  /** The readings, with their flags, in canonical order. */
  public List<AssessedReading> readings() {
    return readings;
  }

  /** The source of the batch's readings: the first reading's, since a batch comes from one. */
  public String source() {
    return readings.getFirst().reading().source();
  }

  /** SHA-256 of the canonical encoding. */
  public byte[] digest() {
    return digest.clone();
  }

  /** The digest as lower-case hex. */
  public String digestHex() {
    return HexFormat.of().formatHex(digest);
  }

  /** The canonical encoding described in the class comment, under this batch's encoding. */
  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + readings.size() * 160);
    encode(encoding, readings, out::write);
    return out.toByteArray();
  }

  /**
   * Writes the encoding to {@code sink} in pieces, so that digesting a batch needs neither the
   * whole encoding in memory nor an array per field.
   */
  private static void encode(
      Encoding encoding, List<AssessedReading> canonicallyOrdered, Sink sink) {
    Encoder out = new Encoder(sink);
    out.bytes(encoding.tagBytes());
    out.int32(canonicallyOrdered.size());
    for (AssessedReading assessed : canonicallyOrdered) {
      Reading r = assessed.reading();
      out.field(r.source());
      out.field(r.sensorId());
      out.field(r.assetId());
      out.field(r.kpiId());
      out.field(InstantText.format(r.observedAt()));
      out.field(r.value().toPlainString());
      out.field(r.unit());
      out.field(r.originalValue().toPlainString());
      out.field(r.originalUnit());
      if (encoding != Encoding.V1) {
        out.field(flagNames(assessed.flags()));
      }
    }
    out.flush();
  }

  /** Every flag in the order of its name, the order the encoding lists a reading's flags in. */
  private static final QualityFlag[] BY_NAME =
      Arrays.stream(QualityFlag.values())
          .sorted(Comparator.comparing(QualityFlag::name))
          .toArray(QualityFlag[]::new);

  /**
   * Flag names sorted and comma-joined, so that the set's iteration order does not matter. Runs
   * once per reading on the ingestion path, so a reading with at most one flag, the usual case,
   * costs no array, sort or builder.
   */
  private static String flagNames(Set<QualityFlag> flags) {
    if (flags.isEmpty()) {
      return "";
    }
    if (flags.size() == 1) {
      return flags.iterator().next().name();
    }
    StringJoiner names = new StringJoiner(",");
    for (QualityFlag flag : BY_NAME) {
      if (flags.contains(flag)) {
        names.add(flag.name());
      }
    }
    return names.toString();
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
