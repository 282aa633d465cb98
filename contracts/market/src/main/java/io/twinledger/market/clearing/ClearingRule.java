package io.twinledger.market.clearing;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * How one slot's book is cleared; chosen per market in its terms. The rules are written out in
 * {@link Clearing}'s Javadoc and in the module README.
 */
public sealed interface ClearingRule {

  /** The uniform rule's name in terms, requests and on the ledger. */
  String UNIFORM = "uniform";

  /** The pay-as-bid rule's name. */
  String PAY_AS_BID = "pay-as-bid";

  /** McAfee's trade reduction's name. */
  String TRADE_REDUCTION = "trade-reduction";

  /**
   * The rule of this name: {@value #UNIFORM} (with {@code kappa}, {@link
   * UniformPrice#DEFAULT_KAPPA} when empty), {@value #PAY_AS_BID} or {@value #TRADE_REDUCTION}
   * (without one).
   *
   * @throws IllegalArgumentException for another name, a kappa out of [0, 1], or a kappa given to a
   *     rule without one; the message starts with the field, {@code rule:} or {@code kappa:}
   */
  static ClearingRule named(String name, Optional<BigDecimal> kappa) {
    return switch (name) {
      case UNIFORM -> {
        BigDecimal k = kappa.orElse(UniformPrice.DEFAULT_KAPPA);
        if (k.signum() < 0 || k.compareTo(BigDecimal.ONE) > 0) {
          throw new IllegalArgumentException(
              "kappa: must be between 0 and 1, was " + k.toPlainString());
        }
        yield new UniformPrice(k);
      }
      case PAY_AS_BID, TRADE_REDUCTION -> {
        if (kappa.isPresent()) {
          throw new IllegalArgumentException("kappa: only the uniform rule has one, not " + name);
        }
        yield name.equals(PAY_AS_BID) ? new PayAsBid() : new TradeReduction();
      }
      default ->
          throw new IllegalArgumentException(
              "rule: must be uniform, pay-as-bid or trade-reduction, was '" + name + "'");
    };
  }

  /** This rule's name, as {@link #named} reads it. */
  default String name() {
    return switch (this) {
      case UniformPrice uniform -> UNIFORM;
      case PayAsBid payAsBid -> PAY_AS_BID;
      case TradeReduction reduction -> TRADE_REDUCTION;
    };
  }

  /** The default rule: a uniform price with {@code kappa = 1/2}. */
  static ClearingRule defaultRule() {
    return new UniformPrice(UniformPrice.DEFAULT_KAPPA);
  }

  /**
   * Uniform price (pay-as-clear), a k-double auction on the cumulative curves: maximum traded
   * volume, and the price {@code p = (1 - kappa) * low + kappa * high} from the equilibrium
   * interval {@code [low, high]}.
   *
   * @param kappa where in the interval the price lies, {@code 0 <= kappa <= 1}: 0 favours buyers, 1
   *     sellers
   */
  record UniformPrice(BigDecimal kappa) implements ClearingRule {

    /** {@code 0.5}: the middle of the equilibrium interval. */
    public static final BigDecimal DEFAULT_KAPPA = new BigDecimal("0.5");

    public UniformPrice {
      Objects.requireNonNull(kappa, "kappa");
      if (kappa.signum() < 0 || kappa.compareTo(BigDecimal.ONE) > 0) {
        throw new IllegalArgumentException(
            "kappa must be between 0 and 1 inclusive (was " + kappa.toPlainString() + ")");
      }
    }
  }

  /**
   * Pay-as-bid: the same volume and the same filled quantities as the uniform rule, but each trade
   * is priced at its bid: the buyer pays the bid, the seller receives the bid less the grid fee, so
   * {@code ask <= bid - fee}.
   */
  record PayAsBid() implements ClearingRule {}

  /**
   * McAfee's trade reduction, adapted to divisible orders: either everyone trades at one candidate
   * price, or the marginal pair of orders is left out and buyers pay more than sellers receive; the
   * difference is the community's.
   */
  record TradeReduction() implements ClearingRule {}
}
