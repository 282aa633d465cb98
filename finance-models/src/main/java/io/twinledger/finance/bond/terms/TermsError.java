package io.twinledger.finance.bond.terms;

/**
 * One problem of a bond terms document.
 *
 * @param path where, such as {@code features[0].tiers[1].lower}; empty for the document as a whole
 * @param message why
 */
public record TermsError(String path, String message) {

  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
