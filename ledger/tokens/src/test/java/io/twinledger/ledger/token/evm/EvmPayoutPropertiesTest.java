package io.twinledger.ledger.token.evm;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.finance.money.Money;
import io.twinledger.finance.payout.Holding;
import io.twinledger.finance.payout.PayoutAllocation;
import io.twinledger.ledger.token.PayoutOrder;
import io.twinledger.ledger.token.PayoutReceipt;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * The same allocation on the EVM chain as in the books: random small holdings paid on a real local
 * node equal {@link PayoutAllocation} holder by holder and sum exactly.
 */
@AddLifecycleHook(EvmPayoutPropertiesTest.NeedsLocalNode.class)
class EvmPayoutPropertiesTest {

  private static LocalEvmNode node;
  private static EvmTokenLedger ledger;
  private static int tokens;

  /** Skips the properties where no local node can be started (no Node.js, no npm ci). */
  static class NeedsLocalNode implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      return LocalEvmNode.unavailable().map(SkipResult::skip).orElse(SkipResult.doNotSkip());
    }
  }

  @BeforeContainer
  static void startNode() throws Exception {
    if (LocalEvmNode.unavailable().isEmpty()) {
      node = LocalEvmNode.start();
      ledger = new EvmTokenLedger(node.settings());
    }
  }

  @AfterContainer
  static void stopNode() {
    if (ledger != null) {
      ledger.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @Property(tries = 10)
  void theChainPaysTheBooksAllocation(
      @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 1, max = 500) Integer> units,
      @ForAll @LongRange(min = 0, max = 1_000_000) long cents) {
    String token = "prop-" + (++tokens);
    List<Holding> holdings =
        IntStream.range(0, units.size())
            .mapToObj(i -> new Holding("holder-" + (char) ('a' + (i * 7) % 26) + i, units.get(i)))
            .toList();
    ledger.openToken(token, "USD");
    ledger.registerHolders(token, holdings.stream().map(Holding::holder).toList());
    ledger.issue(token, "iss", holdings);
    Money amount = new Money(BigDecimal.valueOf(cents, 2), Money.currency("USD"));

    PayoutReceipt receipt = ledger.pay(new PayoutOrder(token, "p", amount));

    assertThat(receipt.payouts())
        .containsExactlyInAnyOrderElementsOf(PayoutAllocation.allocate(amount, holdings));
  }
}
