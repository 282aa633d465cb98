package io.twinledger.finance.model;

/**
 * One problem of a model definition.
 *
 * @param path where: a field such as {@code parameters.tariff.unit} or {@code lines[2]
 *     (recovered-revenue).formula}; empty for the document as a whole
 * @param message why, including the 1-based character position for problems inside a formula
 */
public record ModelError(String path, String message) {

  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
