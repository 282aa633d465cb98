package io.twinledger.market.bill;

import io.twinledger.market.settlement.ParticipantAccount;
import io.twinledger.market.slot.SlotId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A household's monthly bill, built from its settled slots.
 *
 * <p>Rounding: each line's amount is the exact sum over its slots rounded once to the currency's
 * minor unit ({@link java.util.Currency#getDefaultFractionDigits()}, for example 0 for KRW, 2 for
 * EUR), half-even. The total is the sum of the five rounded charge lines, so the bill adds up as
 * printed; the baseline is its exact sum rounded the same way, and the savings line is {@code
 * baseline - total}.
 *
 * @param participant the household
 * @param month the billing month, in {@code zone}
 * @param zone the time zone in which a slot's start decides its month
 * @param currency ISO 4217 code
 * @param lines the six lines, in {@link LineKind} order
 * @param total what the household pays for the month (negative: is paid), rounded
 * @param baselineTotal the bill without trading for the same metered energy, rounded
 */
public record MonthlyBill(
    String participant,
    YearMonth month,
    ZoneId zone,
    String currency,
    List<BillLine> lines,
    BigDecimal total,
    BigDecimal baselineTotal) {

  public MonthlyBill {
    lines = List.copyOf(lines);
  }

  /**
   * The bill of {@code participant} for {@code month}.
   *
   * @param slots the household's account of every slot it had a position in; slots outside the
   *     month are refused
   * @throws IllegalArgumentException for an account of another participant or a slot outside the
   *     month, naming it
   */
  public static MonthlyBill of(
      String participant,
      YearMonth month,
      ZoneId zone,
      String currency,
      Map<SlotId, ParticipantAccount> slots) {
    int digits = Currency.getInstance(currency).getDefaultFractionDigits();
    List<Line> lines = new ArrayList<>();
    for (LineKind kind : LineKind.values()) {
      lines.add(new Line(kind));
    }
    BigDecimal baseline = BigDecimal.ZERO;
    for (Map.Entry<SlotId, ParticipantAccount> e : new TreeMap<>(slots).entrySet()) {
      SlotId slot = e.getKey();
      ParticipantAccount a = e.getValue();
      if (!a.participant().equals(participant)) {
        throw new IllegalArgumentException(
            "slot "
                + slot
                + ": the account is "
                + a.participant()
                + "'s, not "
                + participant
                + "'s");
      }
      if (!YearMonth.from(slot.start().atZone(zone)).equals(month)) {
        throw new IllegalArgumentException(
            "slot " + slot + " is not in " + month + " (" + zone + ")");
      }
      for (LineKind kind : LineKind.values()) {
        lines.get(kind.ordinal()).add(slot, kind.kwhOf(a), kind.amountOf(a));
      }
      baseline = baseline.add(a.baselineTotal());
    }
    BigDecimal total = BigDecimal.ZERO.setScale(digits);
    List<BillLine> charges = new ArrayList<>();
    for (Line line : lines.subList(0, 5)) {
      BillLine billLine = line.toBillLine(line.exact.setScale(digits, RoundingMode.HALF_EVEN));
      charges.add(billLine);
      total = total.add(billLine.amount());
    }
    BigDecimal baselineTotal = baseline.setScale(digits, RoundingMode.HALF_EVEN);
    charges.add(lines.get(5).toBillLine(baselineTotal.subtract(total)));
    return new MonthlyBill(participant, month, zone, currency, charges, total, baselineTotal);
  }

  /** A line being added up. */
  private static final class Line {
    final LineKind kind;
    BigDecimal kwh = BigDecimal.ZERO.setScale(3);
    BigDecimal exact = BigDecimal.ZERO;
    final List<SlotId> slots = new ArrayList<>();

    Line(LineKind kind) {
      this.kind = kind;
    }

    void add(SlotId slot, BigDecimal lineKwh, BigDecimal amount) {
      if (lineKwh.signum() == 0 && amount.signum() == 0) {
        return;
      }
      kwh = kwh.add(lineKwh);
      exact = exact.add(amount);
      slots.add(slot);
    }

    BillLine toBillLine(BigDecimal amount) {
      return new BillLine(kind, kwh, exact, amount, slots);
    }
  }

  /** The line of {@code kind}. */
  public BillLine line(LineKind kind) {
    return lines.get(kind.ordinal());
  }

  /** The savings, {@code baselineTotal - total}. */
  public BigDecimal savings() {
    return baselineTotal.subtract(total);
  }
}
