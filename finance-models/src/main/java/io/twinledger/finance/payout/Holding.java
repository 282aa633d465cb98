package io.twinledger.finance.payout;

/**
 * What one holder holds at a record date: whole token units.
 *
 * @param holder the holder's id, as the token's holder registry names it
 * @param units the units held, positive (a holder without units receives nothing and is left out)
 */
public record Holding(String holder, long units) {

  public Holding {
    if (holder == null || holder.isBlank()) {
      throw new IllegalArgumentException("holder: is required");
    }
    if (units <= 0) {
      throw new IllegalArgumentException(
          "units: must be positive, was " + units + " (leave out holders with nothing to receive)");
    }
  }
}
