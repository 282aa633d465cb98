package io.twinledger.ledger.token.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.contracts.evm.BondDistributionContract;
import io.twinledger.contracts.evm.BondTokenContract;
import io.twinledger.contracts.evm.CashTokenContract;
import io.twinledger.contracts.evm.ContractRevert;
import io.twinledger.contracts.evm.EvmClient;
import io.twinledger.finance.money.Money;
import io.twinledger.finance.payout.Holding;
import io.twinledger.finance.payout.Payout;
import io.twinledger.finance.payout.PayoutAllocation;
import io.twinledger.finance.payout.PayoutDigest;
import io.twinledger.ledger.token.PayoutOrder;
import io.twinledger.ledger.token.PayoutReceipt;
import io.twinledger.ledger.token.RecordSnapshot;
import io.twinledger.ledger.token.TokenRefusal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/** The EVM token ledger on a real local node (hardhat), started and stopped here. */
class EvmTokenLedgerTest {

  private static LocalEvmNode node;
  private static EvmTokenLedger ledger;
  private static int tokens;

  @BeforeAll
  static void startNode() throws Exception {
    node = LocalEvmNode.start();
    ledger = new EvmTokenLedger(node.settings());
  }

  @AfterAll
  static void stopNode() {
    if (ledger != null) {
      ledger.close();
    }
    if (node != null) {
      node.close();
    }
  }

  private static String newToken(List<String> holders) {
    String tokenId = "bond-" + (++tokens);
    ledger.openToken(tokenId, "USD");
    ledger.registerHolders(tokenId, holders);
    return tokenId;
  }

  @Test
  void issuesAndTransfersBetweenRegisteredHoldersOnly() {
    String token = newToken(List.of("alice", "bob", "carol"));
    ledger.issue(token, "iss-1", List.of(new Holding("alice", 100), new Holding("bob", 50)));
    ledger.issue(token, "iss-1", List.of(new Holding("alice", 100), new Holding("bob", 50)));
    ledger.transfer(token, "alice", "carol", 30);

    assertThat(ledger.balances(token))
        .containsExactly(
            new Holding("alice", 70), new Holding("bob", 50), new Holding("carol", 30));

    assertThatThrownBy(() -> ledger.transfer(token, "alice", "dave", 1))
        .isInstanceOfSatisfying(
            TokenRefusal.class, e -> assertThat(e.code()).isEqualTo("HOLDER_NOT_REGISTERED"));
    assertThatThrownBy(() -> ledger.transfer(token, "bob", "carol", 51))
        .isInstanceOfSatisfying(
            TokenRefusal.class, e -> assertThat(e.code()).isEqualTo("INSUFFICIENT_UNITS"));
  }

  @Test
  void theTokenItselfRefusesUnregisteredFrozenAndPaused() {
    String token = newToken(List.of("alice", "bob"));
    ledger.issue(token, "iss-1", List.of(new Holding("alice", 10)));
    BondTokenContract contract = contract(token);
    String alice = ledger.addressOf(token, "alice").orElseThrow();
    String bob = ledger.addressOf(token, "bob").orElseThrow();
    String stranger = Credentials.create("0x" + "11".repeat(32)).getAddress();

    assertThat(BondTokenContract.REASONS.get(contract.canTransfer(alice, stranger, 1)))
        .isEqualTo("HOLDER_NOT_REGISTERED");
    assertThatThrownBy(() -> contract.forcedTransfer(alice, stranger, 1, "court order"))
        .isInstanceOfSatisfying(
            ContractRevert.class,
            e -> {
              assertThat(e.error()).isEqualTo("TransferRefused");
              assertThat(e.arguments()).containsExactly("3");
            });

    ledger.setFrozen(token, "bob", true);
    assertThatThrownBy(() -> ledger.transfer(token, "alice", "bob", 1))
        .isInstanceOfSatisfying(
            TokenRefusal.class, e -> assertThat(e.code()).isEqualTo("HOLDER_FROZEN"));
    assertThatThrownBy(() -> ledger.forcedTransfer(token, "alice", "bob", 1, "lost keys"))
        .isInstanceOfSatisfying(
            TokenRefusal.class, e -> assertThat(e.code()).isEqualTo("HOLDER_FROZEN"));
    ledger.setFrozen(token, "bob", false);

    ledger.setFrozen(token, "alice", true);
    assertThatThrownBy(() -> ledger.transfer(token, "alice", "bob", 1))
        .hasMessageEndingWith("refused: the sender is frozen")
        .isInstanceOfSatisfying(
            TokenRefusal.class, e -> assertThat(e.code()).isEqualTo("HOLDER_FROZEN"));
    ledger.forcedTransfer(token, "alice", "bob", 4, "lost keys");
    ledger.setFrozen(token, "alice", false);

    contract.setPaused(true);
    assertThatThrownBy(() -> ledger.transfer(token, "alice", "bob", 1))
        .isInstanceOfSatisfying(
            TokenRefusal.class, e -> assertThat(e.code()).isEqualTo("TOKEN_PAUSED"));
    contract.setPaused(false);

    assertThat(ledger.balances(token))
        .containsExactly(new Holding("alice", 6), new Holding("bob", 4));
    assertThat(contract.balanceOf(bob)).isEqualTo(4);
  }

  @Test
  void onlyTheAgentMayRunAgentOperations() {
    String token = newToken(List.of("alice"));
    try (EvmClient outsider =
        new EvmClient(
                node.rpcUrl(), LocalEvmNode.CHAIN_ID, Credentials.create(LocalEvmNode.AGENT_KEY))
            .as(Credentials.create("0x" + "22".repeat(32)))) {
      assertThatThrownBy(() -> contract(token).as(outsider).setPaused(true))
          .isInstanceOfSatisfying(
              ContractRevert.class, e -> assertThat(e.error()).isEqualTo("NotAgent"));
    }
  }

  @Test
  void aRecordDateIsTheBalanceAtOneBlockWhateverMovesLater() {
    String token = newToken(List.of("alice", "bob"));
    ledger.issue(token, "iss-1", List.of(new Holding("alice", 10), new Holding("bob", 10)));
    RecordSnapshot snapshot = ledger.snapshot(token, "coupon-1");
    ledger.transfer(token, "alice", "bob", 7);
    ledger.forcedTransfer(token, "bob", "alice", 1, "correction");

    assertThat(ledger.snapshot(token, "coupon-1")).isEqualTo(snapshot);
    assertThat(snapshot.holdings())
        .containsExactly(new Holding("alice", 10), new Holding("bob", 10));
    String alice = ledger.addressOf(token, "alice").orElseThrow();
    assertThat(contract(token).balanceOfAt(alice, snapshot.block())).isEqualTo(10);
    assertThat(contract(token).balanceOf(alice)).isEqualTo(4);
    assertThat(contract(token).totalSupplyAt(snapshot.block())).isEqualTo(20);
  }

  @Test
  void aThousandHoldersArePaidExactlyTheBooksAllocationOnce() {
    List<Holding> holdings = randomHoldings(1000, 7);
    String token = newToken(holdings.stream().map(Holding::holder).toList());
    ledger.issue(token, "iss-1", holdings);
    Money amount = Money.of("USD", "125000.07");

    PayoutReceipt receipt = ledger.pay(new PayoutOrder(token, "coupon-1", amount));

    List<Payout> books = PayoutAllocation.allocate(amount, holdings);
    assertThat(receipt.payouts()).containsExactlyInAnyOrderElementsOf(books);
    assertThat(receipt.allocationDigest()).isEqualTo(PayoutDigest.of(books));
    assertThat(receipt.payouts().stream().map(Payout::amount).reduce(Money::plus)).contains(amount);
    CashTokenContract cash = cash(token);
    for (Payout p : books.subList(0, 50)) {
      assertThat(cash.balanceOf(ledger.addressOf(token, p.holder()).orElseThrow()))
          .isEqualTo(p.amount().amount().movePointRight(2).toBigIntegerExact());
    }

    PayoutReceipt again = ledger.pay(new PayoutOrder(token, "coupon-1", amount));
    assertThat(again).isEqualTo(receipt);
    assertThat(ledger.payout(token, "coupon-1")).contains(receipt);
    assertThat(cash.balanceOf(ledger.contracts(token).distribution())).isZero();
    assertThatThrownBy(
            () -> ledger.pay(new PayoutOrder(token, "coupon-1", Money.of("USD", "1.00"))))
        .isInstanceOfSatisfying(
            TokenRefusal.class, e -> assertThat(e.code()).isEqualTo("PAYOUT_MISMATCH"));
  }

  @Test
  void aPayoutThatStoppedHalfwayIsCompletedByANewLedgerAndNobodyIsPaidTwice() {
    List<Holding> holdings = randomHoldings(450, 11);
    String token = newToken(holdings.stream().map(Holding::holder).toList());
    ledger.issue(token, "iss-1", holdings);
    Money amount = Money.of("USD", "999.99");
    // The first run: record date, declaration and two of three batches, then a crash.
    BondDistributionContract distribution = distribution(token);
    RecordSnapshot snapshot = ledger.snapshot(token, "coupon-1");
    List<Payout> books = PayoutAllocation.allocate(amount, snapshot.holdings());
    DistributionCut cut = cut(amount, snapshot.holdings(), books);
    fund(token, amount);
    distribution.declare("coupon-1", minor(amount), cut.remainder(), cut.holderWord());
    List<String> accounts =
        snapshot.holdings().stream()
            .map(h -> ledger.addressOf(token, h.holder()).orElseThrow())
            .toList();
    distribution.payBatch("coupon-1", accounts.subList(0, 200));
    distribution.payBatch("coupon-1", accounts.subList(150, 400));
    assertThat(ledger.payout(token, "coupon-1")).isEmpty();

    EvmSettings restart =
        new EvmSettings(
            node.rpcUrl(),
            LocalEvmNode.CHAIN_ID,
            LocalEvmNode.AGENT_KEY,
            Map.of(token, ledger.contracts(token)));
    try (EvmTokenLedger resumed = new EvmTokenLedger(restart)) {
      resumed.openToken(token, "USD");
      PayoutReceipt receipt = resumed.pay(new PayoutOrder(token, "coupon-1", amount));

      assertThat(receipt.payouts()).containsExactlyInAnyOrderElementsOf(books);
      assertThat(distribution.paidEvents("coupon-1", 0)).hasSize(450);
      assertThat(distribution.payment("coupon-1").paidAmount()).isEqualTo(minor(amount));
    }
  }

  @Test
  void aForgedCutCannotClose() {
    List<Holding> holdings = randomHoldings(30, 5);
    String token = newToken(holdings.stream().map(Holding::holder).toList());
    ledger.issue(token, "iss-1", holdings);
    Money amount = Money.of("USD", "100.00");
    List<Payout> books = PayoutAllocation.allocate(amount, holdings);
    DistributionCut honest = cut(amount, holdings, books);
    assertThat(honest.holder()).isNotEmpty();
    BondDistributionContract distribution = distribution(token);
    List<String> accounts =
        holdings.stream().map(h -> ledger.addressOf(token, h.holder()).orElseThrow()).toList();

    // Too high a cut: a leftover unit is withheld, so the total falls short.
    ledger.snapshot(token, "stingy");
    fund(token, amount);
    distribution.declare(
        "stingy", minor(amount), honest.remainder().add(BigInteger.ONE), honest.holderWord());
    distribution.payBatch("stingy", accounts);
    assertThatThrownBy(() -> distribution.close("stingy"))
        .isInstanceOfSatisfying(
            ContractRevert.class, e -> assertThat(e.error()).isEqualTo("AmountMismatch"));

    // Too low a cut: one unit too many goes out, refused before other payments' cash is touched.
    ledger.snapshot(token, "generous");
    fund(token, amount);
    distribution.declare(
        "generous",
        minor(amount),
        BigInteger.ZERO,
        new DistributionCut(BigInteger.ZERO, "").holderWord());
    assertThatThrownBy(() -> distribution.payBatch("generous", accounts))
        .isInstanceOfSatisfying(
            ContractRevert.class, e -> assertThat(e.error()).isEqualTo("Overpaid"));
    assertThatThrownBy(() -> ledger.pay(new PayoutOrder(token, "generous", amount)))
        .isInstanceOfSatisfying(
            TokenRefusal.class, e -> assertThat(e.code()).isEqualTo("OVERPAID"));
    assertThat(ledger.payout(token, "generous")).isEmpty();
  }

  @Test
  void closingBeforeEveryHolderIsPaidIsRefused() {
    List<Holding> holdings = randomHoldings(10, 3);
    String token = newToken(holdings.stream().map(Holding::holder).toList());
    ledger.issue(token, "iss-1", holdings);
    Money amount = Money.of("USD", "10.00");
    ledger.snapshot(token, "coupon-1");
    DistributionCut cut = cut(amount, holdings, PayoutAllocation.allocate(amount, holdings));
    fund(token, amount);
    distribution(token).declare("coupon-1", minor(amount), cut.remainder(), cut.holderWord());
    distribution(token)
        .payBatch(
            "coupon-1",
            List.of(ledger.addressOf(token, holdings.getFirst().holder()).orElseThrow()));

    assertThatThrownBy(() -> distribution(token).close("coupon-1"))
        .isInstanceOfSatisfying(
            ContractRevert.class, e -> assertThat(e.error()).isEqualTo("HoldersUnpaid"));
  }

  static List<Holding> randomHoldings(int count, long seed) {
    Random random = new Random(seed);
    List<Holding> holdings = new ArrayList<>();
    IntStream.range(0, count)
        .forEach(
            i ->
                holdings.add(
                    new Holding(
                        String.format("inv-%05d", i),
                        1 + random.nextInt(random.nextBoolean() ? 5 : 5000))));
    return holdings;
  }

  private static DistributionCut cut(Money amount, List<Holding> holdings, List<Payout> books) {
    return DistributionCut.of(
        minor(amount), holdings, books.stream().map(p -> minor(p.amount())).toList());
  }

  private static void fund(String token, Money amount) {
    CashTokenContract cash = cash(token);
    EvmClient agent = agentClient();
    cash.mint(agent.address(), minor(amount));
    cash.approve(ledger.contracts(token).distribution(), minor(amount));
  }

  private static BigInteger minor(Money money) {
    return money.amount().movePointRight(money.minorUnitDigits()).toBigIntegerExact();
  }

  private static EvmClient agentClient() {
    return new EvmClient(
        node.rpcUrl(), LocalEvmNode.CHAIN_ID, Credentials.create(LocalEvmNode.AGENT_KEY));
  }

  private static BondTokenContract contract(String token) {
    return new BondTokenContract(agentClient(), ledger.contracts(token).token());
  }

  private static CashTokenContract cash(String token) {
    return new CashTokenContract(agentClient(), ledger.contracts(token).cash());
  }

  private static BondDistributionContract distribution(String token) {
    return new BondDistributionContract(agentClient(), ledger.contracts(token).distribution());
  }
}
