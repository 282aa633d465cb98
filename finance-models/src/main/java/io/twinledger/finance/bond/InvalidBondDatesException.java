package io.twinledger.finance.bond;

/**
 * A bond's dates do not fit together: an odd first or last coupon date that contradicts the issue
 * date, the maturity or the coupon frequency, or a settlement before issue. {@link #term()} names
 * the date at fault as the bond's component (or argument) is named, so that a caller can point at
 * its own field.
 */
public final class InvalidBondDatesException extends IllegalArgumentException {

  private final String term;
  private final String reason;

  /**
   * @param term the date at fault: {@code issue}, {@code firstCoupon}, {@code lastCoupon} or {@code
   *     settlement}
   * @param reason what is wrong with it, without its name
   */
  InvalidBondDatesException(String term, String reason) {
    super(term + " " + reason);
    this.term = term;
    this.reason = reason;
  }

  /**
   * The date at fault: {@code issue}, {@code firstCoupon}, {@code lastCoupon} or {@code
   * settlement}.
   */
  public String term() {
    return term;
  }

  /** What is wrong with it, without its name. */
  public String reason() {
    return reason;
  }
}
