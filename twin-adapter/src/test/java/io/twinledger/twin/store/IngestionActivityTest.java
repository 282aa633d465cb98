package io.twinledger.twin.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.twin.reading.AssessedReading;
import io.twinledger.twin.reading.Reading;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IngestionActivityTest {

  private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

  static List<String> targets() {
    return StoreDatabases.targets();
  }

  @ParameterizedTest
  @MethodSource("targets")
  void countsEachSourcesRecentReadingsAndRefusalsAndWhenItWasLastHeardFrom(String target) {
    DataSource db = StoreDatabases.fresh(target);
    ReadingStore store = new ReadingStore(db, (id, batch) -> {});
    store.store("mqtt:broker", readings("mqtt:broker", "dma-1", 3), NOW.minusSeconds(30));
    store.store("mqtt:broker", readings("mqtt:broker", "dma-2", 5), NOW.minusSeconds(1_800));
    store.store(
        "bulk:old.csv", readings("bulk:old.csv", "dma-1", 2), NOW.minus(Duration.ofDays(2)));
    Instant refused = NOW.minusSeconds(60);
    store.quarantine(
        List.of(
            new QuarantinedPayload("bulk:new.csv", refused, "line 2: no mapping for x/y", "a"),
            new QuarantinedPayload("bulk:new.csv", refused, "line 7: no mapping for x/y", "b"),
            new QuarantinedPayload("mqtt:broker", refused, "payload on t is not JSON", "c"),
            new QuarantinedPayload(
                "mqtt:broker", NOW.minus(Duration.ofDays(3)), "payload on t is not JSON", "d")));
    IngestionActivity activity = new IngestionActivity(db);

    List<SourceActivity> sources =
        activity.sources(
            NOW.minusSeconds(600), NOW.minusSeconds(3_600), NOW.minus(Duration.ofDays(1)));

    assertThat(sources)
        .as("most recently heard from first")
        .containsExactly(
            new SourceActivity(
                "mqtt:broker", 3, 8, 1, Optional.of(NOW.minusSeconds(30)), Optional.of(refused)),
            new SourceActivity("bulk:new.csv", 0, 0, 2, Optional.empty(), Optional.of(refused)),
            new SourceActivity(
                "bulk:old.csv",
                0,
                0,
                0,
                Optional.of(NOW.minus(Duration.ofDays(2))),
                Optional.empty()));
    assertThat(sources.get(0).lastSeen()).isEqualTo(NOW.minusSeconds(30));
    assertThat(sources.get(1).lastSeen()).isEqualTo(refused);

    assertThat(activity.quarantineReasons(NOW.minus(Duration.ofDays(1)), 10))
        .as("a file's refusals group by reason without their line numbers")
        .containsExactly(
            new QuarantineReason("bulk:new.csv", "no mapping for x/y", 2, refused),
            new QuarantineReason("mqtt:broker", "payload on t is not JSON", 1, refused));
  }

  @ParameterizedTest
  @MethodSource("targets")
  void latestReadingsAreTheNewestOfTheAssetsKpisNewestFirst(String target) {
    DataSource db = StoreDatabases.fresh(target);
    ReadingStore store = new ReadingStore(db, (id, batch) -> {});
    store.store("mqtt:broker", readings("mqtt:broker", "dma-1", 5), NOW);
    store.store("mqtt:broker", readings("mqtt:broker", "dma-2", 5), NOW);

    List<StoredReading> latest = store.latest("dma-1", List.of("system-input-volume", "none"), 3);

    assertThat(latest)
        .extracting(r -> r.reading().observedAt())
        .containsExactly(at(4), at(3), at(2));
    assertThat(latest).allSatisfy(r -> assertThat(r.reading().assetId()).isEqualTo("dma-1"));
    assertThat(store.latest("dma-3", List.of("system-input-volume"), 3)).isEmpty();
  }

  private static Instant at(int i) {
    return NOW.minus(Duration.ofDays(1)).plus(Duration.ofMinutes(15L * i));
  }

  private static List<AssessedReading> readings(String source, String asset, int count) {
    return java.util.stream.IntStream.range(0, count)
        .mapToObj(
            i ->
                new AssessedReading(
                    new Reading(
                        source,
                        asset + "-meter",
                        asset,
                        "system-input-volume",
                        at(i),
                        BigDecimal.valueOf(i),
                        "MTQ",
                        BigDecimal.valueOf(i),
                        "MTQ"),
                    Set.of()))
        .toList();
  }
}
