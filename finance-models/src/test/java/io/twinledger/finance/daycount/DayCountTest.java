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
  void actActIcmaWithoutOrOutsideItsReferencePeriodIsAnError() {
    assertThatThrownBy(() -> ACT_ACT_ICMA.yearFraction(NOV_2003, MAY_2004))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs the coupon reference period");
    ReferencePeriod period =
        new ReferencePeriod(NOV_2003, LocalDate.of(2004, 2, 1), Frequency.QUARTERLY);
    assertThatThrownBy(() -> ACT_ACT_ICMA.yearFraction(NOV_2003, MAY_2004, period))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not within the reference period 2003-11-01 to 2004-02-01");
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
