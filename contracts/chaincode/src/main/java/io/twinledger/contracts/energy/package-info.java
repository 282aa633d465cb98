/**
 * The village's peer-to-peer solar market on channel {@code energy-market}: {@link
 * io.twinledger.contracts.energy.EnergyMarketContract}, its state records and its error codes. The
 * market rules themselves are contracts-market's ({@code io.twinledger.market}), shared with the
 * simulation.
 */
package io.twinledger.contracts.energy;
