package io.twinledger.market.settlement;

import io.twinledger.market.order.Order;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One participant's metered energy in one slot: the increments of its import and export registers
 * over the slot, in kWh, both {@code >= 0}, at most three decimals (Wh).
 *
 * <p>Within a slot a participant is settled on its net position {@link #netKwh()} {@code = import -
 * export}: more than zero is a deficit (the household bids for it), less than zero a surplus (it
 * asks); the no-trading baseline is settled on the same net, so savings measure trading alone.
 *
 * @param participant the household or the community battery
 * @param importKwh energy drawn from the grid in the slot
 * @param exportKwh energy fed into the grid in the slot
 */
public record MeteredPosition(String participant, BigDecimal importKwh, BigDecimal exportKwh) {

  public MeteredPosition {
    if (participant == null || participant.isBlank()) {
      throw new IllegalArgumentException("a metered position needs a participant");
    }
    importKwh = register(participant, "importKwh", importKwh);
    exportKwh = register(participant, "exportKwh", exportKwh);
  }

  /** {@code importKwh - exportKwh}: positive is a deficit, negative a surplus. */
  public BigDecimal netKwh() {
    return importKwh.subtract(exportKwh);
  }

  /** The deficit, {@code max(net, 0)}. */
  public BigDecimal deficitKwh() {
    return netKwh().max(BigDecimal.ZERO.setScale(3));
  }

  /** The surplus, {@code max(-net, 0)}. */
  public BigDecimal surplusKwh() {
    return netKwh().negate().max(BigDecimal.ZERO.setScale(3));
  }

  private static BigDecimal register(String participant, String field, BigDecimal value) {
    Objects.requireNonNull(value, field);
    if (value.signum() < 0) {
      throw new IllegalArgumentException(
          "position of "
              + participant
              + ": "
              + field
              + " must be at least 0 kWh (was "
              + value.toPlainString()
              + ")");
    }
    if (value.compareTo(BigDecimal.valueOf(Order.MAX_QUANTITY)) > 0) {
      throw new IllegalArgumentException(
          "position of "
              + participant
              + ": "
              + field
              + " must be at most "
              + Order.MAX_QUANTITY
              + " kWh (was "
              + value.toPlainString()
              + ")");
    }
    if (value.stripTrailingZeros().scale() > Order.QUANTITY_SCALE) {
      throw new IllegalArgumentException(
          "position of "
              + participant
              + ": "
              + field
              + " has more than "
              + Order.QUANTITY_SCALE
              + " decimals, finer than one Wh (was "
              + value.toPlainString()
              + ")");
    }
    return value.setScale(Order.QUANTITY_SCALE);
  }
}
