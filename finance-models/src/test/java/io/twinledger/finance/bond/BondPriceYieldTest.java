package io.twinledger.finance.bond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.finance.daycount.DayCount;
import io.twinledger.finance.schedule.Frequency;
import io.twinledger.finance.valuation.Rate;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BondPriceYieldTest {

  private static final LocalDate SETTLEMENT = LocalDate.of(2008, 2, 15);

  private static FixedCouponBond semiAnnual30360(LocalDate maturity) {
    return FixedCouponBond.of(maturity, Rate.of("0.0575"), FixedCouponBond.PAR, 2, "30/360 US");
  }

  @Test
  void priceMatchesExcelsDocumentedExample() {
    // PRICE(2008-02-15, 2017-11-15, 5.75 %, 6.5 %, 100, 2, 0) = 94.63436162
    BondQuote quote =
        BondPrice.of(semiAnnual30360(LocalDate.of(2017, 11, 15)), SETTLEMENT, Rate.of("0.065"));

    assertThat(quote.cleanPrice().setScale(8, RoundingMode.HALF_EVEN))
        .isEqualByComparingTo("94.63436162");
    // A = 90 days (2007-11-15 → 2008-02-15, 30/360), E = 180: 2.875 × 90/180 = 1.4375
    assertThat(quote.accruedInterest()).isEqualByComparingTo("1.4375");
    assertThat(quote.dirtyPrice())
        .isEqualByComparingTo(quote.cleanPrice().add(quote.accruedInterest()));
  }

  @Test
  void yieldMatchesExcelsDocumentedExample() {
    // YIELD(2008-02-15, 2016-11-15, 5.75 %, 95.04287, 100, 2, 0) = 0.065; Excel's price is
    // rounded to five decimals, so the yield is 6.5 % to about 1e-7
    Rate yield =
        BondYield.of(
            semiAnnual30360(LocalDate.of(2016, 11, 15)), SETTLEMENT, new BigDecimal("95.04287"));

    assertThat(yield.decimal())
        .isCloseTo(new BigDecimal("0.065"), Offset.offset(new BigDecimal("1e-7")));
    assertThat(yield.decimal().scale()).isLessThanOrEqualTo(BondYield.DECIMALS);
  }

  @Test
  void theLastCouponPeriodUsesSimpleInterest() {
    // settlement 2017-08-15, maturity 2017-11-15: N = 1, A = 90, E = 180, DSC = 90, c = 2.875
    // clean = (100 + 2.875) / (1 + 90/180 × 0.065/2) − 2.875 × 90/180
    //       = 102.875 / 1.01625 − 1.4375 = 82300/813 − 23/16
    FixedCouponBond bond = semiAnnual30360(LocalDate.of(2017, 11, 15));
    LocalDate settlement = LocalDate.of(2017, 8, 15);
    MathContext mc = MathContext.DECIMAL128;
    BigDecimal expected =
        BigDecimal.valueOf(82300)
            .divide(BigDecimal.valueOf(813), mc)
            .subtract(new BigDecimal("1.4375"));

    BondQuote quote = BondPrice.of(bond, settlement, Rate.of("0.065"));

    assertThat(quote.cleanPrice()).isCloseTo(expected, Offset.offset(new BigDecimal("1e-30")));
    // and the closed-form yield inverts it exactly
    assertThat(BondYield.of(bond, settlement, quote.cleanPrice())).isEqualTo(Rate.of("0.065"));
  }

  @ParameterizedTest
  @EnumSource(DayCount.class)
  void yieldInvertsPriceForEveryDayCount(DayCount dayCount) {
    FixedCouponBond bond =
        new FixedCouponBond(
            LocalDate.of(2031, 3, 31),
            Rate.of("0.0265"),
            new BigDecimal("101"),
            Frequency.QUARTERLY,
            dayCount);
    LocalDate settlement = LocalDate.of(2024, 2, 29);

    BondQuote quote = BondPrice.of(bond, settlement, Rate.of("0.04125"));

    assertThat(BondYield.of(bond, settlement, quote.cleanPrice()).decimal())
        .isCloseTo(new BigDecimal("0.04125"), Offset.offset(new BigDecimal("1e-10")));
  }

  @Test
  void couponDatesRunBackwardFromAMonthEndMaturityOnMonthEnds() {
    // maturity 2017-08-31 semi-annual: coupons on Feb 28/29 and Aug 31
    FixedCouponBond bond =
        FixedCouponBond.of(
            LocalDate.of(2017, 8, 31), Rate.of("0.05"), FixedCouponBond.PAR, 2, "ACT/ACT ICMA");

    CouponPeriod period = CouponPeriod.of(bond, LocalDate.of(2016, 1, 15));

    assertThat(period.previousCouponDate()).isEqualTo(LocalDate.of(2015, 8, 31));
    assertThat(period.nextCouponDate()).isEqualTo(LocalDate.of(2016, 2, 29));
    // 2016-02-29, 2016-08-31, 2017-02-28, 2017-08-31
    assertThat(period.remainingCoupons()).isEqualTo(4);
    // basis 1: A = 137 actual days, E = 182 actual days, DSC = 45
    assertThat(period.accruedDays()).isEqualByComparingTo("137");
    assertThat(period.periodDays()).isEqualByComparingTo("182");
    assertThat(period.daysToNextCoupon()).isEqualByComparingTo("45");
  }

  @Test
  void periodDaysFollowTheExcelBasis() {
    LocalDate maturity = LocalDate.of(2020, 11, 15);
    LocalDate settlement = LocalDate.of(2020, 6, 1);
    // ACT/365F (basis 3): E = 365/2 = 182.5, A = 17 actual days (May 15 → Jun 1), DSC = 167
    CouponPeriod act365 =
        CouponPeriod.of(
            FixedCouponBond.of(maturity, Rate.of("0.05"), FixedCouponBond.PAR, 2, "ACT/365F"),
            settlement);
    assertThat(act365.periodDays()).isEqualByComparingTo("182.5");
    assertThat(act365.accruedDays()).isEqualByComparingTo("17");
    assertThat(act365.daysToNextCoupon()).isEqualByComparingTo("167");
    // 30E/360 (basis 4): E = 180, A = 16 (May 15 → Jun 1 in 30-day months), DSC = E − A = 164
    CouponPeriod thirtyE =
        CouponPeriod.of(
            FixedCouponBond.of(maturity, Rate.of("0.05"), FixedCouponBond.PAR, 2, "30E/360"),
            settlement);
    assertThat(thirtyE.accruedDays()).isEqualByComparingTo("16");
    assertThat(thirtyE.daysToNextCoupon()).isEqualByComparingTo("164");
  }

  @Test
  void noTimeLeftToTheLastPaymentLeavesTheYieldUndetermined() {
    // 30/360 US, 5 %, quarterly, maturity 2031-01-31, settlement 2031-01-30: A = 90 (D1 = 31 → 30,
    // D2 = 30), E = 90, DSC = E - A = 0. The dirty price is 100 + 1.25 at every yield, the accrued
    // interest 1.25: the clean price is 100 whatever the yield.
    FixedCouponBond bond =
        FixedCouponBond.of(
            LocalDate.of(2031, 1, 31), Rate.of("0.05"), FixedCouponBond.PAR, 4, "30/360 US");
    LocalDate settlement = LocalDate.of(2031, 1, 30);

    assertThat(BondPrice.of(bond, settlement, Rate.of("0.01")).cleanPrice())
        .isEqualByComparingTo("100");
    assertThat(BondPrice.of(bond, settlement, Rate.of("0.5")).cleanPrice())
        .isEqualByComparingTo("100");
    String why =
        "settlement 2031-01-30 is 0 days (30/360 US) before the last payment on 2031-01-31, so the"
            + " clean price is 100 whatever the yield";
    assertThat(BondYield.solve(bond, settlement, new BigDecimal("99.5")))
        .isEqualTo(new YieldResult.None(why + ": no yield gives 99.5"));
    assertThat(BondYield.solve(bond, settlement, new BigDecimal("100.00")))
        .isEqualTo(
            new YieldResult.Undetermined(why + ": every yield gives it, none is determined"));
    assertThatThrownBy(() -> BondYield.of(bond, settlement, new BigDecimal("99.5")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(why + ": no yield gives 99.5");
    // a day earlier there is time left and a yield: A = 89, DSC = 1
    assertThat(BondYield.solve(bond, LocalDate.of(2031, 1, 29), new BigDecimal("99.5")))
        .isInstanceOf(YieldResult.Found.class);
  }

  @Test
  void rejectsInvalidInputsWithReadableMessages() {
    FixedCouponBond bond = semiAnnual30360(LocalDate.of(2017, 11, 15));
    assertThatThrownBy(() -> BondPrice.of(bond, LocalDate.of(2017, 11, 15), Rate.of("0.05")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("settlement 2017-11-15 must be before maturity 2017-11-15");
    assertThatThrownBy(
            () ->
                FixedCouponBond.of(
                    LocalDate.of(2017, 11, 15), Rate.of("0.05"), FixedCouponBond.PAR, 3, "ACT/360"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("coupon frequency must be 1, 2 or 4 per year, not 3");
    assertThatThrownBy(
            () ->
                FixedCouponBond.of(
                    LocalDate.of(2017, 11, 15),
                    Rate.of("-0.01"),
                    FixedCouponBond.PAR,
                    2,
                    "ACT/360"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> BondYield.of(bond, SETTLEMENT, BigDecimal.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be positive");
    // at -99 % (g = 0.505 per half year) the 100 redemption in 17.5 periods is worth about
    // 100 / 0.505^17.5 ≈ 1.6e7: a price of 1e9 is out of reach
    assertThatThrownBy(() -> BondYield.of(bond, SETTLEMENT, new BigDecimal("1000000000")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no yield from -99 % to 1000 % gives the clean price 1000000000");
  }
}
