package io.twinledger.ledger.token.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.contracts.evm.HolderId;
import io.twinledger.finance.money.Money;
import io.twinledger.finance.payout.Holding;
import io.twinledger.finance.payout.Payout;
import io.twinledger.finance.payout.PayoutAllocation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The cut read off the books' allocation reproduces it by the contract's rule. */
class DistributionCutTest {

  @Test
  void cutIsTheLastHolderServedALeftoverUnit() {
    // 100 cents over 3 equal holders: 33 each, remainder 100 each, one leftover to "a".
    List<Holding> holdings = List.of(new Holding("b", 1), new Holding("a", 1), new Holding("c", 1));
    DistributionCut cut = cut(Money.of("USD", "1.00"), holdings);
    assertThat(cut).isEqualTo(new DistributionCut(BigInteger.ONE, "a"));
  }

  @Test
  void withNothingLeftOverNoRemainderReachesTheCut() {
    List<Holding> holdings = List.of(new Holding("a", 1), new Holding("b", 3));
    assertThat(cut(Money.of("USD", "4.00"), holdings))
        .isEqualTo(new DistributionCut(BigInteger.valueOf(4), ""));
    assertThat(new DistributionCut(BigInteger.valueOf(4), "").holderWord().getValue())
        .containsOnly(0);
  }

  @Test
  void refusesAPayoutThatIsNotFloorOrFloorPlusOne() {
    List<Holding> holdings = List.of(new Holding("a", 1), new Holding("b", 1));
    assertThatThrownBy(
            () ->
                DistributionCut.of(
                    BigInteger.valueOf(100),
                    holdings,
                    List.of(BigInteger.valueOf(52), BigInteger.valueOf(48))))
        .hasMessageStartingWith("payouts[0]: 52");
  }

  /** The contract's per-holder formula, applied with the cut, gives the books' allocation. */
  @Property(tries = 300)
  void contractRuleWithTheCutIsTheBooksAllocation(
      @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 1, max = 1000) Integer> units,
      @ForAll @LongRange(min = 0, max = 10_000_000) long cents) {
    List<Holding> holdings =
        IntStream.range(0, units.size())
            .mapToObj(i -> new Holding("h" + (char) ('a' + i % 26) + i, units.get(i)))
            .toList();
    Money amount = new Money(BigDecimal.valueOf(cents, 2), Money.currency("USD"));
    List<Payout> books = PayoutAllocation.allocate(amount, holdings);
    DistributionCut cut = cut(amount, holdings);
    BigInteger total = BigInteger.valueOf(units.stream().mapToLong(Integer::longValue).sum());
    BigInteger thresholdId = new BigInteger(1, cut.holderWord().getValue());
    for (int i = 0; i < holdings.size(); i++) {
      BigInteger[] share =
          BigInteger.valueOf(cents)
              .multiply(BigInteger.valueOf(units.get(i)))
              .divideAndRemainder(total);
      BigInteger id = new BigInteger(1, HolderId.encode(holdings.get(i).holder()).getValue());
      int byRemainder = share[1].compareTo(cut.remainder());
      boolean leftover = byRemainder > 0 || (byRemainder == 0 && id.compareTo(thresholdId) <= 0);
      BigInteger onChain = share[0].add(leftover ? BigInteger.ONE : BigInteger.ZERO);
      assertThat(onChain).isEqualTo(minor(books.get(i).amount()));
    }
  }

  private static DistributionCut cut(Money amount, List<Holding> holdings) {
    return DistributionCut.of(
        minor(amount),
        holdings,
        PayoutAllocation.allocate(amount, holdings).stream().map(p -> minor(p.amount())).toList());
  }

  private static BigInteger minor(Money money) {
    return money.amount().movePointRight(2).toBigIntegerExact();
  }
}
