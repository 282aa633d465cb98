package io.twinledger.finance.risk.simulation;

/**
 * Hears how far a simulation has got.
 *
 * <p>Called once per finished block of paths, from the worker thread that finished it, but never
 * concurrently: calls arrive one at a time with {@code pathsDone} increasing, and the last call of
 * a completed run reports {@code pathsDone == totalPaths}. Keep it quick: workers wait for it.
 */
@FunctionalInterface
public interface ProgressListener {

  /** A listener that ignores progress. */
  ProgressListener NONE = (pathsDone, totalPaths) -> {};

  void onProgress(long pathsDone, long totalPaths);
}
