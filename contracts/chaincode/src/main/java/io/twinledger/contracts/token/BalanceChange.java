package io.twinledger.contracts.token;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * One write of a holder's account, from the key's history: the balance from that transaction on.
 *
 * @param txId the transaction that wrote it
 * @param timestamp that transaction's timestamp, ISO-8601 UTC
 * @param units the balance it left
 * @param frozen whether it left the holder frozen
 */
@DataType
public record BalanceChange(
    @Property String txId,
    @Property String timestamp,
    @Property long units,
    @Property boolean frozen) {}
