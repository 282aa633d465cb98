package io.twinledger.ledger.token.evm;

import io.twinledger.contracts.evm.HolderId;
import io.twinledger.finance.payout.Holding;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.datatypes.generated.Bytes32;

/**
 * Where an allocation cuts the order of remainders, as {@code BondDistribution.declare} takes it:
 * the remainder and holder id of the last holder, in the rule's order (larger remainder first, then
 * smaller holder id), that received a leftover minor unit. The contract gives a holder a leftover
 * unit exactly when its remainder is greater than {@code remainder}, or equal with a holder id not
 * after {@code holder}.
 *
 * <p>The allocation itself comes from {@link io.twinledger.finance.payout.PayoutAllocation}; this
 * only reads off its cut, so the chain pays what the books computed or does not close.
 *
 * @param remainder the cut's remainder {@code amount × units mod total}, in minor units × units
 * @param holder the cut's holder id; empty when nothing was left over (then {@code remainder} is
 *     the total, which no remainder reaches)
 */
public record DistributionCut(BigInteger remainder, String holder) {

  /**
   * The cut of {@code payouts}, the allocation of {@code amountMinorUnits} to {@code holdings}.
   *
   * @param payouts the allocation in minor units, one per holding in the same order
   * @throws IllegalArgumentException if a payout is not floor or floor + 1 of its share
   */
  public static DistributionCut of(
      BigInteger amountMinorUnits, List<Holding> holdings, List<BigInteger> payouts) {
    BigInteger total = BigInteger.valueOf(holdings.stream().mapToLong(Holding::units).sum());
    DistributionCut cut = new DistributionCut(total, "");
    for (int i = 0; i < holdings.size(); i++) {
      BigInteger[] share =
          amountMinorUnits
              .multiply(BigInteger.valueOf(holdings.get(i).units()))
              .divideAndRemainder(total);
      BigInteger extra = payouts.get(i).subtract(share[0]);
      if (extra.signum() == 0) {
        continue;
      }
      if (!extra.equals(BigInteger.ONE)) {
        throw new IllegalArgumentException(
            "payouts["
                + i
                + "]: "
                + payouts.get(i)
                + " is not the floor "
                + share[0]
                + " or one more");
      }
      if (cut.holder.isEmpty() || cut.after(share[1], holdings.get(i).holder())) {
        cut = new DistributionCut(share[1], holdings.get(i).holder());
      }
    }
    return cut;
  }

  /** Whether (remainder, holder) comes after this cut in the rule's order. */
  private boolean after(BigInteger otherRemainder, String otherHolder) {
    int byRemainder = otherRemainder.compareTo(remainder);
    return byRemainder < 0 || (byRemainder == 0 && otherHolder.compareTo(holder) > 0);
  }

  /** {@link #holder()} as the contract's {@code bytes32}: all zero when empty. */
  public Bytes32 holderWord() {
    return holder.isEmpty() ? new Bytes32(new byte[32]) : HolderId.encode(holder);
  }
}
