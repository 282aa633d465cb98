package io.twinledger.ledger.token.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.contracts.chaincode.TwinLedgerChaincode;
import io.twinledger.finance.money.Money;
import io.twinledger.finance.payout.Holding;
import io.twinledger.finance.payout.Payout;
import io.twinledger.finance.payout.PayoutAllocation;
import io.twinledger.finance.payout.PayoutDigest;
import io.twinledger.ledger.peer.fixture.ConsortiumPeerFixture;
import io.twinledger.ledger.token.PayoutOrder;
import io.twinledger.ledger.token.PayoutReceipt;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The chaincode keeps its own copy of the payout allocation rule; on the real path (the embedded
 * peer, the gateway client, {@link FabricTokenLedger#pay}) it pays exactly what finance-models'
 * {@link PayoutAllocation} allocates, with the same {@link PayoutDigest}, for random holdings and
 * amounts. Holder ids come from a small alphabet so that equal remainders are common and the tie
 * order is exercised; amounts reach past what {@code long} products of amount and units hold.
 */
class FabricPayoutAllocationPropertyTest {

  private static final AtomicInteger TOKENS = new AtomicInteger();

  private static Path data;
  private static ConsortiumPeerFixture fixture;
  private static FabricTokenLedger ledger;

  @BeforeContainer
  static void network() throws IOException {
    data = Files.createTempDirectory("fabric-payout-property");
    fixture =
        ConsortiumPeerFixture.start(
            data, TwinLedgerChaincode.CONTRACTS, TwinLedgerChaincode.DATA_TYPES);
    ledger = new FabricTokenLedger(fixture.gateway(), ConsortiumPeerFixture.CHANNEL);
    ledger.fundCash(Money.of("USD", "9000000000000000.00"));
  }

  @AfterContainer
  static void close() throws InterruptedException {
    fixture.close();
  }

  @Property(tries = 8)
  void theChaincodePaysWhatPayoutAllocationAllocates(
      @ForAll("holdings") List<Holding> holdings, @ForAll("amounts") long amountMinor) {
    String token = "prop-" + TOKENS.incrementAndGet();
    ledger.openToken(token, "USD");
    ledger.registerBond(token, "ab".repeat(32), "USD");
    ledger.registerHolders(token, holdings.stream().map(Holding::holder).toList());
    ledger.issue(token, "issue-1", holdings);
    Money amount = Money.of("USD", BigDecimal.valueOf(amountMinor, 2).toPlainString());

    PayoutReceipt receipt = ledger.pay(new PayoutOrder(token, "p", amount));

    List<Payout> expected =
        PayoutAllocation.allocate(
            amount, holdings.stream().sorted(Comparator.comparing(Holding::holder)).toList());
    assertThat(receipt.payouts()).containsExactlyElementsOf(expected);
    assertThat(receipt.allocationDigest()).isEqualTo(PayoutDigest.of(expected));
  }

  @Provide
  Arbitrary<List<Holding>> holdings() {
    Arbitrary<String> ids =
        Arbitraries.strings().withChars("aAbB0._-").ofMinLength(1).ofMaxLength(4);
    Arbitrary<Long> units =
        Arbitraries.oneOf(
            Arbitraries.longs().between(1, 10), Arbitraries.longs().between(1, 1_000_000_000_000L));
    return ids.list()
        .ofMinSize(1)
        .ofMaxSize(40)
        .uniqueElements()
        .flatMap(
            names ->
                units
                    .list()
                    .ofSize(names.size())
                    .map(
                        amounts -> {
                          List<Holding> holdings = new ArrayList<>(names.size());
                          for (int i = 0; i < names.size(); i++) {
                            holdings.add(new Holding(names.get(i), amounts.get(i)));
                          }
                          return holdings;
                        }));
  }

  @Provide
  Arbitrary<Long> amounts() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(1, 1_000),
        Arbitraries.longs().between(1, 100_000_000_000_000L));
  }
}
