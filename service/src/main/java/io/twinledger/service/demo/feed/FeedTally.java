package io.twinledger.service.demo.feed;

import io.twinledger.twin.ingest.BulkImport;
import io.twinledger.twin.simulator.Signal;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What one stretch of feeding sent, per channel and per signal, for the log. Not thread-safe. */
final class FeedTally {

  private final Map<Signal, Long> bySignal = new EnumMap<>(Signal.class);
  private long bulkFiles;
  private long bulkStored;
  private long bulkDuplicates;
  private long bulkQuarantined;
  private long mqttMessages;
  private long ngsiLdNotifications;
  private long ngsiLdReadings;

  void written(Signal signal) {
    bySignal.merge(signal, 1L, Long::sum);
  }

  void imported(BulkImport.Totals totals) {
    bulkFiles++;
    bulkStored += totals.stored();
    bulkDuplicates += totals.duplicates();
    bulkQuarantined += totals.quarantined();
  }

  void published(Signal signal) {
    written(signal);
    mqttMessages++;
  }

  void notified(int notifications, int readings) {
    ngsiLdNotifications += notifications;
    ngsiLdReadings += readings;
  }

  long readings() {
    return bySignal.values().stream().mapToLong(Long::longValue).sum();
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

  /** Per signal, by KPI id: {@code system-input-volume 96, night-flow 1, …}, or {@code none}. */
  String signals() {
    if (bySignal.isEmpty()) {
      return "none";
    }
    return bySignal.entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey().kpiId(), e.getValue()))
        .collect(Collectors.joining(", "));
  }
}
