/** Performance-linked bond registry chaincode (skeleton). */
package io.twinledger.contracts.bond;
