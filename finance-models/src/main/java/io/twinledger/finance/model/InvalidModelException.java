package io.twinledger.finance.model;

import java.util.List;
import java.util.stream.Collectors;

/** A model definition that cannot be read or used, with every problem found. */
public final class InvalidModelException extends RuntimeException {

  private final List<ModelError> errors;

  public InvalidModelException(List<ModelError> errors) {
    super(
        "invalid model definition:\n"
            + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  public List<ModelError> errors() {
    return errors;
  }
}
