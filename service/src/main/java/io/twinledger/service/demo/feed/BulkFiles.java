package io.twinledger.service.demo.feed;

import io.twinledger.twin.bulk.BulkFormat;
import io.twinledger.twin.bulk.BulkLayout;
import io.twinledger.twin.ingest.BulkImport;
import io.twinledger.twin.ingest.Ingestion;
import io.twinledger.twin.simulator.SimulatedReading;
import io.twinledger.twin.unit.UnitCode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Writes readings as CSV files in the mapping's bulk layout and imports them in-process through
 * {@link BulkImport}, the path {@code ./twinledger import} and the upload API take, so they are
 * checked, stored in committed chunks and given the source {@code bulk:<file name>}. The files stay
 * in the directory for anyone who wants to look at them or import them elsewhere.
 */
final class BulkFiles {

  /** Lines per committed chunk, as the upload API uses. */
  private static final int CHUNK = 5_000;

  private final Path directory;
  private final Ingestion ingestion;

  BulkFiles(Path directory, Ingestion ingestion) {
    this.directory = directory;
    this.ingestion = ingestion;
  }

  /**
   * One reading as a line of a file.
   *
   * @param assetId the asset column
   * @param kpiId the attribute column, which the mapping's bulk section binds to the KPI of that id
   * @param sensorId the sensor column: the sensor id the reading has on its live channel
   * @param observedAt when it was measured
   * @param value the value, in {@code unit}
   * @param unit the unit code column
   */
  record Line(
      String assetId,
      String kpiId,
      String sensorId,
      Instant observedAt,
      BigDecimal value,
      UnitCode unit) {

    static Line of(SimulatedReading reading) {
      return new Line(
          reading.assetId(),
          reading.signal().kpiId(),
          reading.sensorId(),
          reading.observedAt(),
          reading.value(),
          reading.signal().unit());
    }
  }

  /**
   * Writes {@code lines} to {@code name} (which must end in {@code .csv}) and imports the file.
   *
   * @param tally counts the readings written, per KPI
   */
  BulkImport.Totals writeAndImport(String name, Iterator<Line> lines, FeedTally tally) {
    Path file = directory.resolve(name);
    try {
      Files.createDirectories(directory);
      try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        Columns columns = new Columns(ingestion.bulkLayout());
        out.write(columns.header());
        while (lines.hasNext()) {
          Line line = lines.next();
          out.write(columns.row(line));
          tally.written(line.kpiId());
        }
      }
      try (InputStream in = Files.newInputStream(file)) {
        return BulkImport.run(ingestion, in, BulkFormat.CSV, CHUNK, "bulk:" + name);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("demo bulk file " + file, e);
    }
  }

  /** The mapping's column names, in a fixed order; optional columns only if it has them. */
  private record Columns(BulkLayout layout) {

    String header() {
      List<String> names = new ArrayList<>(List.of(layout.asset(), layout.attribute()));
      layout.sensor().ifPresent(names::add);
      names.addAll(List.of(layout.observedAt(), layout.value()));
      layout.unitCode().ifPresent(names::add);
      return String.join(",", names) + "\n";
    }

    /** Sensor ids and KPI ids hold no commas or quotes, so no field needs quoting. */
    String row(Line line) {
      StringBuilder row = new StringBuilder(96);
      row.append(line.assetId()).append(',').append(line.kpiId()).append(',');
      if (layout.sensor().isPresent()) {
        row.append(line.sensorId()).append(',');
      }
      row.append(line.observedAt()).append(',').append(line.value().toPlainString());
      if (layout.unitCode().isPresent()) {
        row.append(',').append(line.unit().name());
      }
      return row.append('\n').toString();
    }
  }
}
