/**
 * The report-attestation chaincode: the digests of compliance reports the city issues, signed by
 * their issuer, and the independent auditor's attestations to exactly those bytes, on channel
 * {@code infra-performance} (chaincode definition {@code twinledger-reports}).
 */
package io.twinledger.contracts.report;
