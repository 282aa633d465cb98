package io.twinledger.service.correction;

import java.math.BigDecimal;

/** Request bodies of {@code /api/v1/twin/corrections}. */
public final class CorrectionRequests {

  private CorrectionRequests() {}

  /**
   * Body of {@code POST /api/v1/twin/corrections}: exactly one of {@code reading} and {@code
   * batchId}.
   *
   * @param action VOID, SUPERSEDE or RELEASE (of a reading the spike rule holds)
   * @param value the corrected value in the reading's stored unit, for SUPERSEDE only
   * @param reason why; required
   */
  public record Request(
      String action, ReadingKey reading, Long batchId, BigDecimal value, String reason) {}

  /**
   * A stored reading's key, as {@code GET /api/v1/twin/readings} shows it.
   *
   * @param observedAt ISO-8601 instant, such as {@code 2026-11-01T13:00:00Z}
   */
  public record ReadingKey(String source, String sensorId, String observedAt) {}

  /** Body of {@code POST /api/v1/twin/corrections/{id}/approve} and {@code /reject}. */
  public record Decision(String reason) {}
}
