package io.twinledger.ledger.token.evm;

import io.twinledger.contracts.evm.BondDistributionContract;
import io.twinledger.contracts.evm.BondDistributionContract.PaidEvent;
import io.twinledger.contracts.evm.BondDistributionContract.PaymentState;
import io.twinledger.contracts.evm.BondTokenContract;
import io.twinledger.contracts.evm.BondTokenContract.RegisteredHolder;
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
import io.twinledger.ledger.token.TokenLedger;
import io.twinledger.ledger.token.TokenRefusal;
import io.twinledger.ledger.token.evm.EvmSettings.EvmContracts;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.web3j.crypto.Credentials;

/**
 * The {@link TokenLedger} on an EVM chain: per bond a {@code BondToken}, the {@code CashToken} of
 * its currency and a {@code BondDistribution}, deployed by the agent or attached to from {@link
 * EvmSettings#contracts()}.
 *
 * <p>Holder ids map to addresses through the token's own registry; the addresses are those of
 * {@link HolderWallets} (demo custody). A payout runs:
 *
 * <ol>
 *   <li>{@code recordDate}: the block before the one that mines it is the record block, complete
 *       and so fixed (once per payment);
 *   <li>the balances at that block, allocated by {@link PayoutAllocation}, and the allocation's
 *       {@link DistributionCut};
 *   <li>funding: the agent mints any shortfall of the cash token (it stands in for the issuer's
 *       deposit token), approves the distribution, and {@code declare}s amount and cut;
 *   <li>{@code payBatch} for the holders not yet paid ({@code Paid} events), {@value #BATCH} a
 *       transaction;
 *   <li>{@code close}, which reverts unless every unit of the record block was paid and the total
 *       is exactly the amount.
 * </ol>
 *
 * Each step is idempotent on chain, so a new ledger with the same settings completes a payout that
 * stopped anywhere and nobody is paid twice. Refusals by the contracts come as {@link TokenRefusal}
 * whose code is the {@code canTransfer} reason ({@link BondTokenContract#REASONS}) or the contract
 * error's name in upper snake case ({@code HoldersUnpaid} → {@code HOLDERS_UNPAID}).
 */
public final class EvmTokenLedger implements TokenLedger, AutoCloseable {

  /** Holders per {@code payBatch}, {@code registerHolders} and {@code mintBatch} transaction. */
  public static final int BATCH = 200;

  /** A holder's own transfer needs gas: below 0.01 of the coin the agent tops it up by 0.1. */
  private static final BigInteger HOLDER_GAS_FLOOR = BigInteger.TEN.pow(16);

  private static final BigInteger HOLDER_GAS_TOP_UP = BigInteger.TEN.pow(17);

  private final EvmSettings settings;
  private final BiConsumer<String, EvmContracts> deployed;
  private final EvmClient agent;
  private final HolderWallets wallets;
  private final Map<String, Deployment> tokens = new ConcurrentHashMap<>();

  /** One bond's contracts, and the registry read from its token. */
  private record Deployment(
      String currency,
      BondTokenContract token,
      CashTokenContract cash,
      BondDistributionContract distribution,
      Map<String, String> addressOf) {}

  public EvmTokenLedger(EvmSettings settings) {
    this(settings, (tokenId, contracts) -> {});
  }

  /**
   * @param deployed told of every token whose contracts this ledger deploys, so that the caller
   *     stores their addresses and attaches to them after a restart ({@link
   *     EvmSettings#contracts()})
   */
  public EvmTokenLedger(EvmSettings settings, BiConsumer<String, EvmContracts> deployed) {
    this.settings = settings;
    this.deployed = deployed;
    this.agent =
        new EvmClient(
            settings.rpcUrl(), settings.chainId(), Credentials.create(settings.agentPrivateKey()));
    this.wallets = new HolderWallets(settings.agentPrivateKey());
  }

  @Override
  public String chain() {
    return "evm";
  }

  /**
   * The contracts of {@code tokenId}, to store and attach to with {@link EvmSettings#contracts()}.
   */
  public EvmContracts contracts(String tokenId) {
    Deployment d = deployment(tokenId);
    return new EvmContracts(d.token().address(), d.cash().address(), d.distribution().address());
  }

  /** The address holder {@code holder} is registered under, if it is. */
  public Optional<String> addressOf(String tokenId, String holder) {
    return lookup(deployment(tokenId), holder);
  }

  @Override
  public void openToken(String tokenId, String currency) {
    tokens.computeIfAbsent(
        tokenId,
        id -> {
          EvmContracts known = settings.contracts().get(id);
          if (known != null) {
            return attach(currency, known);
          }
          int digits = Money.zero(Money.currency(currency)).minorUnitDigits();
          CashTokenContract cash = CashTokenContract.deploy(agent, currency, digits);
          BondTokenContract token = BondTokenContract.deploy(agent, id, id);
          BondDistributionContract distribution =
              BondDistributionContract.deploy(agent, token.address(), cash.address());
          deployed.accept(
              id, new EvmContracts(token.address(), cash.address(), distribution.address()));
          return new Deployment(currency, token, cash, distribution, new ConcurrentHashMap<>());
        });
  }

  private Deployment attach(String currency, EvmContracts known) {
    Deployment d =
        new Deployment(
            currency,
            new BondTokenContract(agent, known.token()),
            new CashTokenContract(agent, known.cash()),
            new BondDistributionContract(agent, known.distribution()),
            new ConcurrentHashMap<>());
    int digits = Money.zero(Money.currency(currency)).minorUnitDigits();
    if (d.cash().decimals() != digits) {
      throw new IllegalArgumentException(
          "contracts.cash: token at "
              + known.cash()
              + " has "
              + d.cash().decimals()
              + " decimals, "
              + currency
              + " has "
              + digits);
    }
    return d;
  }

  @Override
  public void registerHolders(String tokenId, List<String> holders) {
    Deployment d = deployment(tokenId);
    Map<String, String> registered = registry(d);
    List<RegisteredHolder> fresh =
        new LinkedHashSet<>(holders)
            .stream()
                .filter(h -> !registered.containsKey(h))
                .map(h -> new RegisteredHolder(wallets.of(h).getAddress(), h))
                .toList();
    for (int i = 0; i < fresh.size(); i += BATCH) {
      List<RegisteredHolder> batch = fresh.subList(i, Math.min(i + BATCH, fresh.size()));
      refusing(() -> d.token().registerHolders(batch));
      batch.forEach(h -> registered.put(h.holder(), h.address()));
    }
  }

  @Override
  public void setFrozen(String tokenId, String holder, boolean frozen) {
    Deployment d = deployment(tokenId);
    String account = registeredAddress(d, holder);
    refusing(() -> d.token().setFrozen(account, frozen));
  }

  @Override
  public void issue(String tokenId, String issuanceId, List<Holding> holdings) {
    Deployment d = deployment(tokenId);
    for (int i = 0; i < holdings.size(); i += BATCH) {
      List<Holding> batch = holdings.subList(i, Math.min(i + BATCH, holdings.size()));
      List<String> accounts = batch.stream().map(h -> registeredAddress(d, h.holder())).toList();
      List<Long> units = batch.stream().map(Holding::units).toList();
      String batchId = issuanceId + "#" + (i / BATCH);
      refusing(() -> d.token().mintBatch(batchId, accounts, units));
    }
  }

  @Override
  public void transfer(String tokenId, String from, String to, long units) {
    Deployment d = deployment(tokenId);
    String sender = registeredAddress(d, from);
    String receiver = registeredAddress(d, to);
    int reason = d.token().canTransfer(sender, receiver, units);
    if (reason != 0) {
      throw new TokenRefusal(
          BondTokenContract.REASONS.get(reason),
          "transfer of "
              + units
              + " from "
              + from
              + " to "
              + to
              + " refused: "
              + BondTokenContract.REASON_TEXTS.get(reason));
    }
    if (agent.coinBalance(sender).compareTo(HOLDER_GAS_FLOOR) < 0) {
      agent.sendCoin(sender, HOLDER_GAS_TOP_UP);
    }
    try (EvmClient holder = agent.as(wallets.of(from))) {
      refusing(() -> d.token().as(holder).transfer(receiver, units));
    }
  }

  @Override
  public void forcedTransfer(String tokenId, String from, String to, long units, String reason) {
    Deployment d = deployment(tokenId);
    String sender = registeredAddress(d, from);
    String receiver = registeredAddress(d, to);
    refusing(() -> d.token().forcedTransfer(sender, receiver, units, reason));
  }

  @Override
  public List<Holding> balances(String tokenId) {
    Deployment d = deployment(tokenId);
    List<RegisteredHolder> holders = d.token().holders(BATCH);
    List<Holding> holdings = new ArrayList<>();
    for (int i = 0; i < holders.size(); i += BATCH) {
      List<RegisteredHolder> page = holders.subList(i, Math.min(i + BATCH, holders.size()));
      holdings.addAll(
          positive(
              page, d.token().balancesOf(page.stream().map(RegisteredHolder::address).toList())));
    }
    holdings.sort(Comparator.comparing(Holding::holder));
    return List.copyOf(holdings);
  }

  @Override
  public RecordSnapshot snapshot(String tokenId, String paymentId) {
    Deployment d = deployment(tokenId);
    PaymentState state = d.distribution().payment(paymentId);
    if (!state.recorded()) {
      refusing(() -> d.distribution().recordDate(paymentId));
      state = d.distribution().payment(paymentId);
    }
    long recordBlock = state.recordBlock();
    List<RegisteredHolder> holders = d.token().holders(BATCH);
    List<Holding> holdings = new ArrayList<>();
    for (int i = 0; i < holders.size(); i += BATCH) {
      List<RegisteredHolder> page = holders.subList(i, Math.min(i + BATCH, holders.size()));
      List<String> accounts = page.stream().map(RegisteredHolder::address).toList();
      holdings.addAll(positive(page, d.token().balancesOfAt(accounts, recordBlock)));
    }
    holdings.sort(Comparator.comparing(Holding::holder));
    return new RecordSnapshot(chain(), tokenId, paymentId, recordBlock, holdings);
  }

  @Override
  public PayoutReceipt pay(PayoutOrder order) {
    Deployment d = deployment(order.tokenId());
    requireCurrency(d, order.amount());
    String paymentId = order.paymentId();
    BigInteger amount = minorUnits(order.amount());
    PaymentState state = d.distribution().payment(paymentId);
    if (state.closed()) {
      return checked(d, order, state);
    }
    RecordSnapshot snapshot = snapshot(order.tokenId(), paymentId);
    List<Payout> allocation = PayoutAllocation.allocate(order.amount(), snapshot.holdings());
    if (!state.declared()) {
      DistributionCut cut =
          DistributionCut.of(
              amount,
              snapshot.holdings(),
              allocation.stream().map(p -> minorUnits(p.amount())).toList());
      BigInteger shortfall = amount.subtract(d.cash().balanceOf(agent.address()));
      if (shortfall.signum() > 0) {
        refusing(() -> d.cash().mint(agent.address(), shortfall));
      }
      refusing(() -> d.cash().approve(d.distribution().address(), amount));
      refusing(
          () -> d.distribution().declare(paymentId, amount, cut.remainder(), cut.holderWord()));
      state = d.distribution().payment(paymentId);
    } else if (!state.amount().equals(amount)) {
      throw new TokenRefusal(
          "PAYOUT_MISMATCH",
          "payment "
              + paymentId
              + " was declared for "
              + state.amount()
              + " minor units, not "
              + amount);
    }
    Set<String> paid = new HashSet<>();
    d.distribution()
        .paidEvents(paymentId, state.recordBlock())
        .forEach(e -> paid.add(e.holderAddress()));
    List<String> unpaid =
        snapshot.holdings().stream()
            .map(h -> registeredAddress(d, h.holder()).toLowerCase(Locale.ROOT))
            .filter(a -> !paid.contains(a))
            .toList();
    for (int i = 0; i < unpaid.size(); i += BATCH) {
      List<String> batch = unpaid.subList(i, Math.min(i + BATCH, unpaid.size()));
      refusing(() -> d.distribution().payBatch(paymentId, batch));
    }
    refusing(() -> d.distribution().close(paymentId));
    PayoutReceipt receipt = checked(d, order, d.distribution().payment(paymentId));
    if (!receipt.allocationDigest().equals(PayoutDigest.of(allocation))) {
      throw new TokenRefusal(
          "PAYOUT_MISMATCH", "payment " + paymentId + " was paid otherwise than its allocation");
    }
    return receipt;
  }

  @Override
  public Optional<PayoutReceipt> payout(String tokenId, String paymentId) {
    Deployment d = deployment(tokenId);
    PaymentState state = d.distribution().payment(paymentId);
    return state.closed() ? Optional.of(receipt(d, tokenId, paymentId, state)) : Optional.empty();
  }

  private PayoutReceipt checked(Deployment d, PayoutOrder order, PaymentState state) {
    if (!state.amount().equals(minorUnits(order.amount()))) {
      throw new TokenRefusal(
          "PAYOUT_MISMATCH",
          "payment "
              + order.paymentId()
              + " was paid as "
              + state.amount()
              + " minor units, not "
              + order.amount());
    }
    return receipt(d, order.tokenId(), order.paymentId(), state);
  }

  private PayoutReceipt receipt(
      Deployment d, String tokenId, String paymentId, PaymentState state) {
    List<PaidEvent> events = d.distribution().paidEvents(paymentId, state.recordBlock());
    int digits = Money.zero(Money.currency(d.currency())).minorUnitDigits();
    List<Payout> payouts =
        events.stream()
            .map(
                e ->
                    new Payout(
                        e.holder(),
                        new Money(
                            new BigDecimal(e.amount(), digits), Money.currency(d.currency()))))
            .sorted(Comparator.comparing(Payout::holder))
            .toList();
    LinkedHashSet<String> transactions = new LinkedHashSet<>();
    events.forEach(e -> transactions.add(e.transaction()));
    var closed =
        d.distribution()
            .closedEvent(paymentId, state.recordBlock())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "payment " + paymentId + " closed without a Closed event"));
    transactions.add(closed.transaction());
    return new PayoutReceipt(
        chain(),
        tokenId,
        paymentId,
        payouts,
        PayoutDigest.of(payouts),
        List.copyOf(transactions),
        closed.block());
  }

  private Deployment deployment(String tokenId) {
    Deployment d = tokens.get(tokenId);
    if (d == null) {
      throw new IllegalArgumentException(
          "tokenId: '" + tokenId + "' is not open on this ledger (call openToken first)");
    }
    return d;
  }

  /** The holder id → address registry of {@code d}, read from the token when first needed. */
  private static Map<String, String> registry(Deployment d) {
    Map<String, String> registry = d.addressOf();
    if (registry.isEmpty()) {
      reload(d);
    }
    return registry;
  }

  /** Rereads the registry: another ledger on the same contracts may have admitted holders. */
  private static void reload(Deployment d) {
    d.token().holders(BATCH).forEach(h -> d.addressOf().put(h.holder(), h.address()));
  }

  private static Optional<String> lookup(Deployment d, String holder) {
    String address = registry(d).get(holder);
    if (address == null) {
      reload(d);
      address = d.addressOf().get(holder);
    }
    return Optional.ofNullable(address);
  }

  private static String registeredAddress(Deployment d, String holder) {
    return lookup(d, holder)
        .orElseThrow(
            () ->
                new TokenRefusal(
                    "HOLDER_NOT_REGISTERED", "holder '" + holder + "' is not registered"));
  }

  private static List<Holding> positive(List<RegisteredHolder> holders, List<BigInteger> units) {
    List<Holding> out = new ArrayList<>();
    for (int i = 0; i < holders.size(); i++) {
      if (units.get(i).signum() > 0) {
        out.add(new Holding(holders.get(i).holder(), units.get(i).longValueExact()));
      }
    }
    return out;
  }

  private static void requireCurrency(Deployment d, Money amount) {
    if (!amount.currency().getCurrencyCode().equals(d.currency())) {
      throw new IllegalArgumentException(
          "amount: token pays in " + d.currency() + ", not " + amount.currency().getCurrencyCode());
    }
  }

  private static BigInteger minorUnits(Money money) {
    return money.amount().movePointRight(money.minorUnitDigits()).toBigIntegerExact();
  }

  /** Runs a contract call, turning a contract's revert into a {@link TokenRefusal}. */
  private static <T> T refusing(Supplier<T> call) {
    try {
      return call.get();
    } catch (ContractRevert e) {
      throw new TokenRefusal(code(e), e.getMessage());
    }
  }

  private static String code(ContractRevert e) {
    if (e.error().equals("TransferRefused")) {
      return BondTokenContract.REASONS.get(Integer.parseInt(e.arguments().getFirst()));
    }
    if (e.error().equals("NotAgent")) {
      return "UNAUTHORIZED";
    }
    return e.error().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  @Override
  public void close() {
    agent.close();
  }
}
