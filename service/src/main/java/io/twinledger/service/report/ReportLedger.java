package io.twinledger.service.report;

import io.twinledger.ledger.audit.report.FabricReportAttestations;

/**
 * The report contract as each side submits to it: the issuer with TwinLedger's own client identity,
 * the auditor with the Independent Auditor organisation's.
 *
 * @param auditorMsp the auditor organisation's MSP id
 */
record ReportLedger(
    FabricReportAttestations issuer, FabricReportAttestations auditor, String auditorMsp) {}
