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
import io.twinledger.ledger.token.RecordSnapshot;
import io.twinledger.ledger.token.TokenRefusal;
import io.twinledger.network.msp.MspIdentity;
import io.twinledger.network.msp.NodeOu;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FabricTokenLedger} on the embedded peer configured from the consortium: the real chaincode
 * ({@code twinledger-bonds}), the real Fabric Gateway client, PostgreSQL. The gateway is the City
 * Finance Office's, the tokens' issuer.
 */
class FabricTokenLedgerTest {

  private static final String CHANNEL = ConsortiumPeerFixture.CHANNEL;
  private static final String TERMS = "ab".repeat(32);

  @TempDir static Path data;

  private static ConsortiumPeerFixture fixture;
  private static FabricTokenLedger ledger;

  @BeforeAll
  static void network() {
    fixture =
        ConsortiumPeerFixture.start(
            data, TwinLedgerChaincode.CONTRACTS, TwinLedgerChaincode.DATA_TYPES);
    ledger = new FabricTokenLedger(fixture.gateway(), CHANNEL);
  }

  @AfterAll
  static void close() throws InterruptedException {
    fixture.close();
  }

  @Test
  void aThousandHolderPayoutIsPaidInOneTransactionByThePayoutAllocationRule() {
    List<Holding> holdings = issue("gb-1000", 1000, 7);
    Money amount = Money.of("USD", "123456.78");

    PayoutReceipt receipt = ledger.pay(new PayoutOrder("gb-1000", "coupon-2027-06", amount));

    List<Payout> expected = PayoutAllocation.allocate(amount, sortedByHolder(holdings));
    assertThat(receipt.payouts()).containsExactlyElementsOf(expected);
    assertThat(receipt.allocationDigest()).isEqualTo(PayoutDigest.of(expected));
    assertThat(receipt.payouts().stream().map(Payout::amount).reduce(Money::plus)).contains(amount);
    assertThat(receipt.chain()).isEqualTo("fabric");
    assertThat(receipt.transactions()).hasSize(2).doesNotHaveDuplicates();
    assertThat(receipt.block()).isPositive();
    Payout first = expected.getFirst();
    assertThat(cash(first.holder())).isEqualTo(first.amount());
    assertThat(ledger.payout("gb-1000", "coupon-2027-06")).contains(receipt);
  }

  @Test
  void payingTheSamePaymentTwicePaysOnce() {
    issue("gb-twice", 20, 11);
    PayoutOrder order = new PayoutOrder("gb-twice", "coupon-1", Money.of("USD", "1000.00"));
    PayoutReceipt first = ledger.pay(order);
    Money holderCash = cash(first.payouts().getFirst().holder());
    long funded = issuerCash();

    PayoutReceipt again = ledger.pay(order);

    assertThat(again).isEqualTo(first);
    assertThat(cash(first.payouts().getFirst().holder())).isEqualTo(holderCash);
    assertThat(issuerCash()).isEqualTo(funded);
    TokenRefusal refused =
        catchRefusal(
            () -> ledger.pay(new PayoutOrder("gb-twice", "coupon-1", Money.of("USD", "1000.01"))));
    assertThat(refused.code()).isEqualTo("PAYOUT_EXISTS");
  }

  @Test
  void aPayoutInterruptedAfterItsSnapshotIsCompletedOnceByANewLedger() {
    List<Holding> holdings = issue("gb-crash", 50, 13);
    RecordSnapshot snapshot = ledger.snapshot("gb-crash", "coupon-1");
    // The process dies here; holders trade before it restarts.
    Holding seller = sortedByHolder(holdings).getFirst();
    Holding buyer = sortedByHolder(holdings).getLast();
    ledger.transfer("gb-crash", seller.holder(), buyer.holder(), seller.units());

    FabricTokenLedger restarted = new FabricTokenLedger(fixture.gateway(), CHANNEL);
    Money amount = Money.of("USD", "5000.00");
    PayoutReceipt receipt = restarted.pay(new PayoutOrder("gb-crash", "coupon-1", amount));

    assertThat(restarted.snapshot("gb-crash", "coupon-1")).isEqualTo(snapshot);
    assertThat(snapshot.holdings()).containsExactlyElementsOf(sortedByHolder(holdings));
    assertThat(receipt.payouts())
        .containsExactlyElementsOf(PayoutAllocation.allocate(amount, snapshot.holdings()));
    assertThat(cash(seller.holder())).isEqualTo(payoutTo(receipt, seller.holder()));
    assertThat(restarted.pay(new PayoutOrder("gb-crash", "coupon-1", amount))).isEqualTo(receipt);
    assertThat(cash(seller.holder())).isEqualTo(payoutTo(receipt, seller.holder()));
  }

  @Test
  void aPayoutSentByAProcessThatDiedBeforeItsOutcomeIsPaidOnceByANewLedger() throws Exception {
    issue("gb-in-flight", 1000, 29);
    ledger.snapshot("gb-in-flight", "coupon-1");
    long funded = issuerCash();
    Contract chaincode =
        fixture.gateway().getNetwork(CHANNEL).getContract(FabricTokenLedger.CHAINCODE);
    // Endorsed and sent to the orderer; the process dies before it asks for the commit status.
    String abandoned =
        chaincode
            .newProposal("BondRegistryContract:Pay")
            .addArguments("gb-in-flight", "coupon-1", "1000000", "USD", "")
            .build()
            .endorse()
            .submitAsync()
            .getTransactionId();

    FabricTokenLedger restarted = new FabricTokenLedger(fixture.gateway(), CHANNEL);
    PayoutReceipt receipt =
        restarted.pay(new PayoutOrder("gb-in-flight", "coupon-1", Money.of("USD", "10000.00")));

    assertThat(receipt.transactions().getLast()).isEqualTo(abandoned);
    assertThat(issuerCash()).isEqualTo(funded - 1_000_000);
    Payout first = receipt.payouts().getFirst();
    assertThat(cash(first.holder())).isEqualTo(first.amount());
    assertThat(receipt.payouts().stream().map(Payout::amount).reduce(Money::plus))
        .contains(Money.of("USD", "10000.00"));
  }

  @Test
  void aSnapshotResolvesTheRecordDateToTheBlockThatCommittedIt() {
    issue("gb-record", 3, 17);
    long before = ledger.snapshot("gb-record", "earlier").block();
    RecordSnapshot snapshot = ledger.snapshot("gb-record", "coupon-1");
    List<Holding> atRecordDate = ledger.balances("gb-record");
    ledger.transfer("gb-record", "gb-record-h0", "gb-record-h1", 1);

    assertThat(snapshot.block()).isGreaterThan(before);
    assertThat(snapshot.holdings()).isEqualTo(atRecordDate);
    assertThat(ledger.snapshot("gb-record", "coupon-1")).isEqualTo(snapshot);
    assertThat(ledger.balances("gb-record")).isNotEqualTo(atRecordDate);

    JSONArray history =
        new JSONArray(evaluate("TokenContract:BalanceHistory", "gb-record", "gb-record-h0"));
    assertThat(history.length()).isEqualTo(3);
    assertThat(history.getJSONObject(0).getLong("units"))
        .isEqualTo(atRecordDate.getFirst().units() - 1);
    assertThat(history.getJSONObject(1).getLong("units"))
        .isEqualTo(atRecordDate.getFirst().units());
    assertThat(history.getJSONObject(2).getLong("units")).isZero();
  }

  @Test
  void refusalsCarryTheChaincodesCode() {
    issue("gb-rules", 3, 19);
    ledger.setFrozen("gb-rules", "gb-rules-h2", true);

    assertThat(catchRefusal(() -> ledger.transfer("gb-rules", "gb-rules-h0", "mallory", 1)).code())
        .isEqualTo("HOLDER_NOT_REGISTERED");
    TokenRefusal frozen =
        catchRefusal(() -> ledger.transfer("gb-rules", "gb-rules-h0", "gb-rules-h2", 1));
    assertThat(frozen.code()).isEqualTo("HOLDER_FROZEN");
    assertThat(frozen.getMessage()).contains("gb-rules-h2");
    assertThat(
            catchRefusal(() -> ledger.transfer("gb-rules", "gb-rules-h0", "gb-rules-h1", 1_000_000))
                .code())
        .isEqualTo("INSUFFICIENT_UNITS");
    ledger.forcedTransfer("gb-rules", "gb-rules-h2", "gb-rules-h1", 1, "lost keys");
    assertThat(
            catchRefusal(
                    () ->
                        ledger.payDetermined(
                            new PayoutOrder("gb-rules", "outcome-1", Money.of("USD", "10.00")),
                            "never-determined"))
                .code())
        .isEqualTo("PAYMENT_NOT_DETERMINED");
    assertThat(ledger.payout("gb-rules", "never-paid")).isEmpty();
  }

  @Test
  void anotherOrganisationCannotMintOnTheIssuersToken() throws Exception {
    issue("gb-forged", 2, 23);
    MspIdentity water =
        fixture.msps().organisation("WaterUtilityMSP").orElseThrow().identity(NodeOu.CLIENT);
    try (Gateway forger =
        Gateway.newInstance()
            .identity(new X509Identity(water.mspId(), water.certificate()))
            .signer(Signers.newPrivateKeySigner(water.privateKey()))
            .hash(Hash.SHA256)
            .connection(fixture.grpc())
            .connect()) {
      FabricTokenLedger forged = new FabricTokenLedger(forger, CHANNEL);

      TokenRefusal refused =
          catchRefusal(
              () ->
                  forged.issue(
                      "gb-forged", "forged-1", List.of(new Holding("gb-forged-h0", 1_000_000))));

      assertThat(refused.code()).isEqualTo("UNAUTHORIZED");
      assertThat(refused.getMessage()).contains("WaterUtilityMSP");
    }
    assertThat(ledger.balances("gb-forged").getFirst().units()).isLessThan(1_000_000);
  }

  /**
   * Opens token {@code tokenId} (and its bond), registers {@code holders} holders {@code
   * <tokenId>-h<i>}, mints each 1 to 10,000 units (seeded) and funds the issuer's cash.
   */
  static List<Holding> issue(String tokenId, int holders, long seed) {
    return issue(ledger, tokenId, holders, seed);
  }

  static List<Holding> issue(FabricTokenLedger ledger, String tokenId, int holders, long seed) {
    Random random = new Random(seed);
    List<Holding> holdings = new ArrayList<>(holders);
    for (int i = 0; i < holders; i++) {
      holdings.add(new Holding(tokenId + "-h" + i, 1 + random.nextInt(10_000)));
    }
    ledger.openToken(tokenId, "USD");
    ledger.registerBond(tokenId, TERMS, "USD");
    ledger.registerHolders(tokenId, holdings.stream().map(Holding::holder).toList());
    ledger.issue(tokenId, "issue-1", holdings);
    ledger.fundCash(Money.of("USD", "1000000.00"));
    return holdings;
  }

  static List<Holding> sortedByHolder(List<Holding> holdings) {
    return holdings.stream().sorted(Comparator.comparing(Holding::holder)).toList();
  }

  private static Money payoutTo(PayoutReceipt receipt, String holder) {
    return receipt.payouts().stream()
        .filter(p -> p.holder().equals(holder))
        .findFirst()
        .orElseThrow()
        .amount();
  }

  private static Money cash(String holder) {
    JSONObject account =
        new JSONObject(evaluate("BondRegistryContract:CashBalance", "USD", holder));
    return Money.of(
        "USD", new BigDecimal(account.getString("amountMinor")).movePointLeft(2).toPlainString());
  }

  private static long issuerCash() {
    return Long.parseLong(
        new JSONObject(evaluate("BondRegistryContract:IssuerCash", "USD", "CityFinanceMSP"))
            .getString("amountMinor"));
  }

  private static String evaluate(String function, String... args) {
    Contract contract =
        fixture.gateway().getNetwork(CHANNEL).getContract(FabricTokenLedger.CHAINCODE);
    try {
      return new String(contract.evaluateTransaction(function, args), StandardCharsets.UTF_8);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static TokenRefusal catchRefusal(Runnable call) {
    try {
      call.run();
    } catch (TokenRefusal refusal) {
      return refusal;
    }
    throw new AssertionError("not refused");
  }
}
