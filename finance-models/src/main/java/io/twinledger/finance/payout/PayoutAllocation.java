package io.twinledger.finance.payout;

import io.twinledger.finance.money.Allocation;
import io.twinledger.finance.money.Money;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How a bond's payment is split among its token holders at the record date, the rule its terms
 * state and every holder can recompute:
 *
 * <ol>
 *   <li>each holder gets {@code amount × units / total units}, rounded down to the currency's minor
 *       unit;
 *   <li>the minor units left over go one each to the holders with the largest remainders;
 *   <li>equal remainders are served in the order of holder ids ({@link String#compareTo}), smaller
 *       first.
 * </ol>
 *
 * <p>The allocations sum exactly to the amount: nothing is left over as dust. This is {@link
 * Allocation#byHoldings(Money, long[], Comparator)}, the largest-remainder method with ties served
 * by holder id; the books, the Fabric token and the EVM distribution contract apply the same rule.
 */
public final class PayoutAllocation {

  private PayoutAllocation() {}

  /**
   * Splits {@code amount} among {@code holdings}.
   *
   * @param amount the payment, a whole number of minor units, not negative
   * @param holdings one per holder, in any order
   * @return one payout per holding, in the order given, summing exactly to {@code amount}
   * @throws IllegalArgumentException if there are no holdings, a holder appears twice (its position
   *     in {@code holdings} is named), or the amount is negative or finer than a minor unit
   */
  public static List<Payout> allocate(Money amount, List<Holding> holdings) {
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("amount: must not be negative, was " + amount);
    }
    if (holdings.isEmpty()) {
      throw new IllegalArgumentException("holdings: at least one holder is required");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < holdings.size(); i++) {
      if (!seen.add(holdings.get(i).holder())) {
        throw new IllegalArgumentException(
            "holdings[" + i + "].holder: '" + holdings.get(i).holder() + "' appears twice");
      }
    }
    List<Money> parts =
        Allocation.byHoldings(
            amount,
            holdings.stream().mapToLong(Holding::units).toArray(),
            Comparator.comparing((Integer i) -> holdings.get(i).holder()));
    List<Payout> payouts = new ArrayList<>(holdings.size());
    for (int i = 0; i < holdings.size(); i++) {
      payouts.add(new Payout(holdings.get(i).holder(), parts.get(i)));
    }
    return List.copyOf(payouts);
  }
}
