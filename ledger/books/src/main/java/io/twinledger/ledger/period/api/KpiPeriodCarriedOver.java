package io.twinledger.ledger.period.api;

import io.twinledger.ledger.asset.api.KpiPeriodClosed;
import java.time.Instant;

/**
 * A period closed before periods had streams of their own, carried over from its asset's stream
 * into its series so that the series holds the whole history. The original event stays where it was
 * recorded (the audit log covers it there); projections handled it then and ignore this copy.
 *
 * @param period the original event's payload
 * @param originalEventId the identifier of the original event
 * @param originalGlobalIndex the original event's position in the event store
 * @param assetSequenceNumber the original event's sequence number in the asset's stream
 * @param originalTimestamp when the original event was recorded
 */
public record KpiPeriodCarriedOver(
    KpiPeriodClosed period,
    String originalEventId,
    long originalGlobalIndex,
    long assetSequenceNumber,
    Instant originalTimestamp) {}
