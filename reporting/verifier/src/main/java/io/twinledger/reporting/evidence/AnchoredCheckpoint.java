package io.twinledger.reporting.evidence;

import java.util.List;
import java.util.Objects;

/**
 * A signed checkpoint with where the ledger recorded it and the CA certificates of the channel's
 * members: what a bundle carries to tie its leaves to the ledger. Evidence and report bundles carry
 * the same one.
 */
public record AnchoredCheckpoint(
    EvidenceBundle.SignedCheckpoint checkpoint,
    EvidenceBundle.Anchor anchor,
    List<EvidenceBundle.OrgCertificate> certificates) {

  public AnchoredCheckpoint {
    Objects.requireNonNull(checkpoint, "checkpoint");
    Objects.requireNonNull(anchor, "anchor");
    certificates = List.copyOf(certificates);
  }
}
