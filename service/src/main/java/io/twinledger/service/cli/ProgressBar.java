package io.twinledger.service.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A text progress bar on standard error, {@code [#####.....] 50% 1,234 / 2,468 bytes}, redrawn at
 * most every 200 ms and once more when finished. Thread-safe.
 */
final class ProgressBar {

  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 200_000_000L;

  private final long total;
  private final String unit;
  private final PrintStream err;
  private long done;
  private long lastDraw;

  /**
   * @param total how much there is to do
   * @param unit what is counted, such as {@code bytes} or {@code slots}
   */
  ProgressBar(long total, String unit, PrintStream err) {
    this.total = total;
    this.unit = unit;
    this.err = err;
  }

  /** Counts {@code amount} more done. */
  synchronized void advance(long amount) {
    reached(done + amount);
  }

  /** Sets how much is done. */
  synchronized void reached(long amount) {
    done = amount;
    long now = System.nanoTime();
    if (now - lastDraw > REDRAW_NANOS) {
      lastDraw = now;
      draw();
    }
  }

  /** Draws the bar full and ends its line. */
  synchronized void finish() {
    done = total;
    draw();
    err.println();
  }

  private void draw() {
    int percent = total == 0 ? 100 : (int) (done * 100 / total);
    int filled = percent * WIDTH / 100;
    err.print(
        String.format(
            Locale.ROOT,
            "\r[%s%s] %3d%% %,d / %,d %s",
            "#".repeat(filled),
            ".".repeat(WIDTH - filled),
            percent,
            done,
            total,
            unit));
    err.flush();
  }
}
