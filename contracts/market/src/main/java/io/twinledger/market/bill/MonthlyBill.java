package io.twinledger.market.bill;

import io.twinledger.market.settlement.ParticipantAccount;
import io.twinledger.market.slot.SlotId;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

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
    throw new UnsupportedOperationException("not yet");
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
