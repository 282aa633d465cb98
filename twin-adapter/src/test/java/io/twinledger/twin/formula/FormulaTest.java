package io.twinledger.twin.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.twin.kpi.road.AxleLoadEquivalency;
import io.twinledger.twin.kpi.water.Uarl;
import io.twinledger.twin.period.ClosedPeriod;
import io.twinledger.twin.period.Formula;
import io.twinledger.twin.period.PeriodCloser;
import io.twinledger.twin.period.PeriodKind;
import io.twinledger.twin.period.PeriodReading;
import io.twinledger.twin.period.PeriodWindow;
import io.twinledger.twin.reading.QualityFlag;
import io.twinledger.twin.reading.Reading;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each derived KPI closed over one period, against figures worked out by hand. */
class FormulaTest {

  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final PeriodWindow DAY =
      PeriodKind.DAY.containing(Instant.parse("2026-05-01T12:00:00Z"), UTC);
  private static final String DIGEST_A = "a".repeat(64);
  private static final String DIGEST_B = "b".repeat(64);
  private static final Duration DAILY = Duration.ofDays(1);

  /** Lm = 100 km, Nc = 5,000, Lp = 50 km, P = 50 m: the reference's worked check. */
  private static final Uarl WORKED_CHECK =
      Uarl.of(BigDecimal.valueOf(100), 5_000, BigDecimal.valueOf(50), BigDecimal.valueOf(50));

  @Test
  void nonRevenueWaterIsSystemInputLessBilledConsumption() {
    Map<String, PeriodCloser.Input> inputs =
        Map.of(
            "systemInput",
            new PeriodCloser.Input(
                List.of(
                    reading("inlet", "2026-05-01T03:00:00Z", "100", DIGEST_A),
                    reading("inlet", "2026-05-01T15:00:00Z", "150", DIGEST_A)),
                Duration.ofHours(12)),
            "billed",
            daily(reading("billing", "2026-05-01T23:00:00Z", "175", DIGEST_B)));

    ClosedPeriod volume = close(new NrwVolume(), "MTQ", inputs);
    ClosedPeriod percent = close(new NrwPercent(), "P1", inputs);

    assertThat(volume.value()).contains(new BigDecimal("75"));
    assertThat(percent.value()).contains(new BigDecimal("30"));
    assertThat(percent.components())
        .containsEntry("systemInputM3", new BigDecimal("250"))
        .containsEntry("billedAuthorisedM3", new BigDecimal("175"));
    assertThat(percent.coveragePercent()).isEqualByComparingTo("100");
    assertThat(percent.readingCount()).isEqualTo(3);
    assertThat(percent.batchDigests()).containsExactly(DIGEST_A, DIGEST_B);
  }

  @Test
  void aMissingInputLeavesThePeriodWithoutAValueRatherThanAZero() {
    ClosedPeriod percent =
        close(
            new NrwPercent(),
            "P1",
            Map.of(
                "systemInput",
                daily(reading("inlet", "2026-05-01T03:00:00Z", "100", DIGEST_A)),
                "billed",
                new PeriodCloser.Input(List.of(), DAILY)));

    assertThat(percent.value()).isEmpty();
    assertThat(percent.remarks()).containsExactly("No billed readings in the period.");
    assertThat(percent.coveragePercent()).as("the least complete input").isEqualByComparingTo("0");
    assertThat(percent.batchDigests()).containsExactly(DIGEST_A);
  }

  @Test
  void moreWaterBilledThanPutInIsRefusedNotReported() {
    assertThatThrownBy(
            () ->
                close(
                    new NrwPercent(),
                    "P1",
                    Map.of(
                        "systemInput",
                        daily(reading("inlet", "2026-05-01T03:00:00Z", "100", DIGEST_A)),
                        "billed",
                        daily(reading("billing", "2026-05-01T23:00:00Z", "101", DIGEST_B)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("billedAuthorisedConsumptionM3: must not exceed");
  }

  @Test
  void realLossesAndIliFollowTheWaterBalanceAndTheUarlWorkedCheck() {
    Map<String, PeriodCloser.Input> balance = balance("1000", "700", "20", "30");

    ClosedPeriod realLosses = close(new WaterBalanceRealLosses(), "MTQ", balance);
    ClosedPeriod uarl = close(new UarlOverPeriod(WORKED_CHECK), "MTQ", Map.of());
    ClosedPeriod ili = close(new LeakageIndex(WORKED_CHECK), "C62", balance);

    // 1000 − 700 − 20 − 30 = 250 m³.
    assertThat(realLosses.value()).contains(new BigDecimal("250"));
    // 352,500 L/day over one day; 128,662.5 m³ a year is 352.5 m³ a day.
    assertThat(uarl.value()).contains(new BigDecimal("352.5"));
    assertThat(new BigDecimal("128662.5").divide(BigDecimal.valueOf(365)))
        .isEqualByComparingTo("352.5");
    assertThat(uarl.remarks())
        .as("the fit is for more than 5,000 connections")
        .containsExactly("UARL fitted for more than 5000 service connections; system has 5000");
    assertThat(uarl.coveragePercent()).isEqualByComparingTo("100");
    assertThat(ili.value())
        .contains(new BigDecimal("250").divide(new BigDecimal("352.5"), MathContext.DECIMAL128));
    assertThat(ili.components())
        .containsEntry("realLossesM3", new BigDecimal("250"))
        .containsEntry("uarlM3", new BigDecimal("352.5"));
  }

  @Test
  void uarlFollowsTheLocalDayAndCarriesItsValidityWarnings() {
    ZoneId amsterdam = ZoneId.of("Europe/Amsterdam");
    PeriodWindow springForward =
        PeriodKind.DAY.containing(Instant.parse("2026-03-29T12:00:00Z"), amsterdam);
    Uarl small = Uarl.of(BigDecimal.valueOf(10), 400, BigDecimal.ONE, BigDecimal.valueOf(20));

    ClosedPeriod worked =
        PeriodCloser.closeDerived(
            "dma-1", "uarl", springForward, 1, new UarlOverPeriod(WORKED_CHECK), "MTQ", Map.of());
    ClosedPeriod warned =
        PeriodCloser.closeDerived(
            "dma-1", "ili", DAY, 1, new LeakageIndex(small), "C62", balance("10", "5", "1", "1"));

    // A 23-hour day: 352.5 × 23 / 24.
    assertThat(worked.value()).contains(new BigDecimal("337.8125"));
    assertThat(warned.remarks()).hasSize(2).allMatch(remark -> !remark.isBlank());
    assertThat(warned.value()).isPresent();
  }

  @Test
  void nightFlowRealLossesUseTheNightDayFactor() {
    ClosedPeriod losses =
        close(
            new NightFlowRealLosses(BigDecimal.valueOf(3), BigDecimal.valueOf(20)),
            "MTQ",
            Map.of(
                "nightFlow",
                new PeriodCloser.Input(
                    List.of(
                        reading("inlet", "2026-05-01T01:00:00Z", "12.5", DIGEST_A),
                        reading("inlet", "2026-05-01T02:00:00Z", "13.5", DIGEST_A)),
                    Duration.ofHours(1))));

    // Mean minimum 13 m³/h − 3 m³/h legitimate use = 10 m³/h × 20 h = 200 m³ for one day.
    assertThat(losses.value()).contains(new BigDecimal("200"));
    assertThat(losses.components()).containsEntry("nightLeakageFlowM3PerH", BigDecimal.TEN);
  }

  @Test
  void runoffIsJudgedPerStormAgainstTheBaseline() {
    StormRunoff reduction = storm(StormRunoff.Measure.REDUCTION_PERCENT);
    StormRunoff captured = storm(StormRunoff.Measure.VOLUME_CAPTURED_M3);
    Map<String, PeriodCloser.Input> inputs =
        Map.of(
            "rainfall",
            fiveMinute(
                reading("gauge-1", "2026-05-01T10:00:00Z", "5", DIGEST_A),
                reading("gauge-2", "2026-05-01T10:00:00Z", "7", DIGEST_A),
                reading("gauge-1", "2026-05-01T10:05:00Z", "4", DIGEST_A),
                // 1 mm more than six hours later: a separate event, below 2.54 mm, dropped.
                reading("gauge-1", "2026-05-01T17:00:00Z", "1", DIGEST_A)),
            "runoff",
            fiveMinute(
                reading("outfall", "2026-05-01T10:10:00Z", "3", DIGEST_B),
                reading("outfall", "2026-05-01T11:00:00Z", "1.5", DIGEST_B),
                // After the 12-hour drain-down of the storm that ended at 10:05.
                reading("outfall", "2026-05-01T22:10:00Z", "8", DIGEST_B)));

    ClosedPeriod percent = close(reduction, "P1", inputs);
    ClosedPeriod volume = close(captured, "MTQ", inputs);

    // Areal rain: mean(5, 7) + 4 = 10 mm; baseline 0.9 × 10 mm × 1,000 m² = 9 m³; observed 4.5 m³.
    assertThat(percent.value()).contains(new BigDecimal("50"));
    assertThat(volume.value()).contains(new BigDecimal("4.5"));
    assertThat(percent.components())
        .containsEntry("stormEvents", BigDecimal.ONE)
        .containsEntry("baselineRunoffM3", new BigDecimal("9"))
        .containsEntry("observedRunoffM3", new BigDecimal("4.5"));
    assertThat(percent.remarks()).isEmpty();
  }

  @Test
  void aStormDrainingPastThePeriodEndIsNamed() {
    ClosedPeriod percent =
        close(
            storm(StormRunoff.Measure.REDUCTION_PERCENT),
            "P1",
            Map.of(
                "rainfall",
                fiveMinute(reading("gauge-1", "2026-05-01T20:00:00Z", "10", DIGEST_A)),
                "runoff",
                fiveMinute(reading("outfall", "2026-05-01T21:00:00Z", "9", DIGEST_B))));

    assertThat(percent.value()).contains(BigDecimal.ZERO);
    assertThat(percent.remarks()).singleElement().asString().contains("drains down past");
  }

  @Test
  void overflowEventsAreSeparatedByTheInterEventTime() {
    // 0.001 m³/s over a 5-minute interval is 0.3 m³: 0.1 m³ is below it.
    Map<String, PeriodCloser.Input> inputs =
        Map.of(
            "overflow",
            fiveMinute(
                reading("cso-1", "2026-05-01T02:00:00Z", "0.6", DIGEST_A),
                reading("cso-1", "2026-05-01T02:05:00Z", "0.9", DIGEST_A),
                reading("cso-1", "2026-05-01T02:10:00Z", "0.1", DIGEST_A),
                reading("cso-1", "2026-05-01T09:00:00Z", "2", DIGEST_B)));

    ClosedPeriod events = close(overflows(Overflows.Measure.EVENT_COUNT), "C62", inputs);
    ClosedPeriod volume = close(overflows(Overflows.Measure.VOLUME_M3), "MTQ", inputs);

    assertThat(events.value()).contains(BigDecimal.valueOf(2));
    assertThat(volume.value()).contains(new BigDecimal("3.5"));
  }

  @Test
  void iriShareCountsEachSectionsLatestSurveyStrictlyAboveTheLimit() {
    ClosedPeriod share =
        close(
            new IriShareAbove(new BigDecimal("2.2096")),
            "P1",
            Map.of(
                "iri",
                daily(
                    reading("s01:000", "2026-05-01T09:00:00Z", "1.2", DIGEST_A),
                    reading("s01:010", "2026-05-01T09:00:01Z", "2.5", DIGEST_A),
                    reading("s01:020", "2026-05-01T09:00:02Z", "2.2096", DIGEST_A),
                    reading("s01:030", "2026-05-01T09:00:03Z", "3.0", DIGEST_A),
                    reading("s01:030", "2026-05-01T15:00:00Z", "1.9", DIGEST_B))));

    assertThat(share.value()).contains(new BigDecimal("25"));
    assertThat(share.components()).containsEntry("sections", BigDecimal.valueOf(4));
  }

  @Test
  void pciIsClassifiedInItsAstmBand() {
    ClosedPeriod pci =
        close(
            new PciCondition(),
            "C62",
            Map.of(
                "pci",
                daily(
                    reading("survey", "2026-05-01T09:00:00Z", "78", DIGEST_A),
                    reading("survey", "2026-05-01T10:00:00Z", "72", DIGEST_A))));

    assertThat(pci.value()).contains(new BigDecimal("75"));
    assertThat(pci.classification()).contains("SATISFACTORY");
  }

  @Test
  void esalAddsEachAxlesPowerOfItsLoadRatio() {
    Map<String, PeriodCloser.Input> axles =
        Map.of(
            "axleLoads",
            daily(
                reading("wim", "2026-05-01T09:00:00.000Z", "80", DIGEST_A),
                reading("wim", "2026-05-01T09:00:00.400Z", "160", DIGEST_A)));

    ClosedPeriod fourth = close(new Esal(AxleLoadEquivalency.FOURTH_POWER_LAW), "C62", axles);
    ClosedPeriod third =
        close(
            new Esal(new AxleLoadEquivalency(BigDecimal.valueOf(80), BigDecimal.valueOf(3))),
            "C62",
            axles);

    // Doubling the load gives 16× the damage at n = 4: 1 + 16; at n = 3: 1 + 8.
    assertThat(fourth.value()).contains(BigDecimal.valueOf(17));
    assertThat(third.value()).contains(BigDecimal.valueOf(9));
  }

  @Test
  void qualityFlagsOfEveryInputAreSummarised() {
    PeriodReading flagged =
        new PeriodReading(
            reading("inlet", "2026-05-01T03:00:00Z", "100", DIGEST_A).reading(),
            Set.of(QualityFlag.LATE),
            DIGEST_A);
    ClosedPeriod percent =
        close(
            new NrwPercent(),
            "P1",
            Map.of(
                "systemInput",
                daily(flagged),
                "billed",
                daily(reading("billing", "2026-05-01T23:00:00Z", "70", DIGEST_B))));

    assertThat(percent.qualitySummary()).isEqualTo(Map.of(QualityFlag.LATE, 1));
  }

  private static StormRunoff storm(StormRunoff.Measure measure) {
    return new StormRunoff(
        measure,
        BigDecimal.valueOf(1000),
        new BigDecimal("0.9"),
        Duration.ofHours(6),
        new BigDecimal("2.54"),
        Duration.ofHours(12));
  }

  private static Overflows overflows(Overflows.Measure measure) {
    return new Overflows(
        measure, new BigDecimal("0.001"), Duration.ofHours(6), Duration.ofMinutes(5));
  }

  private static Map<String, PeriodCloser.Input> balance(
      String systemInput, String billed, String unbilled, String apparent) {
    Map<String, PeriodCloser.Input> inputs = new HashMap<>();
    inputs.put(
        "systemInput", daily(reading("inlet", "2026-05-01T03:00:00Z", systemInput, DIGEST_A)));
    inputs.put("billed", daily(reading("billing", "2026-05-01T23:00:00Z", billed, DIGEST_B)));
    inputs.put("unbilled", daily(reading("estimate", "2026-05-01T23:00:00Z", unbilled, DIGEST_B)));
    inputs.put("apparent", daily(reading("estimate", "2026-05-01T23:00:01Z", apparent, DIGEST_B)));
    return inputs;
  }

  private static ClosedPeriod close(
      Formula formula, String unit, Map<String, PeriodCloser.Input> inputs) {
    return PeriodCloser.closeDerived("asset-1", "kpi", DAY, 1, formula, unit, inputs);
  }

  private static PeriodCloser.Input daily(PeriodReading... readings) {
    return new PeriodCloser.Input(List.of(readings), DAILY);
  }

  private static PeriodCloser.Input fiveMinute(PeriodReading... readings) {
    return new PeriodCloser.Input(List.of(readings), Duration.ofMinutes(5));
  }

  private static PeriodReading reading(String sensor, String at, String value, String digest) {
    BigDecimal number = new BigDecimal(value);
    return new PeriodReading(
        new Reading(
            "test", sensor, "asset-1", "kpi", Instant.parse(at), number, "C62", number, "C62"),
        Set.of(),
        digest);
  }
}
