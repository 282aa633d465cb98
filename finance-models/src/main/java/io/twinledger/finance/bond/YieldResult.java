package io.twinledger.finance.bond;

import io.twinledger.finance.valuation.Rate;
import java.util.Objects;

/**
 * The outcome of solving for a bond's yield from its clean price ({@link BondYield#solve}): a
 * yield, or why there is none.
 */
public sealed interface YieldResult {

  /**
   * The yield at which the bond's clean price is the one given.
   *
   * @param yield rounded half-even to {@link BondYield#DECIMALS} decimals
   */
  record Found(Rate yield) implements YieldResult {
    public Found {
      Objects.requireNonNull(yield, "yield");
    }
  }

  /** No yield gives the price; the reason says why. */
  record None(String reason) implements YieldResult {
    public None {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Every yield gives the price, so none is determined: settlement is zero days (in the bond's
   * basis) before the last payment, whose value then does not depend on the yield.
   */
  record Undetermined(String reason) implements YieldResult {
    public Undetermined {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
