package io.twinledger.finance.bond.payment;

import io.twinledger.finance.bond.terms.AvailabilityPayment;
import io.twinledger.finance.bond.terms.BondTerms;
import io.twinledger.finance.bond.terms.Deduction;
import io.twinledger.finance.bond.terms.Party;
import io.twinledger.finance.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decides an {@link AvailabilityPayment} month by month (formulas in its Javadoc). MaxPP,
 * deductions and the cap are exact (34 significant digits); the payment is rounded once, by the
 * terms' rounding rule. A month's payment falls due on its last day, rolled by the business-day
 * rule. A month whose lagged deductions are not all observed waits; a missing count is never taken
 * as zero.
 */
final class AvailabilityRule {

  private AvailabilityRule() {}

  static Determination determine(
      BondTerms terms,
      int feature,
      AvailabilityPayment availability,
      ObservationIndex observations) {
    List<BondPayment> payments = new ArrayList<>();
    List<PendingPayment> pending = new ArrayList<>();
    List<String> outcomes = new ArrayList<>();
    int digits = Money.zero(terms.currency()).minorUnitDigits();
    for (YearMonth month = availability.firstMonth();
        !month.isAfter(availability.lastMonth());
        month = month.plusMonths(1)) {
      LocalDate date = terms.paymentDate(month.atEndOfMonth());
      BigDecimal maxPp = availability.maxPp(month);
      YearMonth lagged = month.minusMonths(availability.lagMonths());
      String head =
          "availability "
              + month
              + ": MaxPP "
              + month.lengthOfMonth()
              + "/"
              + availability.contractYearDays(month)
              + " × "
              + RuleText.amount(availability.yearlyMaximum(), digits)
              + " = "
              + RuleText.amount(maxPp, digits);
      Optional<MonthDeductions> deducted =
          lagged.isBefore(availability.firstMonth()) || availability.deductions().isEmpty()
              ? Optional.of(none(availability, lagged))
              : deductions(availability, lagged, observations);
      if (deducted.isEmpty()) {
        pending.add(
            new PendingPayment(
                feature,
                PaymentKind.AVAILABILITY,
                date,
                availability.kpis(),
                List.of(lagged.atDay(1)),
                head + "; waits for the deduction counts of " + lagged));
        continue;
      }
      BigDecimal exact = maxPp.subtract(deducted.get().applied()).max(BigDecimal.ZERO);
      Money amount = terms.money(exact);
      String rule =
          head
              + text(availability, deducted.get(), digits)
              + " → "
              + RuleText.pays(Party.ISSUER)
              + " "
              + RuleText.money(amount);
      if (amount.isZero()) {
        outcomes.add("no payment: " + rule + " (floored at zero)");
        continue;
      }
      outcomes.add(rule);
      payments.add(
          new BondPayment(
              date,
              PaymentKind.AVAILABILITY,
              Party.ISSUER,
              Party.INVESTORS,
              amount,
              rule,
              OptionalInt.of(feature),
              terms.recordDate().recordDate(date, terms.calendar()),
              deducted.get().observations()));
    }
    return new Determination(feature, payments, pending, outcomes);
  }

  /**
   * The deductions of {@code month}, as the payment {@code lagMonths} later takes them, or empty if
   * a count is not observed.
   *
   * @throws InvalidObservationException if a count is negative
   */
  static Optional<MonthDeductions> deductions(
      AvailabilityPayment availability, YearMonth month, ObservationIndex observations) {
    BigDecimal maxPp = availability.maxPp(month);
    BigDecimal total = BigDecimal.ZERO;
    List<MonthDeductions.Item> items = new ArrayList<>();
    for (Deduction deduction : availability.deductions()) {
      var found = observations.find(deduction.kpi(), month.atDay(1));
      if (found.isEmpty()) {
        return Optional.empty();
      }
      BigDecimal units = found.get().observation().value();
      if (units.signum() < 0) {
        throw new InvalidObservationException(
            found.get().index(),
            "a deduction count of "
                + deduction.kpi()
                + " must not be negative, was "
                + units.toPlainString());
      }
      BigDecimal item = deduction.amount(units, maxPp);
      total = total.add(item);
      items.add(new MonthDeductions.Item(deduction, found.get().observation(), item));
    }
    BigDecimal cap = availability.cap(month);
    return Optional.of(new MonthDeductions(month, maxPp, items, total, cap, total.min(cap)));
  }

  /** A month that deducts nothing: before service began, or under terms without deductions. */
  private static MonthDeductions none(AvailabilityPayment availability, YearMonth month) {
    return new MonthDeductions(
        month,
        availability.maxPp(month),
        List.of(),
        BigDecimal.ZERO,
        availability.cap(month),
        BigDecimal.ZERO);
  }

  /** The deductions in the rule's words. */
  private static String text(
      AvailabilityPayment availability, MonthDeductions deducted, int digits) {
    if (deducted.items().isEmpty()) {
      return "; no deductions";
    }
    List<String> items = new ArrayList<>();
    for (MonthDeductions.Item item : deducted.items()) {
      items.add(
          item.deduction().kpi()
              + " "
              + RuleText.value(item.observation().value())
              + switch (item.deduction()) {
                case Deduction.PercentPerUnit p ->
                    " × " + RuleText.value(p.fraction()) + " × MaxPP(" + deducted.month() + ")";
                case Deduction.AmountPerUnit a -> " × " + RuleText.value(a.amount());
              }
              + " = "
              + RuleText.amount(item.amount(), digits));
    }
    return "; deductions of "
        + deducted.month()
        + " ("
        + String.join("; ", items)
        + ") = "
        + RuleText.amount(deducted.total(), digits)
        + (deducted.capped()
            ? ", capped at "
                + RuleText.value(availability.capMultiple())
                + " × MaxPP("
                + deducted.month()
                + ") = "
                + RuleText.amount(deducted.cap(), digits)
            : "");
  }
}
