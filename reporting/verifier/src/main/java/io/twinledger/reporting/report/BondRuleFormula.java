package io.twinledger.reporting.report;

import io.twinledger.finance.bond.payment.BondPayments;
import io.twinledger.finance.bond.payment.MonthDeductions;
import io.twinledger.finance.bond.payment.Observation;
import io.twinledger.finance.bond.terms.AvailabilityPayment;
import io.twinledger.finance.bond.terms.BondTerms;
import io.twinledger.finance.bond.terms.CouponStepUp;
import io.twinledger.finance.bond.terms.OutcomeTiers;
import io.twinledger.finance.bond.terms.PerformanceFeature;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/**
 * {@value #NAME}: one particular of a bond's performance feature, decided by the rule that decides
 * its payments (finance-models' terms and {@link BondPayments}), so that a report shows the steps
 * between the KPI and the payment and the verifier checks each.
 *
 * <p>Inputs: the bond's terms and the KPI periods observed, as {@link BondInputs} reads them.
 * Parameters: {@code feature} (the feature's index in the terms) and {@code quantity}:
 *
 * <ul>
 *   <li>{@code tier}, of outcome tiers, reading the observed KPI: the range of the tier the value
 *       falls in, in interval notation ({@code [0.186, 0.413]}), or {@code none};
 *   <li>{@code target}, of a coupon step-up, reading the observed KPI: the sustainability
 *       performance target, in the KPI's unit;
 *   <li>{@code target-met}, of a coupon step-up, reading the observed KPI: {@code met} or {@code
 *       missed};
 *   <li>{@code step}, of a coupon step-up, reading the observed KPI: the coupon's step in percent
 *       ({@code 0.25} for 25 bp), {@code 0} when the target is met;
 *   <li>{@code max-pp}, of an availability payment, with parameter {@code month}: that month's
 *       maximum payment;
 *   <li>{@code deduction}, of an availability payment, with {@code month} and {@code kpi}, reading
 *       that month's counts of every deduction item: what the item of {@code kpi} deducts;
 *   <li>{@code deductions}, of an availability payment, with {@code month}, reading the month's
 *       counts: what the month's failures deduct from the payment {@code lagMonths} later, capped.
 * </ul>
 *
 * <p>Amounts are in the bond's currency, rounded for the report to its minor unit by the terms'
 * rounding rule; the payment itself is computed exactly and rounded once, so the rounded MaxPP less
 * the rounded deductions may differ from it by a minor unit.
 */
public record BondRuleFormula() implements FigureFormula {

  /** The formula's name. */
  public static final String NAME = "bond-rule";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String compute(Figure figure, FigureData data) throws FigureException {
    BondInputs read = BondInputs.of(figure, data);
    BondTerms terms = read.terms();
    int index = read.feature(figure);
    PerformanceFeature feature = terms.features().get(index);
    String quantity = figure.parameters().getOrDefault("quantity", "");
    return switch (quantity) {
      case "tier" -> {
        OutcomeTiers tiers = feature(feature, OutcomeTiers.class, quantity);
        unit(figure, "");
        BigDecimal value = observed(read, tiers.kpi());
        var tier = tiers.tierOf(value);
        yield tier.isPresent() ? tiers.tiers().get(tier.getAsInt()).range() : "none";
      }
      case "target" -> {
        CouponStepUp stepUp = feature(feature, CouponStepUp.class, quantity);
        observed(read, stepUp.kpi());
        if (!figure.unit().equals(read.units().getFirst())) {
          throw new FigureException(
              "the target is in the KPI's unit "
                  + read.units().getFirst()
                  + ", not "
                  + figure.unit());
        }
        yield FigureFormula.text(stepUp.target());
      }
      case "target-met" -> {
        CouponStepUp stepUp = feature(feature, CouponStepUp.class, quantity);
        unit(figure, "");
        yield stepUp.meets(observed(read, stepUp.kpi())) ? "met" : "missed";
      }
      case "step" -> {
        CouponStepUp stepUp = feature(feature, CouponStepUp.class, quantity);
        unit(figure, "P1");
        yield stepUp.meets(observed(read, stepUp.kpi()))
            ? "0"
            : FigureFormula.text(BigDecimal.valueOf(stepUp.stepBp()).movePointLeft(2));
      }
      case "max-pp" -> {
        AvailabilityPayment availability = feature(feature, AvailabilityPayment.class, quantity);
        unit(figure, terms.currency().getCurrencyCode());
        yield terms.money(availability.maxPp(month(figure))).minorUnitText();
      }
      case "deduction" -> {
        MonthDeductions month = deductions(figure, read, index, quantity);
        String kpi = figure.parameters().getOrDefault("kpi", "");
        yield month.items().stream()
            .filter(i -> i.deduction().kpi().equals(kpi))
            .findFirst()
            .map(i -> terms.money(i.amount()).minorUnitText())
            .orElseThrow(() -> new FigureException("the terms deduct nothing for " + kpi));
      }
      case "deductions" ->
          terms.money(deductions(figure, read, index, quantity).applied()).minorUnitText();
      default ->
          throw new FigureException("there is no quantity '" + quantity + "' of a bond rule");
    };
  }

  private static <T extends PerformanceFeature> T feature(
      PerformanceFeature feature, Class<T> type, String quantity) throws FigureException {
    if (!type.isInstance(feature)) {
      throw new FigureException(quantity + " is no particular of a " + feature.type() + " feature");
    }
    return type.cast(feature);
  }

  /** The value of the one observation read, which must be of {@code kpi}. */
  private static BigDecimal observed(BondInputs read, String kpi) throws FigureException {
    List<Observation> observations = read.observations();
    if (observations.size() != 1 || !observations.getFirst().kpi().equals(kpi)) {
      throw new FigureException("it reads one observation of " + kpi);
    }
    return observations.getFirst().value();
  }

  private static MonthDeductions deductions(
      Figure figure, BondInputs read, int index, String quantity) throws FigureException {
    feature(read.terms().features().get(index), AvailabilityPayment.class, quantity);
    unit(figure, read.terms().currency().getCurrencyCode());
    YearMonth month = month(figure);
    try {
      return BondPayments.deductions(read.terms(), index, month, read.observations())
          .orElseThrow(
              () -> new FigureException("it does not read every count of " + month + " it needs"));
    } catch (RuntimeException e) {
      throw new FigureException("the counts deduct nothing: " + e.getMessage());
    }
  }

  private static YearMonth month(Figure figure) throws FigureException {
    try {
      return YearMonth.parse(figure.parameters().getOrDefault("month", ""));
    } catch (RuntimeException e) {
      throw new FigureException("parameter month (yyyy-MM) is required: " + e.getMessage());
    }
  }

  private static void unit(Figure figure, String unit) throws FigureException {
    if (!figure.unit().equals(unit)) {
      throw new FigureException(
          "it is in " + (unit.isEmpty() ? "words" : unit) + ", not " + figure.unit());
    }
  }
}
