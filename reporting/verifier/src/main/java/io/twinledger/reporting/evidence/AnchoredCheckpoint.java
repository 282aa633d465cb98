package io.twinledger.reporting.evidence;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

  /** The CA certificate of {@code mspId} in the bundle, when it holds a readable one. */
  public Optional<X509Certificate> caOf(String mspId) {
    return certificates.stream()
        .filter(c -> c.mspId().equals(mspId))
        .findFirst()
        .flatMap(
            c -> {
              try {
                return Optional.of(Pem.certificate(c.caCertificate()));
              } catch (IllegalArgumentException e) {
                return Optional.empty();
              }
            });
  }
}
