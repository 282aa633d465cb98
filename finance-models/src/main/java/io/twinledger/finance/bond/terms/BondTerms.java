package io.twinledger.finance.bond.terms;

import io.twinledger.finance.money.Money;
import io.twinledger.finance.schedule.BusinessDayConvention;
import io.twinledger.finance.schedule.HolidayCalendar;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A bond's terms as data: what {@link BondTermsDocuments} reads from a JSON or YAML document and
 * {@link io.twinledger.finance.bond.payment.BondPayments} turns into payments. Every amount is per
 * the whole face.
 *
 * @param id the bond's id
 * @param currency the currency of every payment
 * @param face the face amount, positive
 * @param denomination the face of one unit (token), dividing the face; the face by default
 * @param issueDate the issue date, from which the first coupon accrues
 * @param maturity the maturity date, after issue
 * @param coupon the fixed coupon; empty for a zero-coupon bond
 * @param redemptionPercent what is repaid at maturity, in percent of face; 100 by default
 * @param recordDate when the holders of each payment are fixed; one business day before by default
 * @param rounding how every payment is rounded, once, to the currency's minor unit; HALF_UP by
 *     default
 * @param allocation how a payment to the investors is split among token holders
 * @param features the performance features, in the order of the document (their index names them)
 */
public record BondTerms(
    String id,
    Currency currency,
    BigDecimal face,
    BigDecimal denomination,
    LocalDate issueDate,
    LocalDate maturity,
    Optional<CouponTerms> coupon,
    BigDecimal redemptionPercent,
    RecordDateRule recordDate,
    RoundingMode rounding,
    AllocationRule allocation,
    List<PerformanceFeature> features) {

  /** The default business-day rule for payment dates. */
  public static final BusinessDayConvention DEFAULT_BUSINESS_DAY_RULE =
      BusinessDayConvention.FOLLOWING;

  /** The default rounding of payments to the currency's minor unit. */
  public static final RoundingMode DEFAULT_ROUNDING = RoundingMode.HALF_UP;

  public BondTerms {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(face, "face");
    Objects.requireNonNull(denomination, "denomination");
    Objects.requireNonNull(issueDate, "issueDate");
    Objects.requireNonNull(maturity, "maturity");
    Objects.requireNonNull(coupon, "coupon");
    Objects.requireNonNull(redemptionPercent, "redemptionPercent");
    Objects.requireNonNull(recordDate, "recordDate");
    Objects.requireNonNull(rounding, "rounding");
    Objects.requireNonNull(allocation, "allocation");
    features = List.copyOf(features);
    // BondTermsDocuments reports these with their paths; terms built in code are held to them too.
    if (face.signum() <= 0 || denomination.signum() <= 0) {
      throw new IllegalArgumentException("face and denomination must be positive");
    }
    if (face.remainder(denomination).signum() != 0) {
      throw new IllegalArgumentException("denomination must divide the face into whole units");
    }
    if (!maturity.isAfter(issueDate)) {
      throw new IllegalArgumentException("maturity must be after issueDate");
    }
  }

  /** How payment dates move off non-business days: the coupon's rule, FOLLOWING without one. */
  public BusinessDayConvention businessDayRule() {
    return coupon.map(CouponTerms::businessDayRule).orElse(DEFAULT_BUSINESS_DAY_RULE);
  }

  /** The business days of every payment: the coupon's calendar, weekends only without one. */
  public HolidayCalendar calendar() {
    return coupon.map(CouponTerms::calendar).orElse(HolidayCalendar.weekendsOnly());
  }

  /** The payment date of a scheduled date, rolled by the business-day rule. */
  public LocalDate paymentDate(LocalDate scheduled) {
    return businessDayRule().adjust(scheduled, calendar());
  }

  /** An exact amount rounded to the currency's minor unit by the terms' rounding rule. */
  public Money money(BigDecimal exact) {
    return new Money(exact, currency).rounded(rounding);
  }

  /** How many units (tokens) the face is divided into. */
  public BigDecimal units() {
    return face.divide(denomination);
  }
}
