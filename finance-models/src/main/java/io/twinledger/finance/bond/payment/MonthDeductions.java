package io.twinledger.finance.bond.payment;

import io.twinledger.finance.bond.terms.AvailabilityPayment;
import io.twinledger.finance.bond.terms.Deduction;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/**
 * The deductions an {@link AvailabilityPayment} takes for one month of service, as its rule applies
 * them to the payment {@code lagMonths} later. Every amount is exact (34 significant digits); only
 * the payment is rounded.
 *
 * @param month the month whose failures are counted
 * @param maxPp MaxPP of that month
 * @param items each deduction item, in the terms' order
 * @param total the sum of the items
 * @param cap the most the month may deduct: {@code capMultiple × maxPp}
 * @param applied what is deducted: {@code min(total, cap)}
 */
public record MonthDeductions(
    YearMonth month,
    BigDecimal maxPp,
    List<Item> items,
    BigDecimal total,
    BigDecimal cap,
    BigDecimal applied) {

  public MonthDeductions {
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(maxPp, "maxPp");
    items = List.copyOf(items);
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(cap, "cap");
    Objects.requireNonNull(applied, "applied");
  }

  /**
   * One deduction item of the month.
   *
   * @param deduction the item of the terms
   * @param observation the month's count of units of failure of its KPI
   * @param amount what it deducts: {@link Deduction#amount} of the count
   */
  public record Item(Deduction deduction, Observation observation, BigDecimal amount) {
    public Item {
      Objects.requireNonNull(deduction, "deduction");
      Objects.requireNonNull(observation, "observation");
      Objects.requireNonNull(amount, "amount");
    }
  }

  /** Whether the cap cut the deductions. */
  public boolean capped() {
    return total.compareTo(cap) > 0;
  }

  /** The observations the deductions were computed from. */
  public List<Observation> observations() {
    return items.stream().map(Item::observation).toList();
  }
}
