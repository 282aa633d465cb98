package io.twinledger.service.correction;

import java.math.BigDecimal;

/** Request bodies of {@code /api/v1/twin/corrections}. */
public final class CorrectionRequests {

  private CorrectionRequests() {}

  /**
   * Body of {@code POST /api/v1/twin/corrections}: for VOID, SUPERSEDE and RELEASE exactly one of
   * {@code reading} and {@code batchId}; for RESUBMIT {@code quarantineId} and {@code payload}.
   *
   * @param action VOID, SUPERSEDE, RELEASE (of a reading the spike rule holds) or RESUBMIT (of a
   *     quarantined payload, fixed)
   * @param value the corrected value in the reading's stored unit, for SUPERSEDE only
   * @param reason why; required
   * @param quarantineId the quarantine entry to re-submit, as {@code GET /api/v1/twin/quarantine}
   *     lists it
   * @param payload the fixed payload in its channel's form: for a file row, a CSV header line and
   *     the row, or one JSON line; for NGSI-LD, the whole notification; for MQTT, the message
   * @param topic for MQTT, the topic to route the message by
   */
  public record Request(
      String action,
      ReadingKey reading,
      Long batchId,
      BigDecimal value,
      String reason,
      Long quarantineId,
      String payload,
      String topic) {}

  /**
   * A stored reading's key, as {@code GET /api/v1/twin/readings} shows it.
   *
   * @param observedAt ISO-8601 instant, such as {@code 2026-11-01T13:00:00Z}
   */
  public record ReadingKey(String source, String sensorId, String observedAt) {}

  /** Body of {@code POST /api/v1/twin/corrections/{id}/approve} and {@code /reject}. */
  public record Decision(String reason) {}
}
