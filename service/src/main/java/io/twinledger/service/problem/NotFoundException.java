package io.twinledger.service.problem;

/** A requested resource does not exist; answered with 404. */
public final class NotFoundException extends RuntimeException {

  public NotFoundException(String message) {
    super(message);
  }
}
