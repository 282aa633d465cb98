package io.twinledger.service.risk;

/**
 * The asset exists but cannot be simulated: no active model, or a KPI history too short or
 * unusable. Answered with 422; the message says what is missing.
 */
final class RiskInputsUnusable extends RuntimeException {

  RiskInputsUnusable(String message) {
    super(message);
  }
}
