package io.twinledger.ledger.bond.projection;

/**
 * One holder's position in one bond.
 *
 * @param totalUnits the units of the bond held in all, so the holder's share is {@code units /
 *     totalUnits}
 * @param status the bond's status
 */
public record HolderHolding(
    String bondId, String holder, long units, long totalUnits, String status) {}
