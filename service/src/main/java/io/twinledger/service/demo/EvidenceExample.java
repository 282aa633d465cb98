package io.twinledger.service.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The KPI period the demo's announcement suggests exporting and verifying: North Hill's daily
 * system input volume of the day before yesterday in Riverton, a day the feed's history covers, so
 * it is closed a few minutes after the first start (the last day arrives live, and a day is closed
 * an hour after it ends).
 *
 * @param start the period's start: local midnight in the sample city
 */
public record EvidenceExample(String assetId, String kpiId, String kind, Instant start) {

  /** The suggested period as of {@code clock}. */
  public static EvidenceExample of(Clock clock) {
    ZoneId zone = ZoneId.of(SampleCity.TIME_ZONE);
    LocalDate day = LocalDate.now(clock.withZone(zone)).minusDays(2);
    return new EvidenceExample(
        "dma-north-hill", "system-input-volume", "DAY", day.atStartOfDay(zone).toInstant());
  }

  /**
   * The two command lines, as the announcement prints them: the export, as the demo auditor, from
   * the service at {@code base}, into {@code evidence.json}; then the offline check of that file.
   */
  public List<String> commands(String base) {
    return List.of(
        "TWINLEDGER_PASSWORD=auditor ./twinledger export-evidence --url "
            + base
            + " --user auditor --asset "
            + assetId
            + " --kpi "
            + kpiId
            + " --kind "
            + kind
            + " --start "
            + start
            + " --out evidence.json",
        "./twinledger verify evidence.json");
  }
}
