package io.twinledger.finance.bond.payment;

import io.twinledger.finance.bond.terms.BondTerms;
import io.twinledger.finance.bond.terms.CouponTerms;
import io.twinledger.finance.bond.terms.Party;
import io.twinledger.finance.daycount.ReferencePeriod;
import io.twinledger.finance.money.Money;
import io.twinledger.finance.schedule.Schedule;
import io.twinledger.finance.schedule.SchedulePeriod;
import io.twinledger.finance.schedule.StubConvention;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The coupons and the principal of a bond. Coupon periods are {@link Schedule#of} from issue to
 * maturity with a short front stub and the end-of-month rule when maturity is a month end; each
 * coupon is {@code face × rate × yearFraction(unadjusted start, unadjusted end)}, the ACT/ACT ICMA
 * reference period being the regular period ending on the coupon date, rounded once to the minor
 * unit, paid on the adjusted end date.
 */
final class CouponSchedule {

  private static final BigDecimal BASIS_POINTS = BigDecimal.valueOf(10_000);
  private static final BigDecimal PERCENT = BigDecimal.valueOf(100);

  /**
   * A missed step-up: every coupon period starting (unadjusted) after {@code after} pays {@code bp}
   * more.
   *
   * @param why the decision, for the rule text
   */
  record Step(int feature, LocalDate after, int bp, String why) {}

  private CouponSchedule() {}

  /** The coupon periods of a bond with a coupon. */
  static List<SchedulePeriod> periods(BondTerms terms, CouponTerms coupon) {
    boolean monthEnd = terms.maturity().getDayOfMonth() == terms.maturity().lengthOfMonth();
    return Schedule.of(
            terms.issueDate(),
            terms.maturity(),
            coupon.frequency(),
            StubConvention.SHORT_FRONT,
            monthEnd,
            coupon.businessDayRule(),
            coupon.calendar())
        .periods();
  }

  /** The coupons with the given steps applied; only stepped ones if {@code steppedOnly}. */
  static List<BondPayment> coupons(BondTerms terms, List<Step> steps, boolean steppedOnly) {
    if (terms.coupon().isEmpty()) {
      return List.of();
    }
    CouponTerms coupon = terms.coupon().get();
    List<BondPayment> coupons = new ArrayList<>();
    List<SchedulePeriod> periods = periods(terms, coupon);
    for (SchedulePeriod period : periods) {
      List<Step> applied =
          steps.stream().filter(s -> period.unadjustedStart().isAfter(s.after())).toList();
      if (steppedOnly && applied.isEmpty()) {
        continue;
      }
      int bp = applied.stream().mapToInt(Step::bp).sum();
      BigDecimal rate = coupon.rate().add(BigDecimal.valueOf(bp).divide(BASIS_POINTS));
      ReferencePeriod reference = reference(period, period == periods.getFirst(), coupon);
      BigDecimal fraction =
          coupon
              .dayCount()
              .yearFraction(period.unadjustedStart(), period.unadjustedEnd(), reference);
      Money amount =
          terms.money(terms.face().multiply(rate).multiply(fraction, MathContext.DECIMAL128));
      if (amount.isZero()) {
        continue;
      }
      StringBuilder rule =
          new StringBuilder("coupon ").append(RuleText.value(rate.multiply(PERCENT))).append(" %");
      applied.forEach(
          s ->
              rule.append(" (")
                  .append(RuleText.value(coupon.rate().multiply(PERCENT)))
                  .append(" % + ")
                  .append(s.bp())
                  .append(" bp: ")
                  .append(s.why())
                  .append(')'));
      rule.append(" × ")
          .append(RuleText.value(fraction.round(MathContext.DECIMAL64)))
          .append(" (")
          .append(coupon.dayCount().apiName())
          .append(", ")
          .append(period.unadjustedStart())
          .append(" to ")
          .append(period.unadjustedEnd())
          .append(") × face ")
          .append(RuleText.amount(terms.face(), amount.minorUnitDigits()))
          .append(" → ")
          .append(RuleText.pays(Party.ISSUER))
          .append(' ')
          .append(RuleText.money(amount));
      coupons.add(
          new BondPayment(
              period.end(),
              PaymentKind.COUPON,
              Party.ISSUER,
              Party.INVESTORS,
              amount,
              rule.toString(),
              applied.isEmpty()
                  ? OptionalInt.empty()
                  : OptionalInt.of(applied.getFirst().feature()),
              terms.recordDate().recordDate(period.end(), terms.calendar()),
              List.of()));
    }
    return coupons;
  }

  /**
   * The ACT/ACT ICMA reference period: the period itself, but for a short first period the regular
   * period ending on its coupon date.
   */
  private static ReferencePeriod reference(
      SchedulePeriod period, boolean first, CouponTerms coupon) {
    LocalDate end = period.unadjustedEnd();
    LocalDate start = period.unadjustedStart();
    if (first) {
      start = end.minusMonths(coupon.frequency().months());
      if (end.getDayOfMonth() == end.lengthOfMonth()) {
        start = start.with(TemporalAdjusters.lastDayOfMonth());
      }
    }
    return new ReferencePeriod(start, end, coupon.frequency());
  }

  /** The redemption at maturity, if it is not zero. */
  static List<BondPayment> principal(BondTerms terms) {
    Money amount =
        terms.money(
            terms
                .face()
                .multiply(terms.redemptionPercent())
                .divide(PERCENT, MathContext.DECIMAL128));
    if (amount.isZero()) {
      return List.of();
    }
    LocalDate date = terms.paymentDate(terms.maturity());
    return List.of(
        new BondPayment(
            date,
            PaymentKind.PRINCIPAL,
            Party.ISSUER,
            Party.INVESTORS,
            amount,
            "redemption "
                + RuleText.value(terms.redemptionPercent())
                + " % of face "
                + RuleText.amount(terms.face(), amount.minorUnitDigits())
                + " at maturity "
                + terms.maturity()
                + " → "
                + RuleText.pays(Party.ISSUER)
                + " "
                + RuleText.money(amount),
            OptionalInt.empty(),
            terms.recordDate().recordDate(date, terms.calendar()),
            List.of()));
  }
}
