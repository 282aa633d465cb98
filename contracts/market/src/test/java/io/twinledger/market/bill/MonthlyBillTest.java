package io.twinledger.market.bill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.market.settlement.ParticipantAccount;
import io.twinledger.market.slot.SlotId;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonthlyBillTest {

  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  private static final YearMonth JUNE = YearMonth.of(2026, 6);

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  /** A buyer's slot: 0.5 kWh bought at 100.4, fee 10, 0.3 kWh from the utility at 200. */
  private static ParticipantAccount buying(String who) {
    return new ParticipantAccount(
        who,
        d("0.800"),
        d("0.500"),
        d("50.2"),
        d("0.000"),
        d("0"),
        d("5"),
        d("0.300"),
        d("60"),
        d("0.000"),
        d("0"),
        d("160"));
  }

  /** A seller's slot: 1 kWh sold at 99.5, 0.25 kWh to the utility at 60. */
  private static ParticipantAccount selling(String who) {
    return new ParticipantAccount(
        who,
        d("-1.250"),
        d("0.000"),
        d("0"),
        d("1.000"),
        d("99.5"),
        d("0"),
        d("0.000"),
        d("0"),
        d("0.250"),
        d("15"),
        d("-75"));
  }

  @Test
  void linesAddUpTheSlotsAndListThem() {
    SlotId morning = SlotId.parse("2026-06-01T00:00:00Z");
    SlotId noon = SlotId.parse("2026-06-01T03:00:00Z");
    SlotId evening = SlotId.parse("2026-06-01T10:00:00Z");
    MonthlyBill bill =
        MonthlyBill.of(
            "h1",
            JUNE,
            SEOUL,
            "KRW",
            Map.of(evening, buying("h1"), noon, selling("h1"), morning, buying("h1")));

    assertThat(bill.lines()).extracting(BillLine::kind).containsExactly(LineKind.values());
    BillLine bought = bill.line(LineKind.BOUGHT_FROM_NEIGHBOURS);
    assertThat(bought.kwh()).isEqualByComparingTo("1");
    assertThat(bought.exactAmount()).isEqualByComparingTo("100.4");
    assertThat(bought.amount()).isEqualByComparingTo("100");
    assertThat(bought.slots()).containsExactly(morning, evening);
    // 99.5 rounds half-even to 100, with its sign: a credit.
    assertThat(bill.line(LineKind.SOLD_TO_NEIGHBOURS).amount()).isEqualByComparingTo("-100");
    assertThat(bill.line(LineKind.SOLD_TO_NEIGHBOURS).slots()).containsExactly(noon);
    assertThat(bill.line(LineKind.IMPORTED_FROM_UTILITY).amount()).isEqualByComparingTo("120");
    assertThat(bill.line(LineKind.EXPORTED_TO_UTILITY).amount()).isEqualByComparingTo("-15");
    assertThat(bill.line(LineKind.GRID_FEES).amount()).isEqualByComparingTo("10");
    // Total: the sum of the rounded lines, 100 - 100 + 120 - 15 + 10.
    assertThat(bill.total()).isEqualByComparingTo("115");
    assertThat(bill.baselineTotal()).isEqualByComparingTo("245");
    assertThat(bill.line(LineKind.SAVINGS).amount()).isEqualByComparingTo("130");
    assertThat(bill.savings()).isEqualByComparingTo("130");
    assertThat(bill.line(LineKind.SAVINGS).slots()).containsExactly(morning, noon, evening);
  }

  @Test
  void eachLineIsTheSumOfItsSlotsParts() {
    Map<SlotId, ParticipantAccount> slots =
        Map.of(
            SlotId.parse("2026-06-01T00:00:00Z"), buying("h1"),
            SlotId.parse("2026-06-01T03:00:00Z"), selling("h1"));
    MonthlyBill bill = MonthlyBill.of("h1", JUNE, SEOUL, "KRW", slots);

    for (BillLine line : bill.lines()) {
      BigDecimal kwh = BigDecimal.ZERO;
      BigDecimal amount = BigDecimal.ZERO;
      for (SlotId slot : line.slots()) {
        kwh = kwh.add(line.kind().kwhOf(slots.get(slot)));
        amount = amount.add(line.kind().amountOf(slots.get(slot)));
      }
      assertThat(kwh).as(line.kind().name()).isEqualByComparingTo(line.kwh());
      assertThat(amount).as(line.kind().name()).isEqualByComparingTo(line.exactAmount());
    }
    ParticipantAccount seller = selling("h1");
    assertThat(LineKind.SOLD_TO_NEIGHBOURS.amountOf(seller)).isEqualByComparingTo("-99.5");
    assertThat(LineKind.GRID_FEES.kwhOf(buying("h1"))).isEqualByComparingTo("0.5");
    assertThat(LineKind.SAVINGS.amountOf(seller)).isEqualByComparingTo(seller.savings());
  }

  @Test
  void centsForEuro() {
    MonthlyBill bill =
        MonthlyBill.of(
            "h1", JUNE, SEOUL, "EUR", Map.of(SlotId.parse("2026-06-01T00:00:00Z"), buying("h1")));
    assertThat(bill.line(LineKind.BOUGHT_FROM_NEIGHBOURS).amount()).isEqualTo(d("50.20"));
  }

  @Test
  void refusesSlotsOfAnotherMonthOrHousehold() {
    // 2026-05-31T15:00Z is already June 1st in Seoul; 14:45Z is still May.
    SlotId lastOfMay = SlotId.parse("2026-05-31T14:45:00Z");
    assertThat(
            MonthlyBill.of("h1", JUNE, SEOUL, "KRW", Map.of(lastOfMay.next(), buying("h1")))
                .total())
        .isEqualByComparingTo("115");
    assertThatThrownBy(
            () -> MonthlyBill.of("h1", JUNE, SEOUL, "KRW", Map.of(lastOfMay, buying("h1"))))
        .hasMessage("slot 2026-05-31T14:45:00Z is not in 2026-06 (Asia/Seoul)");
    assertThatThrownBy(
            () -> MonthlyBill.of("h1", JUNE, SEOUL, "KRW", Map.of(lastOfMay.next(), buying("h2"))))
        .hasMessage("slot 2026-05-31T15:00:00Z: the account is h2's, not h1's");
  }

  @Test
  void anEmptyMonthIsAZeroBill() {
    MonthlyBill bill = MonthlyBill.of("h1", JUNE, SEOUL, "KRW", Map.of());
    assertThat(bill.total()).isEqualByComparingTo("0");
    assertThat(bill.lines()).allSatisfy(l -> assertThat(l.slots()).isEqualTo(List.of()));
  }
}
