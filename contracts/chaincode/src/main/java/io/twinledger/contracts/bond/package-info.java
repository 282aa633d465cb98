/**
 * The bond registry chaincode: bonds with their terms hash, performance determinations with their
 * evidence, and payouts to token holders by the largest-remainder rule, one transaction each.
 */
package io.twinledger.contracts.bond;
