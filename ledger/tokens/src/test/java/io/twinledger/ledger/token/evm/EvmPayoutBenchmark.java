package io.twinledger.ledger.token.evm;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.contracts.evm.CashTokenContract;
import io.twinledger.contracts.evm.EvmClient;
import io.twinledger.finance.money.Money;
import io.twinledger.finance.payout.Holding;
import io.twinledger.finance.payout.Payout;
import io.twinledger.finance.payout.PayoutAllocation;
import io.twinledger.ledger.token.PayoutOrder;
import io.twinledger.ledger.token.PayoutReceipt;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * A 1,000-holder payout end to end on a local hardhat node through {@link EvmTokenLedger#pay}
 * (record date, balances at the record block, allocation and cut, funding, declaration, five
 * batches of 200, close, and the receipt read back from the {@code Paid} events), beside, in the
 * same run: {@link PayoutAllocation} alone on the same holdings, and 1,000 plain ERC-20 transfers
 * of the cash token sent one transaction each through the same client (the naive way to pay).
 *
 * <p>Run with {@code ./mvnw -Pbench -pl ledger/tokens verify -Dtest=EvmPayoutBenchmark}; the table
 * goes to standard output and to {@code ledger/tokens/target/benchmarks/evm-payout.md}.
 */
@Tag("benchmark")
class EvmPayoutBenchmark {

  private static final int HOLDERS = 1_000;
  private static final int WARMUP = 1;
  private static final int RUNS = 3;

  @Test
  void payoutToAThousandHolders() throws Exception {
    try (LocalEvmNode node = LocalEvmNode.start();
        EvmTokenLedger ledger = new EvmTokenLedger(node.settings());
        EvmClient agent =
            new EvmClient(
                node.rpcUrl(), LocalEvmNode.CHAIN_ID, Credentials.create(LocalEvmNode.AGENT_KEY))) {
      Web3j web3j = Web3j.build(new HttpService(node.rpcUrl()));
      List<Holding> holdings = EvmTokenLedgerTest.randomHoldings(HOLDERS, 42);
      Money amount = Money.of("USD", "250000.01");
      List<Double> payMs = new ArrayList<>();
      List<Double> allocationMs = new ArrayList<>();
      List<Double> transfersMs = new ArrayList<>();
      long payGas = 0;
      long transferGas = 0;
      int payTransactions = 0;
      for (int run = 0; run < WARMUP + RUNS; run++) {
        String token = "bench-" + run;
        ledger.openToken(token, "USD");
        ledger.registerHolders(token, holdings.stream().map(Holding::holder).toList());
        ledger.issue(token, "iss", holdings);

        long t0 = System.nanoTime();
        List<Payout> books = PayoutAllocation.allocate(amount, holdings);
        long t1 = System.nanoTime();
        PayoutReceipt receipt = ledger.pay(new PayoutOrder(token, "coupon", amount));
        long t2 = System.nanoTime();
        assertThat(receipt.payouts()).containsExactlyInAnyOrderElementsOf(books);

        CashTokenContract cash = new CashTokenContract(agent, ledger.contracts(token).cash());
        cash.mint(agent.address(), BigInteger.valueOf(HOLDERS));
        List<String> accounts =
            holdings.stream().map(h -> ledger.addressOf(token, h.holder()).orElseThrow()).toList();
        long gas = 0;
        long t3 = System.nanoTime();
        for (String account : accounts) {
          gas += cash.transfer(account, BigInteger.ONE).getGasUsed().longValueExact();
        }
        long t4 = System.nanoTime();
        if (run >= WARMUP) {
          allocationMs.add((t1 - t0) / 1e6);
          payMs.add((t2 - t1) / 1e6);
          transfersMs.add((t4 - t3) / 1e6);
          transferGas = gas;
          payTransactions = receipt.transactions().size();
          payGas = 0;
          for (String hash : receipt.transactions()) {
            payGas +=
                web3j
                    .ethGetTransactionReceipt(hash)
                    .send()
                    .getTransactionReceipt()
                    .orElseThrow()
                    .getGasUsed()
                    .longValueExact();
          }
        }
      }
      web3j.shutdown();
      String table =
          String.join(
              "\n",
              "| Path | median ms | min ms | max ms | transactions | gas |",
              "|---|---:|---:|---:|---:|---:|",
              row("`PayoutAllocation.allocate` alone (baseline)", allocationMs, "-", "-"),
              row(
                  "1,000 plain cash-token transfers, one per transaction (baseline)",
                  transfersMs,
                  String.valueOf(HOLDERS),
                  String.format(Locale.ROOT, "%,d", transferGas)),
              row(
                  "`EvmTokenLedger.pay`, 1,000 holders (payBatch + close; gas of those)",
                  payMs,
                  String.valueOf(payTransactions),
                  String.format(Locale.ROOT, "%,d", payGas)));
      System.out.println(table);
      Path out = Path.of("target/benchmarks/evm-payout.md");
      Files.createDirectories(out.getParent());
      Files.writeString(out, table + "\n");
    }
  }

  private static String row(String name, List<Double> ms, String transactions, String gas) {
    List<Double> sorted = new ArrayList<>(ms);
    Collections.sort(sorted);
    return String.format(
        Locale.ROOT,
        "| %s | %.1f | %.1f | %.1f | %s | %s |",
        name,
        sorted.get(sorted.size() / 2),
        sorted.getFirst(),
        sorted.getLast(),
        transactions,
        gas);
  }
}
