package io.twinledger.twin.bulk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 */
public final class BulkReader {

  static final List<String> COLUMNS =
      List.of("asset_id", "kpi_id", "sensor_id", "observed_at", "value", "unit_code");

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private BulkReader() {}

  /**
   * Reads {@code in} and hands {@code consumer} chunks of at most {@code chunkSize} lines.
   *
   * @throws IllegalArgumentException if a CSV header lacks a column
   */
  public static void read(
      InputStream in, BulkFormat format, int chunkSize, Consumer<BulkChunk> consumer) {
    CountingInputStream counted = new CountingInputStream(in);
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8), 1 << 16)) {
      switch (format) {
        case CSV -> readCsv(reader, counted, chunkSize, consumer);
        case JSON_LINES -> readJsonLines(reader, counted, chunkSize, consumer);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void readCsv(
      BufferedReader reader,
      CountingInputStream counted,
      int chunkSize,
      Consumer<BulkChunk> consumer)
      throws IOException {
    CSVFormat csv =
        CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
    try (CSVParser parser = CSVParser.parse(reader, csv)) {
      List<String> missing =
          COLUMNS.stream().filter(c -> !parser.getHeaderMap().containsKey(c)).toList();
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException("CSV header lacks column(s) " + missing);
      }
      Chunker chunker = new Chunker(chunkSize, counted, consumer);
      for (CSVRecord record : parser) {
        long line = record.getRecordNumber() + 1;
        Map<String, String> fields = new HashMap<>();
        for (String column : COLUMNS) {
          fields.put(column, record.isSet(column) ? record.get(column) : null);
        }
        chunker.add(line, fields, String.join(",", record.toList()));
      }
      chunker.flush();
    }
  }

  private static void readJsonLines(
      BufferedReader reader,
      CountingInputStream counted,
      int chunkSize,
      Consumer<BulkChunk> consumer)
      throws IOException {
    Chunker chunker = new Chunker(chunkSize, counted, consumer);
    long line = 0;
    for (String text = reader.readLine(); text != null; text = reader.readLine()) {
      line++;
      if (text.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(text);
      } catch (JacksonException e) {
        chunker.reject(line, "not a JSON object", text);
        continue;
      }
      if (!node.isObject()) {
        chunker.reject(line, "not a JSON object", text);
        continue;
      }
      Map<String, String> fields = new HashMap<>();
      for (String column : COLUMNS) {
        JsonNode field = node.get(column);
        fields.put(
            column,
            field == null || field.isNull()
                ? null
                : field.isNumber() ? field.decimalValue().toPlainString() : field.asString());
      }
      chunker.add(line, fields, text);
    }
    chunker.flush();
  }

  /** Collects rows into chunks and parses each line's fields. */
  private static final class Chunker {
    private final int size;
    private final CountingInputStream counted;
    private final Consumer<BulkChunk> consumer;
    private List<BulkRow> rows = new ArrayList<>();
    private List<BulkRejection> rejections = new ArrayList<>();

    Chunker(int size, CountingInputStream counted, Consumer<BulkChunk> consumer) {
      this.size = size;
      this.counted = counted;
      this.consumer = consumer;
    }

    void add(long line, Map<String, String> fields, String raw) {
      for (String column : COLUMNS) {
        String value = fields.get(column);
        if (value == null || value.isBlank()) {
          reject(line, column + " is missing", raw);
          return;
        }
      }
      Instant observedAt;
      try {
        observedAt = Instant.parse(fields.get("observed_at"));
      } catch (DateTimeParseException e) {
        reject(line, "observed_at is not an ISO-8601 instant", raw);
        return;
      }
      BigDecimal value;
      try {
        value = new BigDecimal(fields.get("value"));
      } catch (NumberFormatException e) {
        reject(line, "value is not a decimal number", raw);
        return;
      }
      rows.add(
          new BulkRow(
              line,
              fields.get("asset_id"),
              fields.get("kpi_id"),
              fields.get("sensor_id"),
              observedAt,
              value,
              fields.get("unit_code")));
      full();
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
