package io.twinledger.finance.bond.payment;

import io.twinledger.finance.bond.terms.BondTerms;
import io.twinledger.finance.bond.terms.OutcomeTiers;
import io.twinledger.finance.bond.terms.Tier;
import io.twinledger.finance.money.Money;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Decides an {@link OutcomeTiers} feature: the KPI's value at the observation date, in at most one
 * tier (the terms guarantee no overlap), pays that tier's amount; in no tier, nothing.
 */
final class OutcomeTierRule {

  private OutcomeTierRule() {}

  static Determination determine(
      BondTerms terms, int feature, OutcomeTiers tiers, ObservationIndex observations) {
    LocalDate date = terms.paymentDate(tiers.paymentDate());
    var found = observations.find(tiers.kpi(), tiers.observationDate());
    if (found.isEmpty()) {
      return new Determination(
          feature,
          List.of(),
          List.of(
              new PendingPayment(
                  feature,
                  PaymentKind.OUTCOME,
                  date,
                  List.of(tiers.kpi()),
                  List.of(tiers.observationDate()),
                  "outcome tiers on "
                      + tiers.kpi()
                      + " at "
                      + tiers.observationDate()
                      + ": "
                      + describe(terms, tiers))),
          List.of());
    }
    Observation observation = found.get().observation();
    String observed =
        tiers.kpi() + " " + RuleText.value(observation.value()) + " at " + tiers.observationDate();
    List<Tier> list = tiers.tiers();
    OptionalInt tierIndex = tiers.tierOf(observation.value());
    if (tierIndex.isPresent()) {
      int i = tierIndex.getAsInt();
      Tier tier = list.get(i);
      Money amount = terms.money(tier.amount());
      String rule =
          "outcome tiers["
              + i
              + "] "
              + tier.range()
              + ": "
              + observed
              + " is in it → "
              + RuleText.pays(tier.payer())
              + " "
              + RuleText.money(amount);
      if (amount.isZero()) {
        return new Determination(feature, List.of(), List.of(), List.of("no payment: " + rule));
      }
      BondPayment payment =
          new BondPayment(
              date,
              PaymentKind.OUTCOME,
              tier.payer(),
              tier.payer().other(),
              amount,
              rule,
              OptionalInt.of(feature),
              terms.recordDate().recordDate(date, terms.calendar()),
              List.of(observation));
      return new Determination(feature, List.of(payment), List.of(), List.of(rule));
    }
    return new Determination(
        feature,
        List.of(),
        List.of(),
        List.of(
            "no payment: "
                + observed
                + " is in no tier ("
                + String.join(", ", list.stream().map(Tier::range).toList())
                + ")"));
  }

  private static String describe(BondTerms terms, OutcomeTiers tiers) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < tiers.tiers().size(); i++) {
      Tier tier = tiers.tiers().get(i);
      parts.add(
          "tiers["
              + i
              + "] "
              + tier.range()
              + " "
              + RuleText.pays(tier.payer())
              + " "
              + RuleText.money(terms.money(tier.amount())));
    }
    return String.join("; ", parts) + "; in no tier, nothing";
  }
}
