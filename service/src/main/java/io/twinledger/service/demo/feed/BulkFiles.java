package io.twinledger.service.demo.feed;

import io.twinledger.twin.bulk.BulkFormat;
import io.twinledger.twin.bulk.BulkLayout;
import io.twinledger.twin.ingest.BulkImport;
import io.twinledger.twin.ingest.Ingestion;
import io.twinledger.twin.simulator.SimulatedReading;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
   * Writes {@code readings} to {@code name} (which must end in {@code .csv}) and imports the file.
   *
   * @param tally counts the readings written, per signal
   */
  BulkImport.Totals writeAndImport(
      String name, Iterator<SimulatedReading> readings, FeedTally tally) {
    Path file = directory.resolve(name);
    try {
      Files.createDirectories(directory);
      try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        Columns columns = new Columns(ingestion.bulkLayout());
        out.write(columns.header());
        while (readings.hasNext()) {
          SimulatedReading reading = readings.next();
          out.write(columns.row(reading));
          tally.written(reading.signal());
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
    String row(SimulatedReading reading) {
      StringBuilder row = new StringBuilder(96);
      row.append(reading.assetId()).append(',').append(reading.signal().kpiId()).append(',');
      if (layout.sensor().isPresent()) {
        row.append(reading.sensorId()).append(',');
      }
      row.append(reading.observedAt()).append(',').append(reading.value().toPlainString());
      if (layout.unitCode().isPresent()) {
        row.append(',').append(reading.signal().unit().name());
      }
      return row.append('\n').toString();
    }
  }
}
