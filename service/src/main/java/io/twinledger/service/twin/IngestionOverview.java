package io.twinledger.service.twin;

import io.twinledger.twin.store.IngestionActivity;
import io.twinledger.twin.store.QuarantineReason;
import io.twinledger.twin.store.SourceActivity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Ingestion as operators watch it: each source's channel, its readings per minute over the last
 * {@link #RECENT} and its readings in the last hour, its refusals in the last day, and when it was
 * last heard from; and the reasons for refusals in the last day, the latest first.
 */
@Component
public class IngestionOverview {

  /** The window readings per minute are averaged over. */
  public static final Duration RECENT = Duration.ofMinutes(10);

  /** The window refusals are counted in. */
  public static final Duration QUARANTINE_WINDOW = Duration.ofDays(1);

  /** Reasons listed at most. */
  static final int REASONS = 20;

  /**
   * A source with its channel, the part of its name before the first colon.
   *
   * @param channel {@code MQTT}, {@code NGSI-LD}, {@code File import}, or the prefix as written
   * @param name the rest of the source's name: broker, tenant or file
   */
  public record Source(String channel, String name, SourceActivity activity) {

    static Source of(SourceActivity activity) {
      String source = activity.source();
      int colon = source.indexOf(':');
      String prefix = colon < 0 ? source : source.substring(0, colon);
      String channel =
          switch (prefix) {
            case "mqtt" -> "MQTT";
            case "ngsi-ld" -> "NGSI-LD";
            case "bulk" -> "File import";
            default -> prefix;
          };
      return new Source(channel, colon < 0 ? source : source.substring(colon + 1), activity);
    }

    /** Readings per minute, averaged over {@link #RECENT}, to one decimal. */
    public BigDecimal perMinute() {
      return BigDecimal.valueOf(activity.recentReadings())
          .divide(BigDecimal.valueOf(RECENT.toMinutes()), 1, RoundingMode.HALF_UP);
    }
  }

  /**
   * What ingestion looked like at {@code asOf}.
   *
   * @param sources the sources, most recently heard from first
   * @param reasons the reasons for refusals in {@link #QUARANTINE_WINDOW}, the most recently seen
   *     first
   */
  public record Overview(Instant asOf, List<Source> sources, List<QuarantineReason> reasons) {}

  private final IngestionActivity activity;
  private final Clock clock = Clock.systemUTC();

  public IngestionOverview(IngestionActivity activity) {
    this.activity = activity;
  }

  /** Ingestion as it is now. */
  public Overview now() {
    Instant now = clock.instant();
    Instant dayAgo = now.minus(QUARANTINE_WINDOW);
    return new Overview(
        now,
        activity.sources(now.minus(RECENT), now.minus(Duration.ofHours(1)), dayAgo).stream()
            .map(Source::of)
            .toList(),
        activity.quarantineReasons(dayAgo, REASONS));
  }
}
