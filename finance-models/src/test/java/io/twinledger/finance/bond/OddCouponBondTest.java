package io.twinledger.finance.bond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.finance.daycount.DayCount;
import io.twinledger.finance.daycount.ReferencePeriod;
import io.twinledger.finance.schedule.Frequency;
import io.twinledger.finance.valuation.Rate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bonds with an odd (short or long) first or last coupon period, against Excel's documented
 * ODDFPRICE, ODDFYIELD, ODDLPRICE and ODDLYIELD examples and against values computed by hand with
 * mpmath at 40 digits from the formulas in {@link BondPrice}'s Javadoc (shown in the comments).
 */
class OddCouponBondTest {

  private static final Offset<BigDecimal> CLOSE = Offset.offset(new BigDecimal("1e-25"));

  private static LocalDate date(String iso) {
    return LocalDate.parse(iso);
  }

  private static FixedCouponBond bond(String maturity, String rate, String dayCount) {
    return FixedCouponBond.of(date(maturity), Rate.of(rate), FixedCouponBond.PAR, 2, dayCount);
  }

  @Test
  void shortFirstCouponMatchesExcelsOddfpriceExample() {
    // ODDFPRICE(2008-11-11, 2021-03-01, 2008-10-15, 2009-03-01, 7.85 %, 6.25 %, 100, 2, 1)
    //   = 113.597717474079. Quasi-coupon period 2008-09-01 – 2009-03-01: E = 181, A = 27 (from
    //   issue), DSC = 110, DFC = 137; N = 25; c = 3.925, g = 1.03125:
    //   100/g^(24+110/181) + c×137/181/g^(110/181) + Σ_{k=2..25} c/g^(k-1+110/181) - c×27/181
    FixedCouponBond bond =
        bond("2021-03-01", "0.0785", "ACT/ACT ICMA")
            .withIssue(date("2008-10-15"))
            .withFirstCoupon(date("2009-03-01"));

    BondQuote quote = BondPrice.of(bond, date("2008-11-11"), Rate.of("0.0625"));

    assertThat(quote.cleanPrice().setScale(12, RoundingMode.HALF_EVEN))
        .isEqualByComparingTo("113.597717474079");
    // 3.925 × 27/181
    assertThat(quote.accruedInterest())
        .isCloseTo(new BigDecimal("0.58549723756906077348066298342541"), CLOSE);
    // with only the issue date, the first coupon is the first regular date after it: the same bond
    FixedCouponBond issueOnly =
        bond("2021-03-01", "0.0785", "ACT/ACT ICMA").withIssue(date("2008-10-15"));
    assertThat(BondPrice.of(issueOnly, date("2008-11-11"), Rate.of("0.0625"))).isEqualTo(quote);
  }

  @Test
  void shortFirstCouponYieldMatchesExcelsOddfyieldExample() {
    // ODDFYIELD(2008-11-11, 2021-03-01, 2008-10-15, 2009-03-01, 5.75 %, 84.50, 100, 2, 0)
    //   = 0.0772455 (Excel shows 7.72 %). 30/360: E = 180, A = 26, DSC = 180 - 70 = 110,
    //   DFC = 136; the yield solving the ODDFPRICE formula for 84.50 is 0.0772455415978174...
    FixedCouponBond bond =
        bond("2021-03-01", "0.0575", "30/360 US")
            .withIssue(date("2008-10-15"))
            .withFirstCoupon(date("2009-03-01"));

    Rate yield = BondYield.of(bond, date("2008-11-11"), new BigDecimal("84.50"));

    assertThat(yield).isEqualTo(Rate.of("0.0772455416"));
  }

  @Test
  void longLastCouponMatchesExcelsOddlpriceExample() {
    // ODDLPRICE(2008-02-07, 2008-06-15, 2007-10-15, 3.75 %, 4.05 %, 100, 2, 0) = 99.8782860147213.
    // Quasi-coupon periods from 2007-10-15: 2008-04-15 and 2008-10-15, 180 days each (30/360).
    // DC = 180 + 60, A = 112, DSC = 68 + 60; c = 1.875:
    //   (100 + 240/180 × c) / (1 + 128/180 × 0.0405/2) - 112/180 × c = 99.87828601472134595...
    FixedCouponBond bond =
        bond("2008-06-15", "0.0375", "30/360 US").withLastCoupon(date("2007-10-15"));

    BondQuote quote = BondPrice.of(bond, date("2008-02-07"), Rate.of("0.0405"));

    assertThat(quote.cleanPrice().setScale(13, RoundingMode.HALF_EVEN))
        .isEqualByComparingTo("99.8782860147213");
    assertThat(quote.cleanPrice())
        .isCloseTo(new BigDecimal("99.87828601472134595162986330178759"), CLOSE);
    assertThat(BondYield.of(bond, date("2008-02-07"), quote.cleanPrice()))
        .isEqualTo(Rate.of("0.0405"));
  }

  @Test
  void shortLastCouponYieldMatchesExcelsOddlyieldExample() {
    // ODDLYIELD(2008-04-20, 2008-06-15, 2007-12-24, 3.75 %, 99.875, 100, 2, 0) = 0.0451922
    // (Excel shows 4.52 %). Maturity falls inside the quasi-coupon period 2007-12-24 – 2008-06-24:
    // A = 116, DC = 171, DSC = 55 (30/360), c = 1.875:
    //   y = ((100 + c×171/180) / (99.875 + c×116/180) - 1) × 2 × 180/55 = 0.04519223562916885...
    FixedCouponBond bond =
        bond("2008-06-15", "0.0375", "30/360 US").withLastCoupon(date("2007-12-24"));

    Rate yield = BondYield.of(bond, date("2008-04-20"), new BigDecimal("99.875"));

    assertThat(yield).isEqualTo(Rate.of("0.0451922356"));
  }

  @Test
  void longFirstCouponIsMeasuredInQuasiCouponPeriods() {
    // Issue 2008-08-15, first coupon 2009-07-15 (quasi-coupon dates 2008-07-15, 2009-01-15),
    // maturity 2018-07-15, 6 %, yield 5.5 %, N = 18 coupons after the first, g = 1.0275.
    // ACT/ACT: first coupon c × (153/184 + 1) = 5.49456521739130434782608695652174; settlement
    // 2008-11-11: A = 88/184 periods, t_1 = 65/184 + 1 (Nq = 1):
    //   clean = 5.4945.../g^t_1 + Σ_{k=1..18} 3/g^(t_1+k) + 100/g^(t_1+18) - 3 × 88/184
    //         = 103.642668297417999435745949...
    LocalDate issue = date("2008-08-15");
    LocalDate firstCoupon = date("2009-07-15");
    FixedCouponBond actAct =
        bond("2018-07-15", "0.06", "ACT/ACT ICMA").withIssue(issue).withFirstCoupon(firstCoupon);

    assertPrice(
        actAct,
        "2008-11-11",
        "0.055",
        "103.64266829741799943574594924061",
        "1.4347826086956521739130434782609");
    // settlement 2009-03-01, past the first quasi-coupon date: A = 153/184 + 45/181 periods,
    // t_1 = 136/181
    assertPrice(
        actAct,
        "2009-03-01",
        "0.055",
        "103.56683812153077439344135348894",
        "3.2404215709824645688205620946433");
    // 30/360: first coupon c × (150/180 + 1) = 5.5, A = 86/180, t_1 = (180 - 116)/180 + 1
    FixedCouponBond thirty360 =
        bond("2018-07-15", "0.06", "30/360 US").withIssue(issue).withFirstCoupon(firstCoupon);
    assertPrice(
        thirty360,
        "2008-11-11",
        "0.055",
        "103.64281507066021833533940088091",
        "1.4333333333333333333333333333333");
    assertPrice(
        thirty360,
        "2009-03-01",
        "0.055",
        "103.56602060297175470391226903056",
        "3.2666666666666666666666666666667");

    // For ACT/ACT the odd coupon is 100 × rate × the ACT/ACT ICMA fraction of its period, split
    // into notional periods as in ISDA's memo: 6 × (153/368 + 1/2)
    ReferencePeriod firstRegular =
        new ReferencePeriod(date("2009-01-15"), firstCoupon, Frequency.SEMI_ANNUAL);
    BigDecimal icmaCoupon =
        new BigDecimal("6")
            .multiply(DayCount.ACT_ACT_ICMA.yearFraction(issue, firstCoupon, firstRegular));
    BondCashFlows flows = BondCashFlows.of(actAct, date("2008-11-11"));
    assertThat(flows.payments().getFirst().amount()).isCloseTo(icmaCoupon, CLOSE);
    assertThat(flows.payments()).hasSize(19);
  }

  @Test
  void longLastCouponSeenFromBeforeAndWithinIt() {
    // Last regular coupon 2020-01-30, maturity 2020-09-30 (quasi-coupon dates 2020-07-30,
    // 2021-01-30): the final period is 1 + 62/184 periods, its coupon 2 × (1 + 62/184). 4 %,
    // yield 3 %, ACT/ACT, g = 1.015.
    FixedCouponBond bond =
        bond("2020-09-30", "0.04", "ACT/ACT ICMA").withLastCoupon(date("2020-01-30"));
    // Settlement 2018-05-10: A = 100/181, t_1 = 81/181; coupons at t_1, t_1+1, t_1+2, t_1+3,
    // the last coupon and the redemption at t_1 + 3 + 1 + 62/184, compounded (the ICMA notional
    // period approach beyond Excel's ODDLPRICE, which needs settlement within the odd period):
    //   clean = Σ 2/g^t_k + (2 × (1 + 62/184) + 100)/g^(t_1+4+62/184) - 2 × 100/181
    assertPrice(
        bond,
        "2018-05-10",
        "0.03",
        "102.28191784771531143426002602987",
        "1.1049723756906077348066298342541");
    // Settlement 2020-03-15, inside the odd period: ODDLPRICE's simple interest,
    //   (100 + 2 × (1 + 62/184)) / (1 + (137/182 + 62/184) × 0.03/2) - 2 × 45/182
    assertPrice(
        bond,
        "2020-03-15",
        "0.03",
        "100.52813623889075375146633936752",
        "0.49450549450549450549450549450549");
  }

  @ParameterizedTest
  @EnumSource(DayCount.class)
  void yieldInvertsPriceWithOddFirstAndLastCoupons(DayCount dayCount) {
    // a long first coupon and a short last one on a month-end grid
    FixedCouponBond bond =
        new FixedCouponBond(
                LocalDate.of(2031, 3, 15),
                Rate.of("0.0265"),
                new BigDecimal("101"),
                Frequency.QUARTERLY,
                dayCount)
            .withLastCoupon(LocalDate.of(2031, 2, 28))
            .withIssue(LocalDate.of(2023, 11, 10))
            .withFirstCoupon(LocalDate.of(2024, 5, 31));

    for (LocalDate settlement :
        new LocalDate[] {
          LocalDate.of(2023, 11, 10),
          LocalDate.of(2024, 2, 29),
          LocalDate.of(2027, 6, 1),
          LocalDate.of(2031, 3, 1)
        }) {
      BondQuote quote = BondPrice.of(bond, settlement, Rate.of("0.04125"));
      assertThat(BondYield.of(bond, settlement, quote.cleanPrice()).decimal())
          .as("settlement %s", settlement)
          .isCloseTo(new BigDecimal("0.04125"), Offset.offset(new BigDecimal("1e-10")));
    }
  }

  @Test
  void inconsistentDatesNameTheDateAtFault() {
    FixedCouponBond plain = bond("2021-03-01", "0.05", "30/360 US");
    assertInvalid(
        () -> plain.withFirstCoupon(date("2009-03-01")),
        "issue",
        "is required with firstCoupon 2009-03-01: the odd first coupon period runs from the issue"
            + " date to the first coupon");
    assertInvalid(
        () -> plain.withIssue(date("2009-03-01")).withFirstCoupon(date("2009-03-01")),
        "firstCoupon",
        "must be after issue 2009-03-01, was 2009-03-01");
    assertInvalid(
        () -> plain.withIssue(date("2008-10-15")).withFirstCoupon(date("2009-03-05")),
        "firstCoupon",
        "is 2009-03-05, not a regular coupon date counted back from maturity 2021-03-01 every 6"
            + " months (the nearest are 2009-03-01 and 2009-09-01)");
    assertInvalid(
        () -> plain.withIssue(date("2008-10-15")).withFirstCoupon(date("2021-09-01")),
        "firstCoupon",
        "must not be after maturity 2021-03-01, was 2021-09-01");
    assertInvalid(
        () -> plain.withIssue(date("2021-03-01")),
        "issue",
        "must be before maturity 2021-03-01, was 2021-03-01");
    assertInvalid(
        () -> plain.withLastCoupon(date("2021-03-01")),
        "lastCoupon",
        "must be before maturity 2021-03-01, was 2021-03-01");
    assertInvalid(
        () -> plain.withIssue(date("2020-10-15")).withLastCoupon(date("2020-10-15")),
        "lastCoupon",
        "must be after issue 2020-10-15, was 2020-10-15");
    assertInvalid(
        () ->
            plain
                .withLastCoupon(date("2020-12-20"))
                .withIssue(date("2008-10-15"))
                .withFirstCoupon(date("2009-03-01")),
        "firstCoupon",
        "is 2009-03-01, not a regular coupon date counted back from lastCoupon 2020-12-20 every 6"
            + " months (the nearest are 2008-12-20 and 2009-06-20)");
    FixedCouponBond issued = plain.withIssue(date("2008-10-15"));
    assertInvalid(
        () -> BondPrice.of(issued, date("2008-10-14"), Rate.of("0.05")),
        "settlement",
        "must not be before issue 2008-10-15, was 2008-10-14");
  }

  private static void assertPrice(
      FixedCouponBond bond, String settlement, String yield, String clean, String accrued) {
    BondQuote quote = BondPrice.of(bond, date(settlement), Rate.of(yield));
    Offset<BigDecimal> within = Offset.offset(new BigDecimal("1e-26"));
    assertThat(quote.cleanPrice())
        .as("clean at %s", settlement)
        .isCloseTo(new BigDecimal(clean), within);
    assertThat(quote.accruedInterest())
        .as("accrued at %s", settlement)
        .isCloseTo(new BigDecimal(accrued), within);
  }

  private static void assertInvalid(Runnable action, String term, String reason) {
    assertThatThrownBy(action::run)
        .isInstanceOfSatisfying(
            InvalidBondDatesException.class,
            e -> {
              assertThat(e.term()).isEqualTo(term);
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e).hasMessage(term + " " + reason);
            });
  }
}
