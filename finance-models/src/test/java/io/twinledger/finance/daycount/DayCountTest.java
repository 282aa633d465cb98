package io.twinledger.finance.daycount;

import static io.twinledger.finance.daycount.DayCount.ACT_360;
import static io.twinledger.finance.daycount.DayCount.ACT_365F;
import static io.twinledger.finance.daycount.DayCount.ACT_ACT_ICMA;
import static io.twinledger.finance.daycount.DayCount.ACT_ACT_ISDA;
import static io.twinledger.finance.daycount.DayCount.THIRTY_360_US;
import static io.twinledger.finance.daycount.DayCount.THIRTY_E_360;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.finance.schedule.Frequency;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DayCountTest {

  private static final LocalDate NOV_2003 = LocalDate.of(2003, 11, 1);
  private static final LocalDate MAY_2004 = LocalDate.of(2004, 5, 1);

  @Test
  void actActIsdaSplitsTheDaysByLeapAndNonLeapYear() {
    // 61 days in 2003 (Nov 1 → Jan 1) and 121 in leap 2004 (Jan 1 → May 1):
    // 61/365 + 121/366 = 0.167123287671... + 0.330601092896... = 0.497724380567...
    assertThat(ACT_ACT_ISDA.yearFraction(NOV_2003, MAY_2004).toPlainString())
        .startsWith("0.497724380567");
    // 2007-12-31 → 2008-01-02: one day in 2007, one in 2008 → 1/365 + 1/366 = 731/133590
    assertThat(ACT_ACT_ISDA.yearFraction(LocalDate.of(2007, 12, 31), LocalDate.of(2008, 1, 2)))
        .isEqualByComparingTo(
            BigDecimal.valueOf(731).divide(BigDecimal.valueOf(133590), MathContext.DECIMAL128));
  }

  @Test
  void actActIcmaDividesByTheReferencePeriod() {
    ReferencePeriod semiAnnual = new ReferencePeriod(NOV_2003, MAY_2004, Frequency.SEMI_ANNUAL);
    // 182 days / (2 × 182)
    assertThat(ACT_ACT_ICMA.yearFraction(NOV_2003, MAY_2004, semiAnnual))
        .isEqualByComparingTo("0.5");
    // short stub 2003-12-01 → 2004-05-01: 152 days / (2 × 182) = 0.41758241758...
    assertThat(ACT_ACT_ICMA.yearFraction(LocalDate.of(2003, 12, 1), MAY_2004, semiAnnual))
        .isEqualByComparingTo(
            BigDecimal.valueOf(152).divide(BigDecimal.valueOf(364), MathContext.DECIMAL128));
  }

  @Test
  void actActIcmaWithoutAReferencePeriodIsAnError() {
    assertThatThrownBy(() -> ACT_ACT_ICMA.yearFraction(NOV_2003, MAY_2004))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs the coupon reference period");
    assertThatThrownBy(() -> ACT_ACT_ICMA.yearFraction(NOV_2003, MAY_2004, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs the coupon reference period");
  }

  /**
   * The examples of ISDA's 1999 memo "EMU and market conventions: recent developments" (also in
   * QuantLib's day counter tests), to the memo's 12 decimals, and the exact fractions behind them.
   */
  @ParameterizedTest(name = "{0}: {1} → {2}, reference {3} – {4} = {6}")
  @CsvSource({
    // regular period: 182 / (2 × 182)
    "regular, 2003-11-01, 2004-05-01, 2003-11-01, 2004-05-01, 2, 0.500000000000, 1, 2",
    // short first coupon, annual: 150 / (1 × 365)
    "short first, 1999-02-01, 1999-07-01, 1998-07-01, 1999-07-01, 1, 0.410958904110, 150, 365",
    // long first coupon: 153 / (2 × 184) for 2002-08-15 → 2003-01-15 in the notional period
    // 2002-07-15 – 2003-01-15, plus 181 / (2 × 181) = 337/368
    "long first, 2002-08-15, 2003-07-15, 2003-01-15, 2003-07-15, 2, 0.915760869565, 337, 368",
    // short last coupon: 152 / (2 × 182) in the notional period 2000-01-30 – 2000-07-30
    "short last, 2000-01-30, 2000-06-30, 2000-01-30, 2000-07-30, 2, 0.417582417582, 152, 364",
    // long last coupon (by hand, the memo has none): 182 / (2 × 182) for 2000-01-30 → 2000-07-30,
    // plus 62 / (2 × 184) for 2000-07-30 → 2000-09-30 in the notional period ending 2001-01-30:
    // 1/2 + 31/184 = 123/184
    "long last, 2000-01-30, 2000-09-30, 2000-01-30, 2000-07-30, 2, 0.668478260870, 123, 184",
  })
  void actActIcmaFollowsTheIsdaMemo(
      String name,
      LocalDate start,
      LocalDate end,
      LocalDate refStart,
      LocalDate refEnd,
      int periodsPerYear,
      BigDecimal twelveDecimals,
      long numerator,
      long denominator) {
    ReferencePeriod period =
        new ReferencePeriod(refStart, refEnd, Frequency.ofPeriodsPerYear(periodsPerYear));

    BigDecimal fraction = ACT_ACT_ICMA.yearFraction(start, end, period);

    assertThat(fraction.setScale(12, RoundingMode.HALF_EVEN)).isEqualByComparingTo(twelveDecimals);
    assertThat(fraction)
        .isEqualByComparingTo(
            BigDecimal.valueOf(numerator)
                .divide(BigDecimal.valueOf(denominator), MathContext.DECIMAL128));
    assertThat(ACT_ACT_ICMA.yearFraction(end, start, period))
        .isEqualByComparingTo(fraction.negate());
  }

  @Test
  void aLongStubIsSplitIntoNotionalPeriodsOnTheMonthEndGrid() {
    // reference 2017-02-28 – 2017-08-31 (both month ends): the grid is month ends, so
    // 2016-08-31 – 2017-02-28 (181 days) holds 2017-01-10 → 2017-02-28 (49 days):
    // 49 / (2 × 181) + 1/2 = 115/181
    ReferencePeriod monthEnds =
        new ReferencePeriod(
            LocalDate.of(2017, 2, 28), LocalDate.of(2017, 8, 31), Frequency.SEMI_ANNUAL);
    assertThat(
            ACT_ACT_ICMA.yearFraction(
                LocalDate.of(2017, 1, 10), LocalDate.of(2017, 8, 31), monthEnds))
        .isEqualByComparingTo(
            BigDecimal.valueOf(115).divide(BigDecimal.valueOf(181), MathContext.DECIMAL128));
    // a coupon on the 30th: the notional period before 2017-02-28 starts on 2016-08-30 (182 days),
    // so 2017-01-10 → 2017-02-28 is 49 / 364 and the whole stub 49/364 + 1/2 = 231/364
    ReferencePeriod thirtieth =
        new ReferencePeriod(
            LocalDate.of(2017, 2, 28), LocalDate.of(2017, 8, 30), Frequency.SEMI_ANNUAL);
    assertThat(
            ACT_ACT_ICMA.yearFraction(
                LocalDate.of(2017, 1, 10), LocalDate.of(2017, 8, 30), thirtieth))
        .isEqualByComparingTo(
            BigDecimal.valueOf(231).divide(BigDecimal.valueOf(364), MathContext.DECIMAL128));
    // three whole quarters and nothing else: exactly 0.75
    ReferencePeriod quarter =
        new ReferencePeriod(NOV_2003, LocalDate.of(2004, 2, 1), Frequency.QUARTERLY);
    assertThat(ACT_ACT_ICMA.yearFraction(LocalDate.of(2003, 8, 1), MAY_2004, quarter))
        .isEqualByComparingTo("0.75");
  }

  @Test
  void aStubOutsideAnIrregularReferencePeriodIsAnError() {
    // 2003-11-01 – 2004-02-01 is three months, not one semi-annual period: no grid to split on
    ReferencePeriod irregular =
        new ReferencePeriod(NOV_2003, LocalDate.of(2004, 2, 1), Frequency.SEMI_ANNUAL);
    assertThat(irregular.isRegular()).isFalse();
    assertThat(new ReferencePeriod(NOV_2003, MAY_2004, Frequency.SEMI_ANNUAL).isRegular()).isTrue();
    assertThatThrownBy(() -> ACT_ACT_ICMA.yearFraction(NOV_2003, MAY_2004, irregular))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "reference period 2003-11-01 to 2004-02-01 is not one regular 6-month period, so the"
                + " notional coupon periods beyond it are undefined");
    // within it, the fraction is still days / (f × its days), as before: 31 / (2 × 92)
    assertThat(ACT_ACT_ICMA.yearFraction(NOV_2003, LocalDate.of(2003, 12, 2), irregular))
        .isEqualByComparingTo(
            BigDecimal.valueOf(31).divide(BigDecimal.valueOf(184), MathContext.DECIMAL128));
  }

  @ParameterizedTest(name = "30/360 US {0} → {1} = {2} days")
  @CsvSource({
    // ordinary month: 30 days
    "2007-01-15, 2007-02-15, 30",
    // D1 = 31 → 30: (2-1)×30 + 28 - 30 = 28
    "2007-01-31, 2007-02-28, 28",
    // D1 = 30, D2 = 31 → 30: 2×30 + 0 = 60
    "2007-01-30, 2007-03-31, 60",
    // D1 < 30 keeps D2 = 31: 2×30 + 31 - 15 = 76
    "2007-01-15, 2007-03-31, 76",
    // both 31st: 30 days
    "2007-03-31, 2007-05-31, 60",
    // start last of February → 30: 30 + 15 - 30 = 15
    "2007-02-28, 2007-03-15, 15",
    // last of Feb → 31st: D1 = 30 but D2 stays 31 (Excel basis 0): 30 + 31 - 30 = 31
    "2007-02-28, 2007-03-31, 31",
    // last of Feb to last of Feb: both 30 → exactly one year
    "2007-02-28, 2008-02-29, 360",
    "2008-02-29, 2009-02-28, 360",
    // Feb 28 in a leap year is not the last day: 30 + 28 - 28 = 30
    "2008-02-28, 2008-03-28, 30",
    // Feb 29 leap: D1 = 30 → 30 + 30 - 30 = 30
    "2008-02-29, 2008-03-30, 30",
    // end on the last of February, start not: no adjustment, 30 + 28 - 15 = 43
    "2007-01-15, 2007-02-28, 43",
  })
  void thirty360Us(LocalDate start, LocalDate end, long days) {
    assertThat(THIRTY_360_US.days(start, end)).isEqualTo(days);
    assertThat(THIRTY_360_US.yearFraction(start, end))
        .isEqualByComparingTo(
            BigDecimal.valueOf(days).divide(BigDecimal.valueOf(360), MathContext.DECIMAL128));
  }

  @ParameterizedTest(name = "30E/360 {0} → {1} = {2} days")
  @CsvSource({
    // February is not adjusted: 30 + 30 - 28 = 32
    "2007-02-28, 2007-03-31, 32",
    // D2 = 31 → 30 even when D1 < 30: 60 + 30 - 15 = 75
    "2007-01-15, 2007-03-31, 75",
    // 360 + 29 - 28 = 361
    "2007-02-28, 2008-02-29, 361",
    "2007-03-31, 2007-04-30, 30",
  })
  void thirtyE360(LocalDate start, LocalDate end, long days) {
    assertThat(THIRTY_E_360.days(start, end)).isEqualTo(days);
  }

  @Test
  void actualConventionsCountCalendarDays() {
    LocalDate jan2008 = LocalDate.of(2008, 1, 1);
    // 31 + 29 = 60 days (2008 is a leap year) / 360 = 1/6
    assertThat(ACT_360.yearFraction(jan2008, LocalDate.of(2008, 3, 1)))
        .isEqualByComparingTo(BigDecimal.ONE.divide(BigDecimal.valueOf(6), MathContext.DECIMAL128));
    // 366 / 365 = 1.0027397260273972602739726027397260
    assertThat(ACT_365F.yearFraction(jan2008, LocalDate.of(2009, 1, 1)))
        .isEqualByComparingTo("1.002739726027397260273972602739726");
  }

  @Test
  void swappedDatesGiveTheNegatedFraction() {
    assertThat(THIRTY_360_US.yearFraction(LocalDate.of(2007, 3, 31), LocalDate.of(2007, 2, 28)))
        .isEqualByComparingTo(
            BigDecimal.valueOf(-31).divide(BigDecimal.valueOf(360), MathContext.DECIMAL128));
  }

  @Test
  void namesAreTheApiNamesAndUnknownNamesListTheValidOnes() {
    assertThat(DayCount.of("30/360 US")).isEqualTo(THIRTY_360_US);
    assertThat(DayCount.of("30E/360")).isEqualTo(THIRTY_E_360);
    assertThat(DayCount.of("ACT/360")).isEqualTo(ACT_360);
    assertThat(DayCount.of("ACT/365F")).isEqualTo(ACT_365F);
    assertThat(DayCount.of("ACT/ACT ISDA")).isEqualTo(ACT_ACT_ISDA);
    assertThat(DayCount.of("ACT/ACT ICMA")).isEqualTo(ACT_ACT_ICMA);
    assertThatThrownBy(() -> DayCount.of("ACT/365"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown day count 'ACT/365'; valid names are '30/360 US', '30E/360', 'ACT/360',"
                + " 'ACT/365F', 'ACT/ACT ISDA', 'ACT/ACT ICMA'");
  }

  @Test
  void excelBasisMapping() {
    assertThat(THIRTY_360_US.excelBasis()).isZero();
    assertThat(ACT_ACT_ISDA.excelBasis()).isEqualTo(1);
    assertThat(ACT_ACT_ICMA.excelBasis()).isEqualTo(1);
    assertThat(ACT_360.excelBasis()).isEqualTo(2);
    assertThat(ACT_365F.excelBasis()).isEqualTo(3);
    assertThat(THIRTY_E_360.excelBasis()).isEqualTo(4);
  }
}
