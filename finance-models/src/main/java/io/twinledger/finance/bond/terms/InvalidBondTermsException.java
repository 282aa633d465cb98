package io.twinledger.finance.bond.terms;

import java.util.List;
import java.util.stream.Collectors;

/** A bond terms document that cannot be read or used, with every problem found. */
public final class InvalidBondTermsException extends RuntimeException {

  private final List<TermsError> errors;

  public InvalidBondTermsException(List<TermsError> errors) {
    super(
        "invalid bond terms:\n"
            + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  /** Every problem, in document order. */
  public List<TermsError> errors() {
    return errors;
  }
}
