package io.twinledger.finance.bond.payment;

import io.twinledger.finance.bond.terms.BondTerms;
import io.twinledger.finance.bond.terms.Party;
import io.twinledger.finance.bond.terms.PerUnitPayment;
import io.twinledger.finance.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Decides a {@link PerUnitPayment} month by month: {@code amountPerUnit × max(0, improvement)},
 * rounded once; due on the month's last day rolled by the business-day rule. A month not observed
 * waits.
 */
final class PerUnitRule {

  private PerUnitRule() {}

  static Determination determine(
      BondTerms terms, int feature, PerUnitPayment perUnit, ObservationIndex observations) {
    List<BondPayment> payments = new ArrayList<>();
    List<PendingPayment> pending = new ArrayList<>();
    List<String> outcomes = new ArrayList<>();
    for (YearMonth month = perUnit.firstMonth();
        !month.isAfter(perUnit.lastMonth());
        month = month.plusMonths(1)) {
      LocalDate date = terms.paymentDate(month.atEndOfMonth());
      var found = observations.find(perUnit.kpi(), month.atDay(1));
      if (found.isEmpty()) {
        pending.add(
            new PendingPayment(
                feature,
                PaymentKind.PER_UNIT,
                date,
                List.of(perUnit.kpi()),
                List.of(month.atDay(1)),
                "per unit "
                    + month
                    + ": "
                    + RuleText.value(perUnit.amountPerUnit())
                    + " per unit of "
                    + perUnit.kpi()
                    + " better than baseline "
                    + RuleText.value(perUnit.baseline())
                    + " ("
                    + perUnit.better()
                    + ")"));
        continue;
      }
      Observation observation = found.get().observation();
      BigDecimal improvement =
          perUnit.better().improvement(observation.value(), perUnit.baseline());
      BigDecimal units = improvement.max(BigDecimal.ZERO);
      Money amount = terms.money(units.multiply(perUnit.amountPerUnit()));
      String rule =
          "per unit "
              + month
              + ": "
              + perUnit.kpi()
              + " "
              + RuleText.value(observation.value())
              + " against baseline "
              + RuleText.value(perUnit.baseline())
              + " ("
              + perUnit.better()
              + " is better) = "
              + RuleText.value(units)
              + " units × "
              + RuleText.value(perUnit.amountPerUnit())
              + " → "
              + RuleText.pays(Party.ISSUER)
              + " "
              + RuleText.money(amount);
      if (amount.isZero()) {
        outcomes.add("no payment: " + rule + (improvement.signum() < 0 ? " (no improvement)" : ""));
        continue;
      }
      outcomes.add(rule);
      payments.add(
          new BondPayment(
              date,
              PaymentKind.PER_UNIT,
              Party.ISSUER,
              Party.INVESTORS,
              amount,
              rule,
              OptionalInt.of(feature),
              terms.recordDate().recordDate(date, terms.calendar()),
              List.of(observation)));
    }
    return new Determination(feature, payments, pending, outcomes);
  }
}
