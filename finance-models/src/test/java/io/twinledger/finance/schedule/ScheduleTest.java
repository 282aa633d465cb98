package io.twinledger.finance.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleTest {

  private static LocalDate date(String iso) {
    return LocalDate.parse(iso);
  }

  private static List<LocalDate> unadjustedEnds(Schedule schedule) {
    return schedule.periods().stream().map(SchedulePeriod::unadjustedEnd).toList();
  }

  @Test
  void theDefaultIsAShortFrontStubGeneratedBackwardFromTheEnd() {
    // quarterly back from 2025-02-28: 2024-11-28, 2024-08-28, 2024-05-28; stub 03-10 → 05-28
    Schedule schedule = Schedule.of(date("2024-03-10"), date("2025-02-28"), Frequency.QUARTERLY);

    assertThat(schedule.periods().getFirst().unadjustedStart()).isEqualTo(date("2024-03-10"));
    assertThat(unadjustedEnds(schedule))
        .containsExactly(
            date("2024-05-28"), date("2024-08-28"), date("2024-11-28"), date("2025-02-28"));
  }

  @Test
  void theEndOfMonthRuleKeepsMonthEnds() {
    Schedule schedule =
        Schedule.of(
            date("2024-03-10"),
            date("2025-02-28"),
            Frequency.QUARTERLY,
            StubConvention.SHORT_FRONT,
            true,
            BusinessDayConvention.UNADJUSTED,
            HolidayCalendar.weekendsOnly());

    assertThat(unadjustedEnds(schedule))
        .containsExactly(
            date("2024-05-31"), date("2024-08-31"), date("2024-11-30"), date("2025-02-28"));
  }

  @Test
  void aShortBackStubIsGeneratedForwardFromTheStart() {
    Schedule schedule =
        Schedule.of(
            date("2024-01-15"),
            date("2024-12-01"),
            Frequency.QUARTERLY,
            StubConvention.SHORT_BACK,
            false,
            BusinessDayConvention.UNADJUSTED,
            HolidayCalendar.weekendsOnly());

    assertThat(unadjustedEnds(schedule))
        .containsExactly(
            date("2024-04-15"), date("2024-07-15"), date("2024-10-15"), date("2024-12-01"));
  }

  @Test
  void datesThatDivideEvenlyHaveNoStub() {
    Schedule schedule = Schedule.of(date("2024-01-31"), date("2025-01-31"), Frequency.SEMI_ANNUAL);

    // 2025-01-31 minus 6 months is 2024-07-31, minus 12 is the start: two regular periods
    assertThat(unadjustedEnds(schedule)).containsExactly(date("2024-07-31"), date("2025-01-31"));
  }

  @Test
  void datesAreAdjustedButTheUnadjustedOnesAreKept() {
    // 2024-06-15 is a Saturday, 2024-12-15 a Sunday
    Schedule schedule =
        Schedule.of(
            date("2024-06-15"),
            date("2024-12-15"),
            Frequency.QUARTERLY,
            StubConvention.SHORT_FRONT,
            false,
            BusinessDayConvention.MODIFIED_FOLLOWING,
            HolidayCalendar.weekendsOnly());

    SchedulePeriod first = schedule.periods().getFirst();
    assertThat(first.unadjustedStart()).isEqualTo(date("2024-06-15"));
    assertThat(first.start()).isEqualTo(date("2024-06-17"));
    // 2024-09-15 is a Sunday → Monday 16th
    assertThat(first.end()).isEqualTo(date("2024-09-16"));
    assertThat(schedule.periods().getLast().end()).isEqualTo(date("2024-12-16"));
  }

  @Test
  void businessDayConventions() {
    HolidayCalendar christmas =
        HolidayCalendar.weekendsAnd(Set.of(date("2024-12-25"), date("2024-12-26")));
    // Wednesday Christmas and Thursday Boxing Day → Friday 27th; Tuesday 24th before
    assertThat(BusinessDayConvention.FOLLOWING.adjust(date("2024-12-25"), christmas))
        .isEqualTo(date("2024-12-27"));
    assertThat(BusinessDayConvention.PRECEDING.adjust(date("2024-12-26"), christmas))
        .isEqualTo(date("2024-12-24"));
    // Saturday 2024-11-30: following is Monday 2 December, another month → Friday 29 November
    assertThat(BusinessDayConvention.FOLLOWING.adjust(date("2024-11-30"), christmas))
        .isEqualTo(date("2024-12-02"));
    assertThat(BusinessDayConvention.MODIFIED_FOLLOWING.adjust(date("2024-11-30"), christmas))
        .isEqualTo(date("2024-11-29"));
    // Sunday 2024-12-01: preceding is Friday 29 November, another month → Monday 2 December
    assertThat(BusinessDayConvention.PRECEDING.adjust(date("2024-12-01"), christmas))
        .isEqualTo(date("2024-11-29"));
    assertThat(BusinessDayConvention.MODIFIED_PRECEDING.adjust(date("2024-12-01"), christmas))
        .isEqualTo(date("2024-12-02"));
    assertThat(BusinessDayConvention.UNADJUSTED.adjust(date("2024-12-25"), christmas))
        .isEqualTo(date("2024-12-25"));
    // a business day is never moved
    assertThat(BusinessDayConvention.MODIFIED_FOLLOWING.adjust(date("2024-12-24"), christmas))
        .isEqualTo(date("2024-12-24"));
  }

  @Test
  void calendarsCombine() {
    HolidayCalendar target = HolidayCalendar.weekendsAnd(Set.of(date("2024-05-01")));
    HolidayCalendar fridayWeekend =
        new HolidayCalendar(
            Set.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY), Set.of(date("2024-05-02")));

    HolidayCalendar both = target.combinedWith(fridayWeekend);

    assertThat(both.isBusinessDay(date("2024-05-01"))).isFalse(); // holiday in the first
    assertThat(both.isBusinessDay(date("2024-05-02"))).isFalse(); // holiday in the second
    assertThat(both.isBusinessDay(date("2024-05-03"))).isFalse(); // a Friday
    assertThat(both.isBusinessDay(date("2024-05-05"))).isFalse(); // a Sunday
    assertThat(both.isBusinessDay(date("2024-05-06"))).isTrue(); // a Monday
    assertThat(HolidayCalendar.weekendsOnly().isBusinessDay(date("2024-05-01"))).isTrue();
  }

  @Test
  void rejectsAnEndNotAfterTheStart() {
    assertThatThrownBy(() -> Schedule.of(date("2024-05-01"), date("2024-05-01"), Frequency.ANNUAL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("schedule end 2024-05-01 must be after its start 2024-05-01");
    assertThatThrownBy(() -> Frequency.ofPeriodsPerYear(3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("frequency 3 is not supported: periods per year must be one of 1, 2, 4, 12");
  }
}
