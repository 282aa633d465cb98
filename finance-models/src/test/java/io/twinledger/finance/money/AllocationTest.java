package io.twinledger.finance.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class AllocationTest {

  @Test
  void splitsTheRemainderByLargestRemainder() {
    // 100.00 EUR = 10000 cents over 1:1:1 → 3333.33.. each: floors 3333 ×3 = 9999,
    // one cent left; all remainders equal (1/3), so input order gives it to the first.
    assertThat(Allocation.byHoldings(Money.of("EUR", "100"), 1, 1, 1))
        .containsExactly(
            Money.of("EUR", "33.34"), Money.of("EUR", "33.33"), Money.of("EUR", "33.33"));
  }

  @Test
  void amountsAndHoldingsBeyondLongArithmeticSplitAsExactly() {
    // 10^18 euros is 10^20 cents: more than a long holds, so the decimal method splits it, with
    // ties served in the order given, as the long arithmetic does for smaller sums.
    Money huge = Money.of("EUR", "1000000000000000000");
    assertThat(Allocation.byHoldings(huge, new long[] {1, 1, 1}, Comparator.reverseOrder()))
        .containsExactly(
            Money.of("EUR", "333333333333333333.33"),
            Money.of("EUR", "333333333333333333.33"),
            Money.of("EUR", "333333333333333333.34"));
    assertThat(
            Allocation.byHoldings(
                Money.of("EUR", "100"), new long[] {1, 1, 1}, Comparator.reverseOrder()))
        .containsExactly(
            Money.of("EUR", "33.33"), Money.of("EUR", "33.33"), Money.of("EUR", "33.34"));
  }

  @Test
  void theLargestRemainderWinsOverInputOrder() {
    // 1.00 EUR = 100 cents over 1:2:3 (Σ6): exact 16.67, 33.33, 50 cents.
    // floors 16, 33, 50 = 99; remainders 4/6, 2/6, 0 → the cent goes to the first.
    assertThat(Allocation.byHoldings(Money.of("EUR", "1"), 1, 2, 3))
        .containsExactly(Money.of("EUR", "0.17"), Money.of("EUR", "0.33"), Money.of("EUR", "0.5"));
    // 0.10 EUR = 10 cents over 3:3:1 (Σ7): exact 4.29, 4.29, 1.43 cents.
    // floors 4, 4, 1 = 9; remainders 2/7, 2/7, 3/7 → the cent goes to the third.
    assertThat(Allocation.byHoldings(Money.of("EUR", "0.10"), 3, 3, 1))
        .containsExactly(Money.of("EUR", "0.04"), Money.of("EUR", "0.04"), Money.of("EUR", "0.02"));
  }

  @Test
  void aNegativeTotalSplitsSymmetrically() {
    assertThat(Allocation.byHoldings(Money.of("EUR", "-100"), 1, 1, 1))
        .containsExactly(
            Money.of("EUR", "-33.34"), Money.of("EUR", "-33.33"), Money.of("EUR", "-33.33"));
  }

  @Test
  void usesTheMinorUnitOfTheCurrency() {
    // 1000 JPY over 1:1:1 → 334, 333, 333 (no decimals)
    assertThat(Allocation.byHoldings(Money.of("JPY", "1000"), 1, 1, 1))
        .containsExactly(Money.of("JPY", "334"), Money.of("JPY", "333"), Money.of("JPY", "333"));
  }

  @Test
  void decimalWeightsWork() {
    // 10.00 over 0.5 and 0.25 → 2/3 and 1/3: 666.67 and 333.33 cents → 6.67 and 3.33
    assertThat(
            Allocation.byWeights(
                Money.of("USD", "10"), List.of(new BigDecimal("0.5"), new BigDecimal("0.25"))))
        .containsExactly(Money.of("USD", "6.67"), Money.of("USD", "3.33"));
  }

  @Test
  void rejectsBadWeightsAndUnroundedTotals() {
    assertThatThrownBy(() -> Allocation.byHoldings(Money.of("EUR", "1"), 5, 0, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weight 1 is 0");
    assertThatThrownBy(() -> Allocation.byHoldings(Money.of("EUR", "1"), 5, -3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weight 1 is -3");
    assertThatThrownBy(() -> Allocation.byHoldings(Money.of("EUR", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no weights");
    assertThatThrownBy(() -> Allocation.byHoldings(Money.of("EUR", "1.005"), 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a whole number of minor units");
  }

  @Property(tries = 300)
  void partsSumExactlyAndStayWithinOneMinorUnitOfTheExactShare(
      @ForAll @LongRange(min = -100_000_000, max = 100_000_000) long totalCents,
      @ForAll @Size(min = 1, max = 30)
          List<@LongRange(min = 1, max = 1_000_000_000) Long> holdings) {
    Money total = new Money(BigDecimal.valueOf(totalCents, 2), Money.currency("EUR"));
    long[] weights = holdings.stream().mapToLong(Long::longValue).toArray();

    List<Money> parts = Allocation.byHoldings(total, weights);

    assertThat(parts.stream().map(Money::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(total.amount());
    BigDecimal sumOfWeights = BigDecimal.valueOf(holdings.stream().mapToLong(h -> h).sum());
    for (int i = 0; i < parts.size(); i++) {
      BigDecimal exactShare =
          total
              .amount()
              .multiply(BigDecimal.valueOf(weights[i]))
              .divide(sumOfWeights, MathContext.DECIMAL128);
      assertThat(parts.get(i).amount().subtract(exactShare).abs())
          .isLessThan(new BigDecimal("0.01"));
    }
  }
}
