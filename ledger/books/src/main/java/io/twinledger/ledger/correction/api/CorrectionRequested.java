package io.twinledger.ledger.correction.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A correction was recorded; fields as in {@link RequestCorrection}. It applies at once unless
 * {@code approvalRequired}, in which case it waits for {@link CorrectionDecided}. Its audit leaf is
 * the record that names what it replaces.
 */
public record CorrectionRequested(
    long correctionId,
    CorrectionTarget target,
    CorrectionAction action,
    Optional<BigDecimal> value,
    String reason,
    String requestedBy,
    List<String> closedPeriods,
    boolean approvalRequired,
    Optional<Long> quarantineId) {

  public CorrectionRequested {
    value = value == null ? Optional.empty() : value;
    closedPeriods = closedPeriods == null ? List.of() : List.copyOf(closedPeriods);
    quarantineId = quarantineId == null ? Optional.empty() : quarantineId;
  }
}
