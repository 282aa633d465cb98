package io.twinledger.twin.simulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One generated reading, before it travels: what a device or export job would send, in its own
 * unit, not yet mapped or converted by the ingestion pipeline.
 *
 * @param signal what was measured
 * @param assetId the simulated asset it belongs to
 * @param address where it comes from on its live channel; also its sensor id
 * @param observedAt when it was measured: the end of the interval for volumes and rain, the start
 *     of the local day for daily totals, the moment of measurement otherwise
 * @param publishedAt when the twin releases it: the observation time for meters and gauges, the
 *     next morning for daily totals, the evening of the survey day for surveys. A live feed sends a
 *     reading once this time has passed
 * @param value in {@link Signal#unit()}, with exactly {@link Signal#scale()} decimals
 */
public record SimulatedReading(
    Signal signal,
    String assetId,
    SensorAddress address,
    Instant observedAt,
    Instant publishedAt,
    BigDecimal value) {

  public SimulatedReading {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(observedAt, "observedAt");
    Objects.requireNonNull(publishedAt, "publishedAt");
    Objects.requireNonNull(value, "value");
    if (publishedAt.isBefore(observedAt)) {
      throw new IllegalArgumentException("published before observed: " + observedAt);
    }
    if (value.scale() != signal.scale()) {
      throw new IllegalArgumentException(
          signal + " values have " + signal.scale() + " decimals, was " + value.toPlainString());
    }
  }

  /** The sensor id the ingestion pipeline will give the reading. */
  public String sensorId() {
    return address.sensorId();
  }
}
