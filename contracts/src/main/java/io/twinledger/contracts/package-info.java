/**
 * Hyperledger Fabric chaincode and Solidity contracts. Filled by issue 4 onwards; depends on no
 * other TwinLedger module.
 */
package io.twinledger.contracts;
