package io.twinledger.service.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.twinledger.twin.ingest.QuarantineCause;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ingestion counters' labels stay bounded whatever sources clients name: a tenant, broker host
 * or file name never becomes a label value.
 */
class IngestionMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final IngestionMetrics metrics = new IngestionMetrics(registry);

  @Test
  void readingsAndQuarantineAreCountedByChannelAndCause() {
    metrics.delivered("ngsi-ld:tenant-a", 3, Map.of(QuarantineCause.QUALITY, 1));
    metrics.delivered("ngsi-ld:tenant-b", 2, Map.of());
    metrics.delivered("bulk:history-2025.csv", 0, Map.of(QuarantineCause.UNREADABLE_LINE, 4));

    assertThat(stored("ngsi-ld")).isEqualTo(5);
    assertThat(stored("bulk")).isZero();
    assertThat(quarantined("ngsi-ld", "quality")).isEqualTo(1);
    assertThat(quarantined("bulk", "unreadable-line")).isEqualTo(4);
    assertThat(quarantined("mqtt", "unmapped")).as("registered at 0").isZero();
  }

  @Test
  void anUnknownOrForgedSourceCountsAsOtherAndAddsNoSeries() {
    int series = registry.getMeters().size();

    metrics.delivered("x-forged\"} 1e9", 1, Map.of(QuarantineCause.UNIT, 1));
    for (int i = 0; i < 100; i++) {
      metrics.delivered("mqtt:broker-" + i, 1, Map.of());
    }

    assertThat(stored("other")).isEqualTo(1);
    assertThat(quarantined("other", "unit")).isEqualTo(1);
    assertThat(stored("mqtt")).isEqualTo(100);
    assertThat(registry.getMeters()).hasSize(series);
    assertThat(series)
        .isEqualTo(IngestionMetrics.CHANNELS.size() * (1 + QuarantineCause.values().length));
  }

  private double stored(String source) {
    return registry.get(IngestionMetrics.STORED).tag("source", source).counter().count();
  }

  private double quarantined(String source, String reason) {
    return registry
        .get(IngestionMetrics.QUARANTINED)
        .tag("source", source)
        .tag("reason", reason)
        .counter()
        .count();
  }
}
