/**
 * Compliance reports on the ledger: {@link
 * io.twinledger.ledger.audit.report.FabricReportAttestations} issues a report's digest, attests to
 * it and reads it back through the report chaincode ({@code twinledger-reports}), with the Fabric
 * Gateway client.
 */
package io.twinledger.ledger.audit.report;
