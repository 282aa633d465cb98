package io.twinledger.finance.bond.terms;

/**
 * How a payment to the investors is split among the token holders of record. One rule today; the
 * terms name it so that the rule a bond was issued under stays part of its hashed terms.
 */
public enum AllocationRule {
  /**
   * {@code pro-rata-largest-remainder}: {@link io.twinledger.finance.payout.PayoutAllocation}, the
   * rule the books, the Fabric token and the EVM distribution contract apply.
   */
  PRO_RATA_LARGEST_REMAINDER(
      "pro-rata-largest-remainder",
      "each holder of record gets amount × units / total units, rounded down to the minor unit;"
          + " the minor units left over go one each to the holders with the largest remainders,"
          + " ties to the smaller holder id; the allocations sum exactly to the amount");

  private final String id;
  private final String text;

  AllocationRule(String id, String text) {
    this.id = id;
    this.text = text;
  }

  /** The name in the terms document. */
  public String id() {
    return id;
  }

  /** The rule in words, as a trustee or holder reads it. */
  public String text() {
    return text;
  }
}
