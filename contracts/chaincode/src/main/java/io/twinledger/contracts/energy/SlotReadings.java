package io.twinledger.contracts.energy;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * The meter readings of one slot that {@code RecordMeterReadingsForSlots} recorded or found already
 * there, naming the households only (the values stay in the private collection).
 *
 * @param slot the slot's start, ISO-8601 UTC
 * @param households the households whose readings were recorded or already there, in the order
 *     given
 */
@DataType
public record SlotReadings(@Property String slot, @Property String[] households) {}
