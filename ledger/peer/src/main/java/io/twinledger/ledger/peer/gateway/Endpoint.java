package io.twinledger.ledger.peer.gateway;

/**
 * How the peer names itself in error details: the address clients reach it at and the organisation
 * it answers for.
 *
 * @param address e.g. {@code inprocess:twinledger-peer} or {@code 127.0.0.1:7051}
 * @param mspId the gateway's organisation
 */
public record Endpoint(String address, String mspId) {}
