package io.twinledger.market.settlement;

import java.math.BigDecimal;
import java.util.List;

/**
 * The conservation checks of one settled slot, each side computed independently.
 *
 * <ul>
 *   <li>Energy: kWh sold in the market = kWh bought; and every participant's bought + utility
 *       import - sold - utility export = its metered net.
 *   <li>Money: what buyers pay (to sellers before the fee, plus fees) = what sellers receive + the
 *       grid fees ({@code gridFee * volume}) + the mechanism's surplus (McAfee's reduced case; the
 *       community's).
 * </ul>
 *
 * @param soldKwh sum of the participants' sold kWh
 * @param boughtKwh sum of the participants' bought kWh
 * @param buyersPaid sum of the participants' {@code boughtAmount + feesAmount}
 * @param sellersReceived sum of the participants' {@code soldAmount}
 * @param fees {@code gridFee * traded volume}
 * @param mechanismSurplus the clearing's surplus, sum of {@code quantity * (buyerPrice - price)}
 * @param unbalanced participants whose energy does not balance (empty when all do)
 */
public record Conservation(
    BigDecimal soldKwh,
    BigDecimal boughtKwh,
    BigDecimal buyersPaid,
    BigDecimal sellersReceived,
    BigDecimal fees,
    BigDecimal mechanismSurplus,
    List<String> unbalanced) {

  public Conservation {
    unbalanced = List.copyOf(unbalanced);
  }

  /** Energy: sold = bought, and every participant balances. */
  public boolean energyHolds() {
    return soldKwh.compareTo(boughtKwh) == 0 && unbalanced.isEmpty();
  }

  /** Money: buyers' payments = sellers' revenue + fees + the mechanism's surplus. */
  public boolean moneyHolds() {
    return buyersPaid.compareTo(sellersReceived.add(fees).add(mechanismSurplus)) == 0;
  }

  /** Both checks. */
  public boolean holds() {
    return energyHolds() && moneyHolds();
  }
}
