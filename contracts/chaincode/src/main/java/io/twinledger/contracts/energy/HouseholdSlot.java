package io.twinledger.contracts.energy;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * One household's part of one slot: its order, its trades and its account. The arrays are empty
 * where there is nothing: no order submitted, no trade, or (before clearing) no account yet.
 *
 * @param householdId the household
 * @param slot the slot's start, ISO-8601 UTC
 * @param cleared whether the slot is cleared
 * @param order its order, zero or one
 * @param trades its trades, as buyer or seller
 * @param account its settlement, zero or one
 * @param clearingTxId the clearing transaction; empty before clearing
 */
@DataType
public record HouseholdSlot(
    @Property String householdId,
    @Property String slot,
    @Property boolean cleared,
    @Property HouseholdOrder[] order,
    @Property SlotTrade[] trades,
    @Property SlotAccount[] account,
    @Property String clearingTxId) {}
