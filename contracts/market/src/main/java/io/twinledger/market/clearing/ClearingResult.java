package io.twinledger.market.clearing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of clearing one slot's book.
 *
 * @param price the one price sellers receive per kWh, when the rule has one and something traded:
 *     the uniform price, McAfee's candidate price or, in McAfee's reduced case, the marginal ask;
 *     empty for pay-as-bid (no single price; an average would be misleading) and when nothing
 *     trades
 * @param volume the kWh traded, three decimals; the sum of the trades' quantities
 * @param trades the bilateral trades, in the pairing order stated in {@link Clearing}; each pair of
 *     orders appears at most once
 */
public record ClearingResult(Optional<BigDecimal> price, BigDecimal volume, List<Trade> trades) {

  public ClearingResult {
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(volume, "volume");
    trades = List.copyOf(trades);
  }

  /** Nothing traded. */
  public static ClearingResult empty() {
    return new ClearingResult(Optional.empty(), BigDecimal.ZERO.setScale(3), List.of());
  }

  /** The mechanism's surplus (McAfee's reduced case), exact; zero under the other rules. */
  public BigDecimal surplus() {
    return trades.stream().map(Trade::surplus).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
