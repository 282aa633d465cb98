/**
 * Endorsement policies: which organisations must endorse a transaction, evaluated on the set of
 * endorsing MSP ids and rendered in Fabric's signature-policy syntax.
 */
package io.twinledger.network.policy;
