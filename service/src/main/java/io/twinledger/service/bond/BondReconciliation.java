package io.twinledger.service.bond;

import io.twinledger.finance.payout.Holding;
import io.twinledger.ledger.bond.BondNotFoundException;
import io.twinledger.ledger.bond.projection.Bonds;
import io.twinledger.ledger.bond.projection.PaymentView;
import io.twinledger.ledger.bond.projection.PayoutView;
import io.twinledger.ledger.token.PayoutReceipt;
import io.twinledger.ledger.token.TokenLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares the books with each chain: every holder's units, and every payout's allocation digest. A
 * mismatch names both sides, so an operator sees which record to trust.
 */
public class BondReconciliation {

  private final Bonds bonds;
  private final TokenLedgers ledgers;

  public BondReconciliation(Bonds bonds, TokenLedgers ledgers) {
    this.bonds = bonds;
    this.ledgers = ledgers;
  }

  /** The reconciliation of one bond with every chain. */
  public record Report(String bondId, boolean reconciled, List<Chain> chains) {}

  /** One chain's side. */
  public record Chain(
      String chain, int holdersChecked, int payoutsChecked, List<Mismatch> mismatches) {}

  /**
   * A difference.
   *
   * @param subject {@code holder <id>} or {@code payout <payment id>}
   * @param books what the books say; {@code none} when they have nothing
   * @param chain what the chain says; {@code none} when it has nothing
   */
  public record Mismatch(String subject, String books, String chain) {}

  /** Reconciles one bond. */
  public Report of(String bondId) {
    String currency =
        BondPayouts.terms(bonds.find(bondId).orElseThrow(() -> new BondNotFoundException(bondId)))
            .currency()
            .getCurrencyCode();
    Map<String, Long> books = new TreeMap<>();
    bonds.holdings(bondId).forEach(h -> books.put(h.holder(), h.units()));
    Map<String, PayoutView> paid = new TreeMap<>();
    List<Chain> chains = new ArrayList<>();
    for (TokenLedger chain : ledgers.all()) {
      TokenLedger ledger = ledgers.open(chain, bondId, currency);
      List<Mismatch> mismatches = new ArrayList<>();
      Map<String, Long> onChain =
          ledger.balances(bondId).stream()
              .collect(Collectors.toMap(Holding::holder, Holding::units, Long::sum, TreeMap::new));
      TreeSet<String> holders = new TreeSet<>(books.keySet());
      holders.addAll(onChain.keySet());
      for (String holder : holders) {
        Long b = books.get(holder);
        Long c = onChain.get(holder);
        if (!Objects.equals(b, c)) {
          mismatches.add(new Mismatch("holder " + holder, text(b), text(c)));
        }
      }
      paid.clear();
      bonds.payouts(bondId).stream()
          .filter(p -> p.chain().equals(ledger.chain()))
          .forEach(p -> paid.put(p.paymentId(), p));
      int checked = 0;
      for (PaymentView payment : bonds.payments(bondId)) {
        Optional<PayoutReceipt> receipt = ledger.payout(bondId, payment.paymentId());
        PayoutView recorded = paid.get(payment.paymentId());
        if (receipt.isEmpty() && recorded == null) {
          continue;
        }
        checked++;
        String booksDigest = recorded == null ? "none" : recorded.allocationDigest();
        String chainDigest = receipt.map(PayoutReceipt::allocationDigest).orElse("none");
        if (!booksDigest.equals(chainDigest)) {
          mismatches.add(new Mismatch("payout " + payment.paymentId(), booksDigest, chainDigest));
        }
      }
      chains.add(new Chain(ledger.chain(), holders.size(), checked, mismatches));
    }
    return new Report(
        bondId, chains.stream().allMatch(c -> c.mismatches().isEmpty()), List.copyOf(chains));
  }

  private static String text(Long units) {
    return units == null ? "none" : units + " units";
  }
}
