package io.twinledger.service.evidence;

import io.twinledger.reporting.evidence.export.AnchoringLedger;
import java.util.Optional;

/**
 * What evidence and report bundles read of the ledger their checkpoints are anchored on; empty when
 * the deployment has no ledger ({@code twinledger.ledger.mode=none}).
 */
public record LedgerAnchoring(Optional<AnchoringLedger> ledger) {}
