/**
 * Chaincode as the consortium deploys it: the one package, the chaincode definitions that run it on
 * each channel with their endorsement policies, and their private data collections.
 */
package io.twinledger.network.chaincode;
