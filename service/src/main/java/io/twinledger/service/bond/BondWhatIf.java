package io.twinledger.service.bond;

import io.twinledger.finance.bond.payment.BondPayment;
import io.twinledger.finance.bond.payment.BondPayments;
import io.twinledger.finance.bond.payment.InvalidObservationException;
import io.twinledger.finance.bond.payment.Observation;
import io.twinledger.finance.bond.payment.PaymentKind;
import io.twinledger.finance.bond.payment.PaymentSchedule;
import io.twinledger.finance.bond.payment.PendingPayment;
import io.twinledger.finance.bond.terms.BondTerms;
import io.twinledger.finance.bond.terms.Party;
import io.twinledger.finance.money.Money;
import io.twinledger.service.web.FieldErrors;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A what-if run of a bond's terms under a KPI scenario: the officer gives a value for some of the
 * observations the terms wait for, and {@link BondPayments#schedule} (the same code the books
 * decide with) gives the payments under that scenario. Nothing is recorded.
 *
 * <p>Each input is one KPI on one observation date, named {@code o:<kpi>:<date>} in the form. A
 * blank input is not observed, so the payments it decides stay pending. The cost to the issuer is
 * what the issuer pays minus what the investors pay it, over every payment of the schedule (coupons
 * and principal included); the performance cost is the same over the performance payments alone. A
 * coupon stepped up by the scenario counts as a coupon, step included.
 */
final class BondWhatIf {

  /** The prefix of a scenario input's name in the form. */
  static final String PREFIX = "o:";

  private BondWhatIf() {}

  /** One observation the terms wait for: an input of the scenario form. */
  record Input(String kpi, LocalDate date, String name, String value) {}

  /**
   * A scenario's result.
   *
   * @param inputs every observation the terms wait for, with the value given (blank if none)
   * @param schedule the payments under the scenario, empty when the scenario has errors
   * @param issuerCost what the issuer pays minus what the investors pay, over every payment
   * @param performanceCost the same over the performance payments ({@code OUTCOME}, {@code
   *     AVAILABILITY}, {@code PER_UNIT})
   * @param errors each bad input by its name, or {@code scenario} for the whole
   */
  record Scenario(
      List<Input> inputs,
      Optional<PaymentSchedule> schedule,
      Money issuerCost,
      Money performanceCost,
      FieldErrors errors) {}

  /** The inputs of a scenario: every KPI and date the terms' pending payments wait for. */
  static List<Input> inputs(BondTerms terms, Map<String, String> given) {
    Set<Input> inputs = new LinkedHashSet<>();
    for (PendingPayment pending : BondPayments.schedule(terms, List.of()).pending()) {
      for (String kpi : pending.kpis()) {
        for (LocalDate date : pending.observationDates()) {
          String name = PREFIX + kpi + ":" + date;
          inputs.add(new Input(kpi, date, name, given.getOrDefault(name, "").strip()));
        }
      }
    }
    return List.copyOf(inputs);
  }

  /** Runs the scenario the form gives ({@code given}: the form's parameters by name). */
  static Scenario run(BondTerms terms, Map<String, String> given) {
    List<Input> inputs = inputs(terms, given);
    List<Observation> observations = new ArrayList<>();
    List<FieldErrors.FieldError> errors = new ArrayList<>();
    for (Input input : inputs) {
      if (input.value().isEmpty()) {
        continue;
      }
      try {
        observations.add(new Observation(input.kpi(), input.date(), new BigDecimal(input.value())));
      } catch (NumberFormatException e) {
        errors.add(
            new FieldErrors.FieldError(
                input.name(), "'" + input.value() + "' is not a decimal number, such as 0.25"));
      }
    }
    Money zero = Money.zero(terms.currency());
    if (!errors.isEmpty()) {
      return new Scenario(inputs, Optional.empty(), zero, zero, new FieldErrors(errors));
    }
    try {
      PaymentSchedule schedule = BondPayments.schedule(terms, observations);
      Money cost = zero;
      Money performance = zero;
      for (BondPayment payment : schedule.payments()) {
        Money signed =
            payment.payer() == Party.ISSUER ? payment.amount() : payment.amount().negated();
        cost = cost.plus(signed);
        if (payment.kind() != PaymentKind.COUPON && payment.kind() != PaymentKind.PRINCIPAL) {
          performance = performance.plus(signed);
        }
      }
      return new Scenario(inputs, Optional.of(schedule), cost, performance, FieldErrors.none());
    } catch (InvalidObservationException e) {
      return new Scenario(
          inputs, Optional.empty(), zero, zero, FieldErrors.of("scenario", e.getMessage()));
    }
  }
}
