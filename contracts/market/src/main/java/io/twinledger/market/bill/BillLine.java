package io.twinledger.market.bill;

import io.twinledger.market.slot.SlotId;
import java.math.BigDecimal;
import java.util.List;

/**
 * One line of a monthly bill: the aggregate of its slots.
 *
 * <p>Sign: {@code amount} is from the household's point of view, positive when it pays and negative
 * when it is paid (sold and exported lines); the savings line is positive when trading saved money.
 *
 * @param kind the line
 * @param kwh the line's energy summed over its slots; for the fees line the kWh bought, on which
 *     they were charged; zero for the savings line
 * @param exactAmount the exact sum over the slots
 * @param amount {@code exactAmount} rounded to the currency's minor unit, half-even
 * @param slots the slots where the line is not zero, in time order
 */
public record BillLine(
    LineKind kind, BigDecimal kwh, BigDecimal exactAmount, BigDecimal amount, List<SlotId> slots) {

  public BillLine {
    slots = List.copyOf(slots);
  }
}
