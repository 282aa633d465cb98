package io.twinledger.service.twin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.twinledger.twin.ingest.IngestionListener;
import io.twinledger.twin.ingest.QuarantineCause;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Readings stored and payloads quarantined, counted as the twin ingestion pipeline reports each
 * delivery ({@link IngestionListener}).
 *
 * <ul>
 *   <li>{@value #STORED} (Prometheus {@code twinledger_readings_stored_total}), tagged {@code
 *       source}: readings stored, duplicates of stored readings not counted; its rate is readings
 *       per second.
 *   <li>{@value #QUARANTINED} ({@code twinledger_readings_quarantined_total}), tagged {@code
 *       source} and {@code reason}: payloads quarantined, by {@link QuarantineCause#label()}.
 * </ul>
 *
 * <p>{@code source} is the channel only, one of {@link #CHANNELS}: the source's tenant, broker host
 * or file name comes from clients and would make the number of series unbounded. Every series is
 * registered at start with 0, so a rate exists before the first reading.
 */
@Component
public class IngestionMetrics implements IngestionListener {

  public static final String STORED = "twinledger.readings.stored";
  public static final String QUARANTINED = "twinledger.readings.quarantined";

  /** The channels sources are named after ({@code ngsi-ld:tenant}, …), and {@code other}. */
  public static final List<String> CHANNELS = List.of("ngsi-ld", "mqtt", "bulk", "other");

  private final Map<String, Counter> stored = new HashMap<>();
  private final Map<String, Map<QuarantineCause, Counter>> quarantined = new HashMap<>();

  public IngestionMetrics(MeterRegistry registry) {
    for (String channel : CHANNELS) {
      stored.put(
          channel,
          Counter.builder(STORED)
              .description("Readings stored, by channel")
              .tag("source", channel)
              .register(registry));
      Map<QuarantineCause, Counter> byCause = new EnumMap<>(QuarantineCause.class);
      for (QuarantineCause cause : QuarantineCause.values()) {
        byCause.put(
            cause,
            Counter.builder(QUARANTINED)
                .description("Payloads quarantined, by channel and cause")
                .tag("source", channel)
                .tag("reason", cause.label())
                .register(registry));
      }
      quarantined.put(channel, byCause);
    }
  }

  @Override
  public void delivered(String source, int stored, Map<QuarantineCause, Integer> quarantined) {
    String channel = channel(source);
    this.stored.get(channel).increment(stored);
    Map<QuarantineCause, Counter> byCause = this.quarantined.get(channel);
    quarantined.forEach((cause, count) -> byCause.get(cause).increment(count));
  }

  /** The channel a source is named after: the part before the first {@code :}, if known. */
  static String channel(String source) {
    int colon = source.indexOf(':');
    String channel = colon < 0 ? source : source.substring(0, colon);
    return CHANNELS.contains(channel) ? channel : "other";
  }
}
