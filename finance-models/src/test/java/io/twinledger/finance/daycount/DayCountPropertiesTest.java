package io.twinledger.finance.daycount;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.finance.schedule.Frequency;
import java.math.BigDecimal;
import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.data.Offset;

class DayCountPropertiesTest {

  @Provide
  Arbitrary<LocalDate> dates() {
    // 1990-01-01 .. about 2060, covering many leap years and month ends
    return Arbitraries.integers()
        .between(0, 25_567)
        .map(offset -> LocalDate.of(1990, 1, 1).plusDays(offset));
  }

  @Provide
  Arbitrary<DayCount> withoutReferencePeriod() {
    return Arbitraries.of(
        DayCount.THIRTY_360_US,
        DayCount.THIRTY_E_360,
        DayCount.ACT_360,
        DayCount.ACT_365F,
        DayCount.ACT_ACT_ISDA);
  }

  @Provide
  Arbitrary<DayCount> additive() {
    return Arbitraries.of(DayCount.ACT_360, DayCount.ACT_365F);
  }

  @Property
  void aDateToItselfIsZero(
      @ForAll("dates") LocalDate a, @ForAll("withoutReferencePeriod") DayCount dayCount) {
    assertThat(dayCount.yearFraction(a, a)).isZero();
    ReferencePeriod period = new ReferencePeriod(a, a.plusMonths(6), Frequency.SEMI_ANNUAL);
    assertThat(DayCount.ACT_ACT_ICMA.yearFraction(a, a, period)).isZero();
  }

  @Property
  void swappingTheDatesNegates(
      @ForAll("dates") LocalDate a,
      @ForAll("dates") LocalDate b,
      @ForAll("withoutReferencePeriod") DayCount dayCount) {
    assertThat(dayCount.yearFraction(b, a))
        .isEqualByComparingTo(dayCount.yearFraction(a, b).negate());
    int sign = dayCount.yearFraction(a, b).signum();
    int order = Integer.signum(b.compareTo(a));
    if (dayCount == DayCount.THIRTY_360_US || dayCount == DayCount.THIRTY_E_360) {
      // 30/360 counts the 31st as the 30th, so 30 January to 31 January is no time at all; the
      // fraction may be zero between different dates, but never of the opposite sign.
      assertThat(sign * order).isNotNegative();
    } else {
      assertThat(sign).isEqualTo(order);
    }
  }

  @Property
  void thirty360CountsTheThirtyFirstAsTheThirtieth(
      @ForAll @IntRange(min = 1990, max = 2060) int year, @ForAll("thirtyOneDayMonths") int month) {
    LocalDate thirtieth = LocalDate.of(year, month, 30);
    LocalDate thirtyFirst = LocalDate.of(year, month, 31);
    assertThat(DayCount.THIRTY_E_360.yearFraction(thirtieth, thirtyFirst)).isZero();
    assertThat(DayCount.THIRTY_360_US.yearFraction(thirtieth, thirtyFirst)).isZero();
  }

  @Provide
  Arbitrary<Integer> thirtyOneDayMonths() {
    return Arbitraries.of(1, 3, 5, 7, 8, 10, 12);
  }

  @Property
  void actIcmaIsAntisymmetricWithinItsPeriod(
      @ForAll("dates") LocalDate periodStart,
      @ForAll @IntRange(min = 0, max = 182) int first,
      @ForAll @IntRange(min = 0, max = 182) int second) {
    ReferencePeriod period =
        new ReferencePeriod(periodStart, periodStart.plusMonths(6), Frequency.SEMI_ANNUAL);
    LocalDate a = minDate(periodStart.plusDays(first), period.end());
    LocalDate b = minDate(periodStart.plusDays(second), period.end());
    assertThat(DayCount.ACT_ACT_ICMA.yearFraction(b, a, period))
        .isEqualByComparingTo(DayCount.ACT_ACT_ICMA.yearFraction(a, b, period).negate());
  }

  @Property
  void fixedDenominatorConventionsAreAdditive(
      @ForAll("dates") LocalDate a,
      @ForAll("dates") LocalDate b,
      @ForAll("dates") LocalDate c,
      @ForAll("additive") DayCount dayCount) {
    // DECIMAL128 rounds each fraction in the 34th digit, so compare to 1e-30
    assertThat(dayCount.yearFraction(a, b).add(dayCount.yearFraction(b, c)))
        .isCloseTo(dayCount.yearFraction(a, c), Offset.offset(new BigDecimal("1e-30")));
  }

  /**
   * Splitting at the notional coupon dates makes ACT/ACT ICMA additive, also across the reference
   * period's ends: a long stub is the sum of its parts whatever the cut.
   */
  @Property
  void actIcmaIsAdditiveAcrossNotionalPeriods(
      @ForAll("dates") LocalDate periodStart,
      @ForAll("frequencies") Frequency frequency,
      @ForAll @IntRange(min = -800, max = 800) int first,
      @ForAll @IntRange(min = -800, max = 800) int second,
      @ForAll @IntRange(min = -800, max = 800) int third) {
    ReferencePeriod period =
        new ReferencePeriod(periodStart, periodStart.plusMonths(frequency.months()), frequency);
    LocalDate a = periodStart.plusDays(first);
    LocalDate b = periodStart.plusDays(second);
    LocalDate c = periodStart.plusDays(third);
    DayCount icma = DayCount.ACT_ACT_ICMA;
    assertThat(icma.yearFraction(a, b, period).add(icma.yearFraction(b, c, period)))
        .isCloseTo(icma.yearFraction(a, c, period), Offset.offset(new BigDecimal("1e-30")));
  }

  @Provide
  Arbitrary<Frequency> frequencies() {
    return Arbitraries.of(Frequency.class);
  }

  private static LocalDate minDate(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }
}
