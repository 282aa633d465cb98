/** The consortium's channels: their members and the chaincode definitions committed on them. */
package io.twinledger.network.channel;
