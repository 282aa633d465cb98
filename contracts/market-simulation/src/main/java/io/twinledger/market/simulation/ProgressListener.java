package io.twinledger.market.simulation;

/**
 * Told how far a simulation has got: after every simulated day (96 slots) and once at the end, with
 * {@code slotsDone == slotsTotal}. Called on the simulating thread; keep it quick.
 */
@FunctionalInterface
public interface ProgressListener {

  /** A listener that ignores progress. */
  ProgressListener NONE = (done, total) -> {};

  /**
   * Reports progress.
   *
   * @param slotsDone slots cleared and settled so far, {@code 0 < slotsDone <= slotsTotal}
   * @param slotsTotal the year's slots (35,040 in a common year)
   */
  void progress(int slotsDone, int slotsTotal);
}
