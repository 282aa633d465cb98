package io.twinledger.twin.ingest;

import io.twinledger.twin.bulk.BulkFormat;
import io.twinledger.twin.bulk.BulkReader;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Imports a bulk file in two stages: the calling thread reads and checks chunks while {@code
 * STORERS} threads store earlier ones, each chunk in its own transaction on its own connection.
 *
 * <p>Two storers, not one: a single COPY leaves its PostgreSQL backend idle while the JVM encodes
 * the next rows and while the commit waits for the disk, and a second transaction fills those gaps.
 * On two cores this is what lifts the import above a single raw COPY of the same rows (see {@code
 * docs/benchmarks.md}). At most {@code AHEAD} checked chunks are in flight, which bounds memory.
 * Quality checks stay in file order on the calling thread, so they do not depend on which chunk
 * commits first.
 *
 * <p>An interrupted import keeps every chunk that committed, which is a prefix of the file except
 * for at most {@code AHEAD} chunks near its end. Importing the file again stores exactly the
 * missing readings, since readings are idempotent by (source, sensor, observedAt).
 *
 * <p>When the input fails (the client went away, the connection broke), reading stops at once: the
 * chunks already read and checked are stored, nothing further is read, and {@link
 * InputFailedException} reports what was stored.
 */
public final class BulkImport {

  private static final int STORERS = 2;
  private static final int AHEAD = STORERS + 1;

  private BulkImport() {}

  /** Running totals of an import. */
  public record Totals(long stored, long duplicates, long quarantined) {
    Totals plus(IngestReport report) {
      return new Totals(
          stored + report.stored(),
          duplicates + report.duplicates(),
          quarantined + report.quarantined());
    }
  }

  /** The input failed before its end; what was read before the failure is stored. */
  public static final class InputFailedException extends RuntimeException {
    private final transient Totals stored;

    InputFailedException(Totals stored, Throwable cause) {
      super("the input failed after " + stored.stored() + " readings were stored", cause);
      this.stored = stored;
    }

    /** What the import stored before the input failed. */
    public Totals stored() {
      return stored;
    }
  }

  /**
   * Reads, checks and stores the whole input.
   *
   * @throws IllegalArgumentException if the file's header or format is unusable
   * @throws InputFailedException if reading {@code in} fails, once the chunks read before are
   *     stored
   */
  public static Totals run(
      Ingestion ingestion, InputStream in, BulkFormat format, int chunkSize, String source) {
    ExecutorService storer =
        Executors.newFixedThreadPool(
            STORERS, r -> Thread.ofPlatform().name("bulk-store").unstarted(r));
    BlockingQueue<Future<IngestReport>> pending = new ArrayBlockingQueue<>(AHEAD + 1);
    Totals[] totals = {new Totals(0, 0, 0)};
    UncheckedIOException inputFailed = null;
    try {
      try {
        BulkReader.read(
            in,
            format,
            ingestion.bulkLayout(),
            chunkSize,
            chunk -> {
              Ingestion.Prepared prepared = ingestion.prepareBulk(source, chunk);
              if (pending.size() == AHEAD) {
                totals[0] = totals[0].plus(await(pending.remove()));
              }
              pending.add(storer.submit(prepared::store));
            });
      } catch (UncheckedIOException e) {
        // Only the input throws this: the client is gone or the body broke. Read no further.
        inputFailed = e;
      }
      while (!pending.isEmpty()) {
        totals[0] = totals[0].plus(await(pending.remove()));
      }
      if (inputFailed != null) {
        throw new InputFailedException(totals[0], inputFailed.getCause());
      }
      return totals[0];
    } finally {
      storer.shutdown();
      for (Future<IngestReport> left : pending) {
        try {
          left.get();
        } catch (ExecutionException | InterruptedException alreadyFailing) {
          // The import is already failing with the first error; later chunks add nothing to it.
        }
      }
    }
  }

  private static IngestReport await(Future<IngestReport> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("import interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(e.getCause());
    }
  }
}
