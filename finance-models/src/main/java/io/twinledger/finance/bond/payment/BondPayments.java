package io.twinledger.finance.bond.payment;

import io.twinledger.finance.bond.terms.AvailabilityPayment;
import io.twinledger.finance.bond.terms.BondTerms;
import io.twinledger.finance.bond.terms.CouponStepUp;
import io.twinledger.finance.bond.terms.OutcomeTiers;
import io.twinledger.finance.bond.terms.PerUnitPayment;
import io.twinledger.finance.bond.terms.PerformanceFeature;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A bond's payments from its terms and the KPI observations: coupons, principal and every
 * performance payment, each with its date, payer, payee, amount, record date and the rule that
 * produced it. Amounts are per the whole face.
 *
 * <p>Conventions:
 *
 * <ul>
 *   <li>Coupon accrual dates are unadjusted; payment dates (of coupons, principal and performance
 *       payments alike) roll by the terms' business-day rule on their calendar (FOLLOWING, weekends
 *       only, by default). See {@link CouponSchedule}.
 *   <li>Every payment is computed exactly and rounded once to the currency's minor unit by the
 *       terms' rounding rule (HALF_UP by default); a payment that rounds to zero is not made, and
 *       its determination says so.
 *   <li>A payment is decided only from an observation of its KPI at its date (a monthly KPI on the
 *       first day of its month); a missing observation leaves the payment pending, never zero.
 *   <li>Each KPI and date may be observed once ({@link InvalidObservationException} otherwise).
 * </ul>
 *
 * <p>{@link #determine} decides one feature, the call the books make with the proven observations
 * of that feature; {@link #schedule} uses the same code for every feature.
 */
public final class BondPayments {

  private static final Comparator<BondPayment> ORDER =
      Comparator.comparing(BondPayment::date)
          .thenComparing(BondPayment::kind)
          .thenComparingInt(p -> p.feature().orElse(-1));

  private BondPayments() {}

  /**
   * The bond's payment schedule as far as {@code observations} decide it.
   *
   * @throws InvalidObservationException if a KPI and date are observed twice, or a deduction count
   *     is negative
   */
  public static PaymentSchedule schedule(BondTerms terms, List<Observation> observations) {
    Objects.requireNonNull(terms, "terms");
    ObservationIndex index = new ObservationIndex(observations);
    List<CouponSchedule.Step> steps = new ArrayList<>();
    List<Determination> determinations = new ArrayList<>();
    List<BondPayment> payments = new ArrayList<>();
    List<PendingPayment> pending = new ArrayList<>();
    for (int i = 0; i < terms.features().size(); i++) {
      PerformanceFeature feature = terms.features().get(i);
      Determination determination = determine(terms, i, feature, index);
      determinations.add(determination);
      pending.addAll(determination.pending());
      if (feature instanceof CouponStepUp stepUp) {
        StepUpRule.step(stepUp, i, index).ifPresent(steps::add);
      } else {
        payments.addAll(determination.payments());
      }
    }
    payments.addAll(CouponSchedule.coupons(terms, steps, false));
    payments.addAll(CouponSchedule.principal(terms));
    payments.sort(ORDER);
    pending.sort(
        Comparator.comparing(PendingPayment::date)
            .thenComparing(PendingPayment::kind)
            .thenComparingInt(PendingPayment::feature));
    return new PaymentSchedule(payments, pending, determinations);
  }

  /**
   * What feature {@code feature} (its index in the terms) decides from {@code observations}; other
   * KPIs' observations are ignored. For a coupon step-up, the payments are the coupons it steps up,
   * with its own step.
   *
   * @throws IndexOutOfBoundsException if the terms have no such feature
   * @throws InvalidObservationException as for {@link #schedule}
   */
  public static Determination determine(
      BondTerms terms, int feature, List<Observation> observations) {
    Objects.checkIndex(feature, terms.features().size());
    return determine(
        terms, feature, terms.features().get(feature), new ObservationIndex(observations));
  }

  /**
   * The deductions availability feature {@code feature} takes for the failures of {@code month},
   * counted by {@code observations}, as {@link #determine} applies them to the payment {@code
   * lagMonths} later; empty when a count of that month is not observed.
   *
   * @throws IndexOutOfBoundsException if the terms have no such feature
   * @throws IllegalArgumentException if the feature is no availability payment
   * @throws InvalidObservationException as for {@link #schedule}
   */
  public static Optional<MonthDeductions> deductions(
      BondTerms terms, int feature, YearMonth month, List<Observation> observations) {
    Objects.checkIndex(feature, terms.features().size());
    if (!(terms.features().get(feature) instanceof AvailabilityPayment availability)) {
      throw new IllegalArgumentException(
          "feature "
              + feature
              + " is "
              + terms.features().get(feature).type()
              + ", no availability payment");
    }
    return AvailabilityRule.deductions(availability, month, new ObservationIndex(observations));
  }

  private static Determination determine(
      BondTerms terms, int index, PerformanceFeature feature, ObservationIndex observations) {
    return switch (feature) {
      case OutcomeTiers tiers -> OutcomeTierRule.determine(terms, index, tiers, observations);
      case CouponStepUp stepUp -> StepUpRule.determine(terms, index, stepUp, observations);
      case AvailabilityPayment availability ->
          AvailabilityRule.determine(terms, index, availability, observations);
      case PerUnitPayment perUnit -> PerUnitRule.determine(terms, index, perUnit, observations);
    };
  }
}
