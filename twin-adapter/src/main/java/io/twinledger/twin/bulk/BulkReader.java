package io.twinledger.twin.bulk;

import io.twinledger.twin.reading.DecimalText;
import io.twinledger.twin.reading.InstantText;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams a bulk file in chunks: it holds one chunk in memory at a time, never the file, so files
 * of millions of rows import in constant memory. Lines that cannot be read are returned as
 * rejections with their line number and a reason naming the column; they never stop the import.
 *
 * <p>Work per line is bounded: a line longer than {@value #MAX_LINE_LENGTH} characters is refused
 * without being held in memory, a field longer than {@value #MAX_FIELD_LENGTH} characters is
 * refused, and values go through {@link DecimalText}, which refuses more than {@value
 * DecimalText#MAX_LENGTH} characters before parsing.
 */
public final class BulkReader {

  /** Longest line read, in characters; a reading's line is a few hundred at most. */
  public static final int MAX_LINE_LENGTH = 16_384;

  /** Longest field, in characters: the longest text a reading stores (its sensor id). */
  public static final int MAX_FIELD_LENGTH = 300;

  /** How much of an over-long line is kept in quarantine, in characters. */
  private static final int KEPT_OF_LONG_LINE = 200;

  private static final CSVFormat CSV_LINE = CSVFormat.RFC4180.builder().setTrim(true).get();

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private BulkReader() {}

  /** Reads a file in the {@link BulkLayout#DEFAULT} layout. */
  public static void read(
      InputStream in, BulkFormat format, int chunkSize, Consumer<BulkChunk> consumer) {
    read(in, format, BulkLayout.DEFAULT, chunkSize, consumer);
  }

  /**
   * Reads {@code in} and hands {@code consumer} chunks of at most {@code chunkSize} lines.
   *
   * @throws IllegalArgumentException if a CSV header lacks a required column
   */
  public static void read(
      InputStream in,
      BulkFormat format,
      BulkLayout layout,
      int chunkSize,
      Consumer<BulkChunk> consumer) {
    CountingInputStream counted = new CountingInputStream(in);
    try (Reader text = new InputStreamReader(counted, StandardCharsets.UTF_8)) {
      BoundedLines reader = new BoundedLines(text, MAX_LINE_LENGTH);
      switch (format) {
        case CSV -> readCsv(reader, counted, layout, chunkSize, consumer);
        case JSON_LINES -> readJsonLines(reader, counted, layout, chunkSize, consumer);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads CSV line by line, so that a malformed line is rejected on its own and the rest of the
   * file still imports. Fields may be quoted, but a quoted field may not span lines.
   */
  private static void readCsv(
      BoundedLines reader,
      CountingInputStream counted,
      BulkLayout layout,
      int chunkSize,
      Consumer<BulkChunk> consumer)
      throws IOException {
    String headerLine = reader.next();
    if (reader.tooLong()) {
      throw new IllegalArgumentException(
          "CSV header has more than " + MAX_LINE_LENGTH + " characters");
    }
    List<String> header;
    try {
      header = headerLine == null ? List.of() : fields(headerLine);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("CSV header is malformed: " + e.getMessage());
    }
    List<String> missing = layout.required().stream().filter(c -> !header.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("CSV header lacks column(s) " + missing);
    }
    List<String> columns = layout.all();
    int[] positions = columns.stream().mapToInt(header::indexOf).toArray();
    Chunker chunker = new Chunker(chunkSize, counted, layout, consumer);
    long line = 1;
    for (String text = reader.next(); text != null; text = reader.next()) {
      line++;
      if (reader.tooLong()) {
        chunker.rejectLong(line, text);
        continue;
      }
      if (text.isBlank()) {
        continue;
      }
      List<String> values;
      try {
        values = fields(text);
      } catch (IllegalArgumentException e) {
        chunker.reject(line, "malformed CSV: " + e.getMessage(), text);
        continue;
      }
      String[] fields = new String[columns.size()];
      for (int i = 0; i < fields.length; i++) {
        boolean present = positions[i] >= 0 && positions[i] < values.size();
        fields[i] = present ? values.get(positions[i]) : null;
      }
      chunker.add(line, fields, text);
    }
    chunker.flush();
  }

  /** The fields of one CSV line; lines without quotes take a fast path. */
  private static List<String> fields(String line) {
    if (line.indexOf('"') < 0) {
      String[] parts = line.split(",", -1);
      for (int i = 0; i < parts.length; i++) {
        parts[i] = parts[i].trim();
      }
      return Arrays.asList(parts);
    }
    try (CSVParser parser = CSVParser.parse(line, CSV_LINE)) {
      List<CSVRecord> records = parser.getRecords();
      if (records.size() != 1) {
        throw new IllegalArgumentException("a quoted field may not span lines");
      }
      return records.get(0).toList();
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalArgumentException(
          e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
    }
  }

  private static void readJsonLines(
      BoundedLines reader,
      CountingInputStream counted,
      BulkLayout layout,
      int chunkSize,
      Consumer<BulkChunk> consumer)
      throws IOException {
    Chunker chunker = new Chunker(chunkSize, counted, layout, consumer);
    List<String> columns = layout.all();
    long line = 0;
    for (String text = reader.next(); text != null; text = reader.next()) {
      line++;
      if (reader.tooLong()) {
        chunker.rejectLong(line, text);
        continue;
      }
      if (text.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(text);
      } catch (JacksonException e) {
        chunker.reject(line, "not a JSON object", text);
        continue;
      } catch (NumberFormatException e) {
        // Jackson lets this through for exponents beyond an int (1e99999999999).
        chunker.reject(line, "a number is out of range", text);
        continue;
      }
      if (!node.isObject()) {
        chunker.reject(line, "not a JSON object", text);
        continue;
      }
      String[] fields = new String[columns.size()];
      String problem = null;
      for (int i = 0; i < fields.length && problem == null; i++) {
        JsonNode field = node.get(columns.get(i));
        if (field == null || field.isNull()) {
          fields[i] = null;
        } else if (!field.isNumber()) {
          fields[i] = field.asString();
        } else {
          try {
            // Checked before toPlainString, which would write out 1e999999999 in full.
            fields[i] = DecimalText.check(field.decimalValue()).toPlainString();
          } catch (NumberFormatException e) {
            problem = columns.get(i) + " " + e.getMessage();
          }
        }
      }
      if (problem != null) {
        chunker.reject(line, problem, text);
        continue;
      }
      chunker.add(line, fields, text);
    }
    chunker.flush();
  }

  /** Collects rows into chunks and parses each line's fields. */
  private static final class Chunker {
    /** Positions in {@link BulkLayout#all()}. */
    private static final int ASSET = 0;

    private static final int ATTRIBUTE = 1;
    private static final int OBSERVED_AT = 2;
    private static final int VALUE = 3;

    private final int size;
    private final CountingInputStream counted;
    private final BulkLayout layout;
    private final List<String> required;
    private final Consumer<BulkChunk> consumer;
    private List<BulkRow> rows = new ArrayList<>();
    private List<BulkRejection> rejections = new ArrayList<>();

    Chunker(
        int size, CountingInputStream counted, BulkLayout layout, Consumer<BulkChunk> consumer) {
      this.size = size;
      this.counted = counted;
      this.layout = layout;
      this.required = layout.required();
      this.consumer = consumer;
    }

    /**
     * @param fields the values of {@link BulkLayout#all()}'s columns, in that order; null where the
     *     line has none
     */
    void add(long line, String[] fields, String raw) {
      for (int i = 0; i < fields.length; i++) {
        if (fields[i] != null && fields[i].length() > MAX_FIELD_LENGTH) {
          reject(
              line,
              layout.all().get(i) + " has more than " + MAX_FIELD_LENGTH + " characters",
              raw);
          return;
        }
      }
      for (int i = 0; i < required.size(); i++) {
        if (fields[i] == null || fields[i].isBlank()) {
          reject(line, required.get(i) + " is missing", raw);
          return;
        }
      }
      Instant observedAt;
      try {
        observedAt = InstantText.parse(fields[OBSERVED_AT]);
      } catch (DateTimeParseException e) {
        reject(line, layout.observedAt() + " is not an ISO-8601 instant", raw);
        return;
      }
      BigDecimal value;
      try {
        value = DecimalText.parse(fields[VALUE]);
      } catch (NumberFormatException e) {
        reject(line, layout.value() + " " + e.getMessage(), raw);
        return;
      }
      int optional = required.size();
      Optional<String> sensor = Optional.empty();
      if (layout.sensor().isPresent()) {
        sensor = present(fields[optional++]);
      }
      Optional<String> unitCode =
          layout.unitCode().isPresent() ? present(fields[optional]) : Optional.empty();
      rows.add(
          new BulkRow(
              line, fields[ASSET], fields[ATTRIBUTE], sensor, observedAt, value, unitCode, raw));
      full();
    }

    private static Optional<String> present(String value) {
      return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** A line cut at {@link #MAX_LINE_LENGTH}: refused, with only its start kept. */
    void rejectLong(long line, String start) {
      reject(
          line,
          "line has more than " + MAX_LINE_LENGTH + " characters",
          start.substring(0, Math.min(start.length(), KEPT_OF_LONG_LINE)) + "...");
    }

    void reject(long line, String reason, String raw) {
      rejections.add(new BulkRejection(line, reason, raw));
      full();
    }

    private void full() {
      if (rows.size() + rejections.size() >= size) {
        flush();
      }
    }

    void flush() {
      if (!rows.isEmpty() || !rejections.isEmpty()) {
        consumer.accept(new BulkChunk(rows, rejections, counted.count()));
        rows = new ArrayList<>();
        rejections = new ArrayList<>();
      }
    }
  }
}
