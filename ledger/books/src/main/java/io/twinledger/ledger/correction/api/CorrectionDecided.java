package io.twinledger.ledger.correction.api;

import java.util.Optional;

/** A waiting correction was approved, and so applies, or rejected, and so never applies. */
public record CorrectionDecided(
    long correctionId, String decidedBy, boolean approved, Optional<String> reason) {

  public CorrectionDecided {
    reason = reason == null ? Optional.empty() : reason;
  }
}
