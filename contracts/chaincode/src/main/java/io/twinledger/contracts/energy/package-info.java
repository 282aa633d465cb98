/** Peer-to-peer solar trading chaincode (skeleton). */
package io.twinledger.contracts.energy;
