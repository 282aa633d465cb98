package io.twinledger.finance.bond.payment;

import io.twinledger.finance.bond.terms.Better;
import io.twinledger.finance.bond.terms.BondTerms;
import io.twinledger.finance.bond.terms.CouponStepUp;
import io.twinledger.finance.schedule.SchedulePeriod;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Decides a {@link CouponStepUp}: the KPI at the observation date against the target. Missed, the
 * coupons of every period starting after the confirmation date step up; the determination lists
 * them with this step alone (the schedule adds the steps of every missed step-up).
 */
final class StepUpRule {

  private StepUpRule() {}

  /** The step if the target was missed, or empty if it was met or is not observed yet. */
  static Optional<CouponSchedule.Step> step(
      CouponStepUp stepUp, int feature, ObservationIndex observations) {
    return observations
        .find(stepUp.kpi(), stepUp.observationDate())
        .map(ObservationIndex.Indexed::observation)
        .filter(o -> !stepUp.meets(o.value()))
        .map(
            o ->
                new CouponSchedule.Step(
                    feature,
                    stepUp.confirmationDate(),
                    stepUp.stepBp(),
                    observed(stepUp, o)
                        + " missed target "
                        + target(stepUp)
                        + ", confirmed "
                        + stepUp.confirmationDate()));
  }

  static Determination determine(
      BondTerms terms, int feature, CouponStepUp stepUp, ObservationIndex observations) {
    var found = observations.find(stepUp.kpi(), stepUp.observationDate());
    if (found.isEmpty()) {
      LocalDate firstChanged = firstSteppedCoupon(terms, stepUp);
      return new Determination(
          feature,
          List.of(),
          List.of(
              new PendingPayment(
                  feature,
                  PaymentKind.COUPON,
                  firstChanged,
                  List.of(stepUp.kpi()),
                  List.of(stepUp.observationDate()),
                  "coupons paid from "
                      + firstChanged
                      + " step up "
                      + stepUp.stepBp()
                      + " bp if "
                      + stepUp.kpi()
                      + " at "
                      + stepUp.observationDate()
                      + " misses target "
                      + target(stepUp))),
          List.of());
    }
    Observation observation = found.get().observation();
    Optional<CouponSchedule.Step> step = step(stepUp, feature, observations);
    if (step.isEmpty()) {
      return new Determination(
          feature,
          List.of(),
          List.of(),
          List.of(
              "no step-up: " + observed(stepUp, observation) + " meets target " + target(stepUp)));
    }
    List<BondPayment> coupons =
        CouponSchedule.coupons(terms, List.of(step.get()), true).stream()
            .map(
                c ->
                    new BondPayment(
                        c.date(),
                        c.kind(),
                        c.payer(),
                        c.payee(),
                        c.amount(),
                        c.rule(),
                        c.feature(),
                        c.recordDate(),
                        List.of(observation)))
            .toList();
    return new Determination(
        feature,
        coupons,
        List.of(),
        List.of(
            "step-up "
                + stepUp.stepBp()
                + " bp: "
                + step.get().why()
                + "; coupons of periods starting after "
                + stepUp.confirmationDate()
                + " pay the stepped rate ("
                + coupons.size()
                + " coupons)"));
  }

  private static LocalDate firstSteppedCoupon(BondTerms terms, CouponStepUp stepUp) {
    return CouponSchedule.periods(terms, terms.coupon().orElseThrow()).stream()
        .filter(p -> p.unadjustedStart().isAfter(stepUp.confirmationDate()))
        .map(SchedulePeriod::end)
        .findFirst()
        .orElse(terms.paymentDate(terms.maturity()));
  }

  private static String observed(CouponStepUp stepUp, Observation observation) {
    return stepUp.kpi()
        + " "
        + RuleText.value(observation.value())
        + " at "
        + stepUp.observationDate();
  }

  private static String target(CouponStepUp stepUp) {
    return (stepUp.better() == Better.HIGHER ? "≥ " : "≤ ") + RuleText.value(stepUp.target());
  }
}
