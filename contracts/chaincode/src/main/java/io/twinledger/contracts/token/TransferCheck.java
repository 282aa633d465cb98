package io.twinledger.contracts.token;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * The answer of the ERC-3643 style pre-check {@code CanTransfer}.
 *
 * @param allowed whether {@code Transfer} with the same arguments would pass now
 * @param code {@code OK}, or the {@link TokenError} name {@code Transfer} would refuse with
 * @param message why not; empty when allowed
 */
@DataType
public record TransferCheck(
    @Property boolean allowed, @Property String code, @Property String message) {}
