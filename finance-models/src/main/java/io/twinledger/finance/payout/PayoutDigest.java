package io.twinledger.finance.payout;

import io.twinledger.finance.document.Sha256Hex;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

/**
 * The digest that names one allocation wherever it is recorded: in the books, in the Fabric bond
 * registry and beside an EVM distribution. It is the hex SHA-256 of UTF-8 text with one line per
 * payout, in holder-id order ({@link String#compareTo}): {@code holder TAB minor-units LF}, the
 * amount as a plain integer count of the currency's minor unit ({@code 3334} for 33.34 USD).
 *
 * <p>The text is simple enough that each chain's contract and any holder recompute it without this
 * library; the Fabric chaincode does, from its own allocation.
 */
public final class PayoutDigest {

  private PayoutDigest() {}

  /**
   * The digest of {@code payouts}, in any order.
   *
   * @throws IllegalArgumentException if an amount is finer than its currency's minor unit
   */
  public static String of(List<Payout> payouts) {
    StringBuilder text = new StringBuilder(payouts.size() * 24);
    payouts.stream()
        .sorted(Comparator.comparing(Payout::holder))
        .forEach(p -> text.append(p.holder()).append('\t').append(minorUnits(p)).append('\n'));
    return Sha256Hex.of(text.toString());
  }

  private static String minorUnits(Payout payout) {
    BigDecimal amount = payout.amount().amount();
    int scale = payout.amount().currency().getDefaultFractionDigits();
    try {
      return amount.movePointRight(Math.max(scale, 0)).toBigIntegerExact().toString();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "payout to " + payout.holder() + ": " + payout.amount() + " is finer than a minor unit",
          e);
    }
  }
}
