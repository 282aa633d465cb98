/**
 * The bond token chaincode: a holder registry with freezes, mint and burn, transfers, forced
 * transfer, pause and record-date snapshots; and the key layout ({@code TokenKeys}) it shares with
 * the bond registry in the {@code twinledger-bonds} namespace.
 */
package io.twinledger.contracts.token;
