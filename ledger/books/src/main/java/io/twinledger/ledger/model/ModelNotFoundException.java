package io.twinledger.ledger.model;

/** No model with the given id was ever defined. */
public final class ModelNotFoundException extends RuntimeException {

  public ModelNotFoundException(String modelId) {
    super("no model with id '" + modelId + "'");
  }
}
