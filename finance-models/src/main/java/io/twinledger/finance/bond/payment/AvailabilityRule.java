package io.twinledger.finance.bond.payment;

import io.twinledger.finance.bond.terms.AvailabilityPayment;
import io.twinledger.finance.bond.terms.BondTerms;
import io.twinledger.finance.bond.terms.Deduction;
import io.twinledger.finance.bond.terms.Party;
import io.twinledger.finance.money.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
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

  private static final MathContext MC = MathContext.DECIMAL128;

  private AvailabilityRule() {}

  /** The maximum payment of a month: days in month / days in its contract year × yearly maximum. */
  static BigDecimal maxPp(AvailabilityPayment availability, YearMonth month) {
    return availability
        .yearlyMaximum()
        .multiply(BigDecimal.valueOf(month.lengthOfMonth()))
        .divide(BigDecimal.valueOf(contractYearDays(availability, month)), MC);
  }

  /** The days of the contract year holding the month: 365 or 366. */
  static long contractYearDays(AvailabilityPayment availability, YearMonth month) {
    LocalDate first = month.atDay(1);
    LocalDate start = availability.contractYearStart();
    long years = ChronoUnit.YEARS.between(start, first);
    LocalDate yearStart = start.plusYears(years);
    if (yearStart.isAfter(first)) {
      yearStart = yearStart.minusYears(1);
    }
    return ChronoUnit.DAYS.between(yearStart, yearStart.plusYears(1));
  }

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
      BigDecimal maxPp = maxPp(availability, month);
      YearMonth lagged = month.minusMonths(availability.lagMonths());
      String head =
          "availability "
              + month
              + ": MaxPP "
              + month.lengthOfMonth()
              + "/"
              + contractYearDays(availability, month)
              + " × "
              + RuleText.amount(availability.yearlyMaximum(), digits)
              + " = "
              + RuleText.amount(maxPp, digits);
      Optional<Deducted> deducted =
          lagged.isBefore(availability.firstMonth()) || availability.deductions().isEmpty()
              ? Optional.of(Deducted.NONE)
              : deductions(availability, lagged, observations, digits);
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
              + deducted.get().text()
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

  /** The deductions of one month as applied: summed, capped; their text and observations. */
  private record Deducted(BigDecimal applied, String text, List<Observation> observations) {
    static final Deducted NONE = new Deducted(BigDecimal.ZERO, "; no deductions", List.of());
  }

  /** The capped deductions of {@code month}, or empty if a count is not observed. */
  private static Optional<Deducted> deductions(
      AvailabilityPayment availability,
      YearMonth month,
      ObservationIndex observations,
      int digits) {
    BigDecimal monthMax = maxPp(availability, month);
    BigDecimal sum = BigDecimal.ZERO;
    List<String> items = new ArrayList<>();
    List<Observation> used = new ArrayList<>();
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
      used.add(found.get().observation());
      BigDecimal item =
          switch (deduction) {
            case Deduction.PercentPerUnit p -> units.multiply(p.fraction()).multiply(monthMax, MC);
            case Deduction.AmountPerUnit a -> units.multiply(a.amount());
          };
      sum = sum.add(item);
      items.add(
          deduction.kpi()
              + " "
              + RuleText.value(units)
              + (deduction instanceof Deduction.PercentPerUnit p
                  ? " × " + RuleText.value(p.fraction()) + " × MaxPP(" + month + ")"
                  : " × " + RuleText.value(((Deduction.AmountPerUnit) deduction).amount()))
              + " = "
              + RuleText.amount(item, digits));
    }
    BigDecimal cap = availability.capMultiple().multiply(monthMax);
    BigDecimal applied = sum.min(cap);
    String text =
        "; deductions of "
            + month
            + " ("
            + String.join("; ", items)
            + ") = "
            + RuleText.amount(sum, digits)
            + (sum.compareTo(cap) > 0
                ? ", capped at "
                    + RuleText.value(availability.capMultiple())
                    + " × MaxPP("
                    + month
                    + ") = "
                    + RuleText.amount(cap, digits)
                : "");
    return Optional.of(new Deducted(applied, text, used));
  }
}
