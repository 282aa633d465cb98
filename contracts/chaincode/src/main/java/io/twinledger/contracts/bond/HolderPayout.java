package io.twinledger.contracts.bond;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * What one holder received of a payment.
 *
 * @param holder the holder's id
 * @param amountMinor whole minor units of the payment's currency, as a decimal string
 */
@DataType
public record HolderPayout(@Property String holder, @Property String amountMinor) {}
