package io.twinledger.twin.bulk;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The bulk file formats. Both carry the same fields: {@code asset_id}, {@code kpi_id}, {@code
 * sensor_id}, {@code observed_at} (ISO-8601 instant), {@code value} (a decimal number) and {@code
 * unit_code} (UN/CEFACT). CSV names them in a header line, in any order; JSON lines use the same
 * names as keys of one object per line.
 */
public enum BulkFormat {
  CSV,
  JSON_LINES;

  /** The format a file name suggests: {@code .csv}, or {@code .jsonl}/{@code .ndjson}. */
  public static BulkFormat of(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return CSV;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return JSON_LINES;
    }
    throw new IllegalArgumentException(
        file.getFileName() + ": unknown bulk format; use .csv, .jsonl or .ndjson");
  }
}
