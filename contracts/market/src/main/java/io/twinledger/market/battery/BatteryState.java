package io.twinledger.market.battery;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The community battery's stored energy at a slot boundary, in kWh, exact (charging multiplies by
 * the round-trip efficiency, so it may have more than three decimals).
 *
 * @param stateOfChargeKwh the energy stored, {@code >= 0}
 */
public record BatteryState(BigDecimal stateOfChargeKwh) {

  public BatteryState {
    Objects.requireNonNull(stateOfChargeKwh, "stateOfChargeKwh");
    if (stateOfChargeKwh.signum() < 0) {
      throw new IllegalArgumentException(
          "stateOfChargeKwh must be at least 0 (was " + stateOfChargeKwh.toPlainString() + ")");
    }
  }
}
