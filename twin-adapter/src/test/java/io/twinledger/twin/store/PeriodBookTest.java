package io.twinledger.twin.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.twin.period.PeriodKind;
import io.twinledger.twin.period.PeriodReading;
import io.twinledger.twin.reading.AssessedReading;
import io.twinledger.twin.reading.Reading;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PeriodBookTest {

  private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

  static List<String> targets() {
    return StoreDatabases.targets();
  }

  @ParameterizedTest
  @MethodSource("targets")
  void periodsAreDueOnceAndAgainUnderTheNextRevisionAfterLateReadings(String target) {
    DataSource db = StoreDatabases.fresh(target);
    ReadingStore store = new ReadingStore(db, (id, batch) -> {});
    PeriodBook book = new PeriodBook(db);
    // 23:30 UTC on 1 March is 00:30 on 2 March in Amsterdam.
    store.store(
        "bulk:a",
        List.of(
            reading("2026-03-01T10:00:00Z", "5"),
            reading("2026-03-01T23:30:00Z", "7"),
            reading("2026-03-02T12:00:00Z", "1")),
        Instant.parse("2026-03-05T00:00:00Z"));

    List<DuePeriod> due =
        book.due("dma-1", "siv", PeriodKind.DAY, AMSTERDAM, Instant.parse("2026-03-03T00:00:00Z"));

    assertThat(due).extracting(d -> d.window().label()).containsExactly("2026-03-01", "2026-03-02");
    assertThat(due).allMatch(d -> d.revision() == 1);
    List<PeriodReading> march2 = book.readings("dma-1", "siv", due.get(1));
    assertThat(march2)
        .extracting(r -> r.reading().value().toPlainString())
        .containsExactlyInAnyOrder("7", "1");
    assertThat(march2.get(0).batchDigest()).matches("[0-9a-f]{64}");
    assertThat(
            book.due(
                "dma-1", "siv", PeriodKind.DAY, AMSTERDAM, Instant.parse("2026-03-02T00:00:00Z")))
        .as("a period that has not ended is not due")
        .hasSize(1);

    due.forEach(d -> book.closed("dma-1", "siv", d, Instant.parse("2026-03-05T00:00:00Z")));
    assertThat(
            book.due(
                "dma-1", "siv", PeriodKind.DAY, AMSTERDAM, Instant.parse("2026-03-03T00:00:00Z")))
        .isEmpty();

    store.store(
        "bulk:b",
        List.of(reading("2026-03-01T11:00:00Z", "2")),
        Instant.parse("2026-03-06T00:00:00Z"));
    List<DuePeriod> again =
        book.due("dma-1", "siv", PeriodKind.DAY, AMSTERDAM, Instant.parse("2026-03-03T00:00:00Z"));
    assertThat(again).hasSize(1);
    assertThat(again.get(0).window().label()).isEqualTo("2026-03-01");
    assertThat(again.get(0).revision()).isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("targets")
  void bothHoursOfAFallBackNightAreDue(String target) {
    DataSource db = StoreDatabases.fresh(target);
    ReadingStore store = new ReadingStore(db, (id, batch) -> {});
    // 25 October 2026: 02:00-03:00 happens twice in Amsterdam, at 00:00Z (+02:00) and 01:00Z.
    store.store(
        "bulk:a",
        List.of(reading("2026-10-25T00:30:00Z", "5"), reading("2026-10-25T01:30:00Z", "7")),
        Instant.parse("2026-10-26T00:00:00Z"));

    List<DuePeriod> due =
        new PeriodBook(db)
            .due("dma-1", "siv", PeriodKind.HOUR, AMSTERDAM, Instant.parse("2026-10-26T00:00:00Z"));

    assertThat(due)
        .extracting(d -> d.window().start())
        .containsExactly(
            Instant.parse("2026-10-25T00:00:00Z"), Instant.parse("2026-10-25T01:00:00Z"));
    assertThat(due)
        .extracting(d -> d.window().label())
        .containsExactly("2026-10-25T02:00:00+02:00", "2026-10-25T02:00:00+01:00");
  }

  @ParameterizedTest
  @MethodSource("targets")
  void aDerivedKpiIsDueWhenAnyOfItsInputsReceivesReadings(String target) {
    DataSource db = StoreDatabases.fresh(target);
    ReadingStore store = new ReadingStore(db, (id, batch) -> {});
    PeriodBook book = new PeriodBook(db);
    store.store(
        "bulk:a",
        List.of(reading("2026-03-01T10:00:00Z", "5")),
        Instant.parse("2026-03-05T00:00:00Z"));
    Instant endedBy = Instant.parse("2026-03-03T00:00:00Z");
    List<String> inputs = List.of("siv", "billed");

    List<DuePeriod> due = book.due("dma-1", "nrw", inputs, PeriodKind.DAY, AMSTERDAM, endedBy);
    assertThat(due).hasSize(1);
    book.closed("dma-1", "nrw", due.getFirst(), Instant.parse("2026-03-05T00:00:00Z"));
    assertThat(book.due("dma-1", "nrw", inputs, PeriodKind.DAY, AMSTERDAM, endedBy)).isEmpty();
    assertThat(book.due("dma-1", "siv", PeriodKind.DAY, AMSTERDAM, endedBy))
        .as("closes are kept per KPI")
        .hasSize(1);

    store.store(
        "bulk:b",
        List.of(reading("billing", "billed", "2026-03-01T22:00:00Z", "3")),
        Instant.parse("2026-03-06T00:00:00Z"));
    List<DuePeriod> again = book.due("dma-1", "nrw", inputs, PeriodKind.DAY, AMSTERDAM, endedBy);
    assertThat(again).singleElement().extracting(DuePeriod::revision).isEqualTo(2);
    var readings = book.readings("dma-1", inputs, again.getFirst());
    assertThat(readings.get("siv")).hasSize(1);
    assertThat(readings.get("billed"))
        .singleElement()
        .extracting(r -> r.reading().value())
        .isEqualTo(new BigDecimal("3"));
  }

  private static AssessedReading reading(String at, String value) {
    return reading("inlet", "siv", at, value);
  }

  private static AssessedReading reading(String sensor, String kpi, String at, String value) {
    return new AssessedReading(
        new Reading(
            "bulk:test",
            sensor,
            "dma-1",
            kpi,
            Instant.parse(at),
            new BigDecimal(value),
            "MTQ",
            new BigDecimal(value),
            "MTQ"),
        Set.of());
  }
}
