package io.twinledger.twin.mapping;

import java.util.Objects;
import java.util.Optional;

/**
 * One value to take from an MQTT message payload.
 *
 * @param value where the number is
 * @param unitCode where the payload states the value's UN/CEFACT unit code, if it does; otherwise
 *     the binding's {@code sourceUnit} applies
 * @param target where the reading goes
 */
public record PayloadReading(
    PayloadPath value, Optional<PayloadPath> unitCode, ReadingTarget target) {

  public PayloadReading {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(unitCode, "unitCode");
    Objects.requireNonNull(target, "target");
  }
}
