package io.twinledger.contracts.bond;

import io.twinledger.contracts.token.HolderUnits;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;

/**
 * The payout allocation rule on chain, the rule the bond terms state:
 *
 * <ol>
 *   <li>each holder gets {@code amount × units / total units}, rounded down to the minor unit;
 *   <li>the minor units left over (fewer than the holders) go one each to the holders with the
 *       largest remainders;
 *   <li>equal remainders are served in holder-id order ({@link String#compareTo}, UTF-16 code
 *       units), smaller id first.
 * </ol>
 *
 * The payouts sum exactly to the amount. Computed in {@link BigInteger}, so no product overflows.
 *
 * <p>This is a copy of finance-models' {@code PayoutAllocation} and {@code PayoutDigest}, kept here
 * because the chaincode may depend on no other TwinLedger module (it is deployed on its own); the
 * property test {@code FabricPayoutAllocationPropertyTest} in ledger/tokens holds the two equal on
 * the embedded peer.
 */
final class PayoutRule {

  private PayoutRule() {}

  /**
   * Splits {@code amountMinor} among {@code holdings}.
   *
   * @param holdings positive units, no holder twice, not empty
   * @return one payout per holding, in holder-id order
   */
  static HolderPayout[] allocate(long amountMinor, HolderUnits[] holdings) {
    HolderUnits[] sorted = holdings.clone();
    Arrays.sort(sorted, Comparator.comparing(HolderUnits::holder));
    int n = sorted.length;
    BigInteger amount = BigInteger.valueOf(amountMinor);
    BigInteger total = BigInteger.ZERO;
    for (HolderUnits holding : sorted) {
      total = total.add(BigInteger.valueOf(holding.units()));
    }
    long[] parts = new long[n];
    BigInteger[] remainders = new BigInteger[n];
    long assigned = 0;
    for (int i = 0; i < n; i++) {
      BigInteger[] qr =
          amount.multiply(BigInteger.valueOf(sorted[i].units())).divideAndRemainder(total);
      parts[i] = qr[0].longValueExact();
      remainders[i] = qr[1];
      assigned += parts[i];
    }
    long leftOver = amountMinor - assigned;
    // Positions are in holder-id order, so a stable sort by remainder keeps ties in that order.
    Integer[] byRemainder = new Integer[n];
    Arrays.setAll(byRemainder, i -> i);
    Arrays.sort(byRemainder, Comparator.comparing((Integer i) -> remainders[i]).reversed());
    for (int k = 0; k < leftOver; k++) {
      parts[byRemainder[k]]++;
    }
    HolderPayout[] payouts = new HolderPayout[n];
    for (int i = 0; i < n; i++) {
      payouts[i] = new HolderPayout(sorted[i].holder(), Long.toString(parts[i]));
    }
    return payouts;
  }

  /** SHA-256 hex of the lines {@code holder TAB amountMinor LF}, in holder-id order. */
  static String digest(HolderPayout[] payouts) {
    HolderPayout[] sorted = payouts.clone();
    Arrays.sort(sorted, Comparator.comparing(HolderPayout::holder));
    StringBuilder text = new StringBuilder(sorted.length * 24);
    for (HolderPayout payout : sorted) {
      text.append(payout.holder()).append('\t').append(payout.amountMinor()).append('\n');
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
