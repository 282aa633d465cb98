/**
 * Hyperledger Fabric chaincode: the audit anchor ({@code audit}), the Merkle tree library it and
 * the offline verifier share ({@code merkle}), and skeletons of the energy market, bond registry
 * and token contracts. {@link io.twinledger.contracts.ContractDescription} is how every contract
 * describes itself. Depends on no other TwinLedger module.
 */
package io.twinledger.contracts;
