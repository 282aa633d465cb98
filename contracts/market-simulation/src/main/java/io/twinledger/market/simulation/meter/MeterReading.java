package io.twinledger.market.simulation.meter;

import io.twinledger.market.simulation.calendar.SimulationYear;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A household meter's two registers read at the end of a 15-minute slot: cumulative kWh imported
 * from and exported to the grid since the meter was installed, scale 3 (whole Wh). The slot's
 * increments are the difference to the previous reading.
 *
 * @param household the household's id
 * @param at the reading's time: the end of the slot it closes
 * @param importKwh the import register, kWh, >= 0
 * @param exportKwh the export register, kWh, >= 0
 */
public record MeterReading(
    String household, Instant at, BigDecimal importKwh, BigDecimal exportKwh) {

  public MeterReading {
    if (household == null || household.isBlank()) {
      throw new IllegalArgumentException("household is required");
    }
    if (at == null) {
      throw new IllegalArgumentException("reading of " + household + ": at is required");
    }
    if (importKwh == null || importKwh.signum() < 0 || importKwh.scale() > 3) {
      throw new IllegalArgumentException(
          "reading of "
              + household
              + " at "
              + at
              + ": importKwh must be >= 0 with at most 3"
              + " decimals, was "
              + importKwh);
    }
    if (exportKwh == null || exportKwh.signum() < 0 || exportKwh.scale() > 3) {
      throw new IllegalArgumentException(
          "reading of "
              + household
              + " at "
              + at
              + ": exportKwh must be >= 0 with at most 3"
              + " decimals, was "
              + exportKwh);
    }
  }

  /** The start of the slot this reading closes. */
  public Instant slotStart() {
    return at.minus(SimulationYear.SLOT);
  }
}
