package io.twinledger.contracts.energy;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * What {@code SubmitOrders} did for one household: its orders of the slots asked for, in slot
 * order, and the slots that got none.
 *
 * @param householdId the household
 * @param orders its orders: those this transaction submitted and those submitted before (an order
 *     is final; their {@code txId} tells which)
 * @param skipped the slots without a reading or with a zero net position, in slot order
 */
@DataType
public record OrderBatch(
    @Property String householdId,
    @Property HouseholdOrder[] orders,
    @Property SkippedOrder[] skipped) {}
