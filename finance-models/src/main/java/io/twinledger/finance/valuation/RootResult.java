package io.twinledger.finance.valuation;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of solving for a rate that makes a net present value zero (IRR, XIRR). A rate is
 * never picked silently: several roots are all reported, and no root comes with the reason.
 *
 * <p>Rates are rounded half-even to {@link #DECIMALS} decimals (1e-10).
 */
public sealed interface RootResult {

  /** The number of decimals reported rates are rounded to. */
  int DECIMALS = 10;

  /** Exactly one rate above -100 % makes the NPV zero. */
  record Unique(Rate rate) implements RootResult {
    public Unique {
      Objects.requireNonNull(rate, "rate");
    }
  }

  /**
   * Several rates make the NPV zero; which one is meaningful depends on the investment, so none is
   * chosen.
   *
   * @param rates the roots found, ascending
   * @param note why there can be several: the flows change sign more than once
   */
  record Multiple(List<Rate> rates, String note) implements RootResult {
    public Multiple {
      rates = List.copyOf(rates);
      Objects.requireNonNull(note, "note");
    }
  }

  /**
   * No rate is reported; the reason says why: no rate above -100 % makes the NPV zero (same-sign
   * flows, or an NPV that never reaches zero), every rate does (flows that cancel), or the rates
   * cannot be reported or searched (above 1e308, rounding to -100 %, too many sign changes).
   */
  record None(String reason) implements RootResult {
    public None {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
