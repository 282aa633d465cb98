/**
 * The audit-anchor chaincode: signed checkpoints of the Merkle audit logs recorded on the channel,
 * each checked against the previous one with an RFC 9162 consistency proof.
 */
package io.twinledger.contracts.audit;
