/** Bond token chaincode (skeleton). */
package io.twinledger.contracts.token;
