package io.twinledger.twin.store;

import io.twinledger.twin.period.PeriodWindow;

/**
 * A period that must be closed: never closed yet, holding readings from a batch newer than those
 * its last revision used, or touched by a correction applied after it.
 *
 * @param revision the revision to close it under
 * @param maxBatchId the newest batch holding a reading of the period
 * @param maxCorrectionSeq the latest correction in effect on a reading of the period, by the order
 *     corrections took effect; 0 when none
 * @param previousBatchId the newest batch its last revision used; 0 before the first close
 * @param previousCorrectionSeq the latest correction its last revision read readings through
 */
public record DuePeriod(
    PeriodWindow window,
    int revision,
    long maxBatchId,
    long maxCorrectionSeq,
    long previousBatchId,
    long previousCorrectionSeq) {}
