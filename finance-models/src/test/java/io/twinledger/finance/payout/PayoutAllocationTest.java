package io.twinledger.finance.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.finance.money.Allocation;
import io.twinledger.finance.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PayoutAllocationTest {

  @Test
  void theIssuesExampleGivesTheLeftOverCentToTheSmallestHolderId() {
    assertThat(
            PayoutAllocation.allocate(
                Money.of("USD", "100.00"),
                List.of(new Holding("c", 1), new Holding("a", 1), new Holding("b", 1))))
        .containsExactly(
            new Payout("c", Money.of("USD", "33.33")),
            new Payout("a", Money.of("USD", "33.34")),
            new Payout("b", Money.of("USD", "33.33")));
  }

  @Test
  void theLargestRemainderComesBeforeTheHolderId() {
    // 5 cents over 2 : 1: exact shares 3⅓ and 1⅔ cents, floors 3 and 1; the cent left over goes to
    // b, whose remainder (⅔) is the larger, though a sorts first.
    assertThat(
            PayoutAllocation.allocate(
                Money.of("EUR", "0.05"), List.of(new Holding("a", 2), new Holding("b", 1))))
        .containsExactly(
            new Payout("a", Money.of("EUR", "0.03")), new Payout("b", Money.of("EUR", "0.02")));
  }

  @Test
  void badHoldingsAreRefusedNamingTheField() {
    Money amount = Money.of("EUR", "10.00");
    assertThatThrownBy(
            () ->
                PayoutAllocation.allocate(
                    amount, List.of(new Holding("a", 1), new Holding("b", 2), new Holding("a", 3))))
        .hasMessage("holdings[2].holder: 'a' appears twice");
    assertThatThrownBy(() -> PayoutAllocation.allocate(amount, List.of()))
        .hasMessageStartingWith("holdings:");
    assertThatThrownBy(
            () -> PayoutAllocation.allocate(Money.of("EUR", "-1.00"), List.of(new Holding("a", 1))))
        .hasMessageStartingWith("amount:");
    assertThatThrownBy(() -> new Holding("a", 0)).hasMessageStartingWith("units:");
    assertThatThrownBy(() -> new Holding(" ", 1)).hasMessageStartingWith("holder:");
  }

  @Property(tries = 300)
  void payoutsSumExactlyAndEachIsWithinOneMinorUnitOfItsShare(
      @ForAll("amounts") Money amount, @ForAll("holdings") List<Holding> holdings) {
    List<Payout> payouts = PayoutAllocation.allocate(amount, holdings);
    assertThat(
            payouts.stream().map(Payout::amount).reduce(Money.zero(amount.currency()), Money::plus))
        .isEqualTo(amount);
    long total = holdings.stream().mapToLong(Holding::units).sum();
    BigDecimal minorUnit = BigDecimal.ONE.movePointLeft(amount.minorUnitDigits());
    for (Payout payout : payouts) {
      long units =
          holdings.stream()
              .filter(h -> h.holder().equals(payout.holder()))
              .findFirst()
              .orElseThrow()
              .units();
      BigDecimal floor =
          amount
              .amount()
              .multiply(BigDecimal.valueOf(units))
              .divide(BigDecimal.valueOf(total), amount.minorUnitDigits(), RoundingMode.DOWN);
      assertThat(payout.amount().amount()).isBetween(floor, floor.add(minorUnit));
    }
  }

  @Property(tries = 200)
  void theOrderHoldingsComeInChangesNoHoldersAmount(
      @ForAll("amounts") Money amount, @ForAll("holdings") List<Holding> holdings) {
    List<Holding> shuffled = new ArrayList<>(holdings);
    Collections.shuffle(shuffled, new Random(holdings.size()));
    assertThat(PayoutAllocation.allocate(amount, shuffled))
        .containsExactlyInAnyOrderElementsOf(PayoutAllocation.allocate(amount, holdings));
  }

  @Property(tries = 200)
  void wholeHoldingsGiveWhatTheDecimalMethodGives(
      @ForAll("amounts") Money amount, @ForAll("holdings") List<Holding> holdings) {
    // The long arithmetic of whole holdings against the general decimal method, on holdings ordered
    // by holder id so that both serve ties alike.
    List<Holding> byHolder = new ArrayList<>(holdings);
    byHolder.sort(Comparator.comparing(Holding::holder));
    assertThat(PayoutAllocation.allocate(amount, byHolder).stream().map(Payout::amount).toList())
        .isEqualTo(
            Allocation.byWeights(
                amount, byHolder.stream().map(h -> BigDecimal.valueOf(h.units())).toList()));
  }

  @Provide
  Arbitrary<Money> amounts() {
    return Combinators.combine(
            Arbitraries.of("EUR", "USD", "JPY", "KWD"),
            Arbitraries.longs().between(0, 10_000_000_000L))
        .as(
            (currency, minorUnits) -> {
              Money zero = Money.zero(Money.currency(currency));
              return new Money(
                  BigDecimal.valueOf(minorUnits, zero.minorUnitDigits()), zero.currency());
            });
  }

  @Provide
  Arbitrary<List<Holding>> holdings() {
    return Arbitraries.longs()
        .between(1, 1_000_000)
        .list()
        .ofMinSize(1)
        .ofMaxSize(60)
        .map(
            units -> {
              List<Holding> holdings = new ArrayList<>();
              for (int i = 0; i < units.size(); i++) {
                holdings.add(new Holding("holder-" + (i * 7919 % 1000), units.get(i)));
              }
              // One holding per holder id: the first of each.
              return List.copyOf(
                  holdings.stream()
                      .collect(
                          Collectors.toMap(
                              Holding::holder, h -> h, (a, b) -> a, LinkedHashMap::new))
                      .values());
            });
  }
}
