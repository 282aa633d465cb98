package io.twinledger.contracts.energy;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * A slot of {@code SubmitOrders} that got no order, and why: the refusal {@code SubmitOrder} would
 * have given for that slot alone.
 *
 * @param slot the slot's start, ISO-8601 UTC
 * @param reason {@code METER_READING_MISSING} (no reading yet) or {@code NOTHING_TO_TRADE} (a zero
 *     net position)
 * @param message the refusal's message, naming the household and the slot
 */
@DataType
public record SkippedOrder(
    @Property String slot, @Property String reason, @Property String message) {}
