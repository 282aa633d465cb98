package io.twinledger.twin.store;

import io.twinledger.twin.period.PeriodWindow;

/**
 * A period that must be closed: never closed yet, or holding readings from a batch newer than those
 * its last revision used.
 *
 * @param revision the revision to close it under
 * @param maxBatchId the newest batch holding a reading of the period
 */
public record DuePeriod(PeriodWindow window, int revision, long maxBatchId) {}
