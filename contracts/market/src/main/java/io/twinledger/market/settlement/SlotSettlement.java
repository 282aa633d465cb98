package io.twinledger.market.settlement;

import io.twinledger.market.clearing.ClearingResult;
import io.twinledger.market.clearing.Trade;
import io.twinledger.market.terms.MarketTerms;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settles one cleared slot against the metered positions: the market's trades at their prices, the
 * grid fee on every kWh bought, and whatever deficit or surplus is left with the utility at its
 * tariffs (import at the retail tariff, export at the feed-in tariff). Amounts are exact.
 */
public final class SlotSettlement {

  private SlotSettlement() {}

  /**
   * Settles a slot.
   *
   * @param terms the market's terms (fee, tariffs)
   * @param positions one metered position per participant
   * @param result the slot's clearing
   * @return the accounts, ordered by participant, with the conservation checks
   * @throws IllegalArgumentException if a participant has two positions, a trade names a
   *     participant without one, or a participant bought more than its deficit or sold more than
   *     its surplus; the message names the participant
   */
  public static SlotAccounts settle(
      MarketTerms terms, List<MeteredPosition> positions, ClearingResult result) {
    Map<String, MeteredPosition> byParticipant = new TreeMap<>();
    for (MeteredPosition p : positions) {
      if (byParticipant.put(p.participant(), p) != null) {
        throw new IllegalArgumentException("two metered positions of " + p.participant());
      }
    }
    Map<String, Traded> traded = new HashMap<>();
    for (Trade t : result.trades()) {
      tradedOf(traded, byParticipant, t.buyer()).buy(t);
      tradedOf(traded, byParticipant, t.seller()).sell(t);
    }
    BigDecimal zero = BigDecimal.ZERO.setScale(3);
    List<ParticipantAccount> accounts = new ArrayList<>(byParticipant.size());
    BigDecimal sold = zero;
    BigDecimal bought = zero;
    BigDecimal buyersPaid = BigDecimal.ZERO;
    BigDecimal sellersReceived = BigDecimal.ZERO;
    List<String> unbalanced = new ArrayList<>();
    for (MeteredPosition p : byParticipant.values()) {
      Traded t = traded.getOrDefault(p.participant(), new Traded());
      BigDecimal deficit = p.deficitKwh();
      BigDecimal surplus = p.surplusKwh();
      if (t.boughtKwh.compareTo(deficit) > 0) {
        throw new IllegalArgumentException(
            p.participant()
                + " bought "
                + t.boughtKwh.toPlainString()
                + " kWh, more than its metered deficit of "
                + deficit.toPlainString()
                + " kWh");
      }
      if (t.soldKwh.compareTo(surplus) > 0) {
        throw new IllegalArgumentException(
            p.participant()
                + " sold "
                + t.soldKwh.toPlainString()
                + " kWh, more than its metered surplus of "
                + surplus.toPlainString()
                + " kWh");
      }
      BigDecimal importKwh = deficit.subtract(t.boughtKwh);
      BigDecimal exportKwh = surplus.subtract(t.soldKwh);
      ParticipantAccount account =
          new ParticipantAccount(
              p.participant(),
              p.netKwh(),
              t.boughtKwh,
              t.boughtAmount,
              t.soldKwh,
              t.soldAmount,
              t.boughtKwh.multiply(terms.gridFee()),
              importKwh,
              importKwh.multiply(terms.retailTariff()),
              exportKwh,
              exportKwh.multiply(terms.feedInTariff()),
              deficit
                  .multiply(terms.retailTariff())
                  .subtract(surplus.multiply(terms.feedInTariff())));
      accounts.add(account);
      sold = sold.add(account.soldKwh());
      bought = bought.add(account.boughtKwh());
      buyersPaid = buyersPaid.add(account.boughtAmount()).add(account.feesAmount());
      sellersReceived = sellersReceived.add(account.soldAmount());
      if (!account.energyBalances()) {
        unbalanced.add(account.participant());
      }
    }
    Conservation conservation =
        new Conservation(
            sold,
            bought,
            buyersPaid,
            sellersReceived,
            result.volume().multiply(terms.gridFee()),
            result.surplus(),
            unbalanced);
    return new SlotAccounts(accounts, conservation);
  }

  private static Traded tradedOf(
      Map<String, Traded> traded, Map<String, MeteredPosition> positions, String participant) {
    if (!positions.containsKey(participant)) {
      throw new IllegalArgumentException(
          "a trade names " + participant + ", who has no metered position in the slot");
    }
    return traded.computeIfAbsent(participant, k -> new Traded());
  }

  /** One participant's trades added up. */
  private static final class Traded {
    BigDecimal boughtKwh = BigDecimal.ZERO.setScale(3);
    BigDecimal boughtAmount = BigDecimal.ZERO;
    BigDecimal soldKwh = BigDecimal.ZERO.setScale(3);
    BigDecimal soldAmount = BigDecimal.ZERO;

    void buy(Trade t) {
      boughtKwh = boughtKwh.add(t.quantity());
      boughtAmount = boughtAmount.add(t.buyerAmount());
    }

    void sell(Trade t) {
      soldKwh = soldKwh.add(t.quantity());
      soldAmount = soldAmount.add(t.sellerAmount());
    }
  }
}
