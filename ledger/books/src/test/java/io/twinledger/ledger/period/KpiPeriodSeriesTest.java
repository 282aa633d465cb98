package io.twinledger.ledger.period;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.ledger.asset.api.AssetRuleViolation;
import io.twinledger.ledger.asset.api.KpiPeriodClosed;
import io.twinledger.ledger.asset.api.RecordKpiPeriod;
import io.twinledger.ledger.period.api.KpiPeriodCarriedOver;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KpiPeriodSeriesTest {

  private static final Instant START = Instant.parse("2026-03-28T23:00:00Z");

  private AggregateTestFixture<KpiPeriodSeries> fixture;

  @BeforeEach
  void fixture() {
    fixture = new AggregateTestFixture<>(KpiPeriodSeries.class);
  }

  @Test
  void theFirstPeriodStartsTheSeriesUnderTheAssetAndKpi() {
    RecordKpiPeriod first = period(1, "1.70");
    assertThat(first.seriesId()).isEqualTo("dma-1/ili");
    fixture.givenNoPriorActivity().when(first).expectEvents(closed(1, "1.7"));
  }

  @Test
  void eachRevisionIsTheNextNumber() {
    fixture.given(closed(1, "1.7")).when(period(2, "1.8")).expectEvents(closed(2, "1.8"));
    fixture
        .given(closed(1, "1.7"))
        .when(period(3, "1.8"))
        .expectException(AssetRuleViolation.class)
        .expectExceptionMessage(
            "the next revision of the DAY period from 2026-03-28T23:00:00Z of dma-1 ili is 2,"
                + " not 3")
        .expectNoEvents();
    fixture
        .given(closed(1, "1.7"), closed(2, "1.8"))
        .when(period(1, "1.7"))
        .expectException(AssetRuleViolation.class)
        .expectNoEvents();
    fixture
        .givenNoPriorActivity()
        .when(period(2, "1.8"))
        .expectException(AssetRuleViolation.class)
        .expectNoEvents();
  }

  @Test
  void theSameRevisionWithTheSameFiguresRecordsNothing() {
    // The job records a period again when it stopped between recording and noting it; the map
    // below iterates in another order than the first command's, and 1.70 is 1.7.
    Map<String, Integer> flags = new HashMap<>(Map.of("LATE", 2, "GAP", 1));
    fixture
        .given(closed(1, "1.7", Map.of("GAP", 1, "LATE", 2)))
        .when(period(1, "1.70", flags))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void theSameRevisionWithOtherFiguresIsRefused() {
    fixture
        .given(closed(1, "1.7"))
        .when(period(1, "1.9"))
        .expectException(AssetRuleViolation.class)
        .expectExceptionMessage(
            "revision 1 of the DAY period from 2026-03-28T23:00:00Z of dma-1 ili is recorded with"
                + " other figures; a changed figure is revision 2")
        .expectNoEvents();
  }

  @Test
  void carriedOverPeriodsCountAsRecorded() {
    KpiPeriodCarriedOver carried =
        new KpiPeriodCarriedOver(closed(1, "1.7"), "e-1", 17, 3, START.plusSeconds(86_400));
    fixture.given(carried).when(period(1, "1.7")).expectNoEvents();
    fixture.given(carried).when(period(2, "1.8")).expectEvents(closed(2, "1.8"));
  }

  @Test
  void ofRepeatedCarriedOverRevisionsTheFirstStays() {
    // Asset streams accepted a revision twice; the read side keeps the first.
    fixture
        .given(
            new KpiPeriodCarriedOver(closed(1, "1.7"), "e-1", 17, 3, START),
            new KpiPeriodCarriedOver(closed(1, "1.9"), "e-2", 18, 4, START))
        .when(period(1, "1.7"))
        .expectNoEvents();
  }

  @Test
  void periodsOfAnotherKindOrStartAreSeparate() {
    fixture
        .given(closed(1, "1.7"))
        .when(
            new RecordKpiPeriod(
                "dma-1",
                "ili",
                "DAY",
                START.plusSeconds(86_400),
                START.plusSeconds(2 * 86_400),
                1,
                Optional.of(new BigDecimal("2")),
                "C62",
                new BigDecimal("100"),
                96,
                Map.of(),
                List.of(),
                Map.of(),
                List.of(),
                Optional.empty(),
                Optional.empty()))
        .expectEvents(
            new KpiPeriodClosed(
                "dma-1",
                "ili",
                "DAY",
                START.plusSeconds(86_400),
                START.plusSeconds(2 * 86_400),
                1,
                Optional.of(new BigDecimal("2")),
                "C62",
                new BigDecimal("100"),
                96,
                Map.of(),
                List.of(),
                Map.of(),
                List.of(),
                Optional.empty(),
                Optional.empty()));
  }

  private static RecordKpiPeriod period(int revision, String value) {
    return period(revision, value, Map.of("LATE", 2));
  }

  private static RecordKpiPeriod period(int revision, String value, Map<String, Integer> flags) {
    return new RecordKpiPeriod(
        "dma-1",
        "ili",
        "DAY",
        START,
        START.plusSeconds(82_800),
        revision,
        Optional.of(new BigDecimal(value)),
        "C62",
        new BigDecimal("98.50"),
        96,
        flags,
        List.of("ab".repeat(32)),
        Map.of(),
        List.of(),
        Optional.empty(),
        Optional.empty());
  }

  private static KpiPeriodClosed closed(int revision, String value) {
    return closed(revision, value, Map.of("LATE", 2));
  }

  private static KpiPeriodClosed closed(int revision, String value, Map<String, Integer> flags) {
    return new KpiPeriodClosed(
        "dma-1",
        "ili",
        "DAY",
        START,
        START.plusSeconds(82_800),
        revision,
        Optional.of(new BigDecimal(value)),
        "C62",
        new BigDecimal("98.5"),
        96,
        flags,
        List.of("ab".repeat(32)),
        Map.of(),
        List.of(),
        Optional.empty(),
        Optional.empty());
  }
}
