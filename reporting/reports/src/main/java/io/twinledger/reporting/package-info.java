/**
 * Compliance, investor, P&amp;L and community reports with evidence for auditors. Built on the
 * ledger and finance-models.
 */
package io.twinledger.reporting;
