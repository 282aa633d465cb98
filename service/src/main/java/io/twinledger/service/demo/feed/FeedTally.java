package io.twinledger.service.demo.feed;

import io.twinledger.twin.ingest.BulkImport;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one stretch of feeding sent, per channel and per KPI (the city's signals and the village's
 * registers), for the log. Not thread-safe.
 */
final class FeedTally {

  /** Readings by KPI id, in the order first seen. */
  private final Map<String, Long> byKpi = new LinkedHashMap<>();

  private long bulkFiles;
  private long bulkStored;
  private long bulkDuplicates;
  private long bulkQuarantined;
  private long mqttMessages;
  private long ngsiLdNotifications;
  private long ngsiLdReadings;

  void written(String kpiId) {
    byKpi.merge(kpiId, 1L, Long::sum);
  }

  void imported(BulkImport.Totals totals) {
    bulkFiles++;
    bulkStored += totals.stored();
    bulkDuplicates += totals.duplicates();
    bulkQuarantined += totals.quarantined();
  }

  /** One MQTT message carrying a reading of each of these KPIs. */
  void published(String... kpiIds) {
    for (String kpiId : kpiIds) {
      written(kpiId);
    }
    mqttMessages++;
  }

  void notified(int notifications, int readings) {
    ngsiLdNotifications += notifications;
    ngsiLdReadings += readings;
  }

  long readings() {
    return byKpi.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Per channel: {@code bulk 2 files (163 stored, 0 duplicates, 0 quarantined), MQTT …}. */
  String channels() {
    return String.format(
        Locale.ROOT,
        "bulk %,d files (%,d stored, %,d duplicates, %,d quarantined), MQTT %,d messages,"
            + " NGSI-LD %,d notifications (%,d readings)",
        bulkFiles,
        bulkStored,
        bulkDuplicates,
        bulkQuarantined,
        mqttMessages,
        ngsiLdNotifications,
        ngsiLdReadings);
  }

  /** Per KPI: {@code system-input-volume 96, night-flow 1, …}, or {@code none}. */
  String signals() {
    if (byKpi.isEmpty()) {
      return "none";
    }
    return byKpi.entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", "));
  }
}
