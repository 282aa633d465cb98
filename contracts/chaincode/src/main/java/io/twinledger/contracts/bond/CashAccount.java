package io.twinledger.contracts.bond;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * A cash balance on the channel: a holder's payouts received, or the cash an issuer funded for its
 * payouts.
 *
 * @param currency the ISO 4217 code
 * @param owner the holder id, or the issuer's MSP id
 * @param amountMinor whole minor units as a decimal string
 */
@DataType
public record CashAccount(
    @Property String currency, @Property String owner, @Property String amountMinor) {}
