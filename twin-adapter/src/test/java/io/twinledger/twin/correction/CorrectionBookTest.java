package io.twinledger.twin.correction;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.twin.period.PeriodKind;
import io.twinledger.twin.period.PeriodReading;
import io.twinledger.twin.reading.AssessedReading;
import io.twinledger.twin.reading.Reading;
import io.twinledger.twin.store.DuePeriod;
import io.twinledger.twin.store.PeriodBook;
import io.twinledger.twin.store.ReadingStore;
import io.twinledger.twin.store.StoreDatabases;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Corrections against the real store: the originals stay, periods read through corrections. */
class CorrectionBookTest {

  private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
  private static final Instant ENDED_BY = Instant.parse("2026-12-01T00:00:00Z");
  private static final Instant TYPO_AT = Instant.parse("2026-11-01T13:00:00Z");

  private ReadingStore store;
  private PeriodBook periods;
  private CorrectionBook corrections;

  @BeforeEach
  void setUp() {
    DataSource db = StoreDatabases.fresh(StoreDatabases.targets().getFirst());
    store = new ReadingStore(db, (id, batch) -> {});
    periods = new PeriodBook(db);
    corrections = new CorrectionBook(db);
    store.store(
        "bulk:test",
        List.of(
            reading("2026-11-01T12:00:00Z", "400"), reading("2026-11-01T13:00:00Z", "99999999999")),
        Instant.parse("2026-11-02T00:00:00Z"));
    close();
  }

  @Test
  void aSupersededReadingCountsWithItsNewValueAndTheRevisionNamesTheCorrection() {
    TargetReading typo = corrections.reading("bulk:test", "inlet", TYPO_AT).orElseThrow();
    assertThat(typo.value()).isEqualByComparingTo("99999999999");
    assertThat(
            corrections.closedPeriods(
                typo.batchId(),
                List.of(
                    new io.twinledger.twin.correction.TargetBatch.Span("dma-1", TYPO_AT, TYPO_AT)),
                asset -> ZONE))
        .containsExactly("siv MONTH 2026-11");

    corrections.recorded(record(1, ReadingAction.SUPERSEDE, CorrectionStatus.APPLIED, typo, "410"));

    DuePeriod due = onlyDue();
    assertThat(due.revision()).isEqualTo(2);
    assertThat(values(due)).containsExactlyInAnyOrder("400", "410");
    assertThat(periods.cause("dma-1", List.of("siv"), due))
        .contains("correction 1 by operator: meter misread");
    periods.closed("dma-1", "siv", due, Instant.now());
    assertThat(dueNow()).isEmpty();
    assertThat(corrections.reading("bulk:test", "inlet", TYPO_AT).orElseThrow().value())
        .as("the original is kept")
        .isEqualByComparingTo("99999999999");
  }

  @Test
  void aWaitingCorrectionHasNoEffectUntilApprovedAndARejectedOneNever() {
    TargetReading typo = corrections.reading("bulk:test", "inlet", TYPO_AT).orElseThrow();
    corrections.recorded(record(1, ReadingAction.VOID, CorrectionStatus.WAITING, typo, null));
    corrections.recorded(record(2, ReadingAction.VOID, CorrectionStatus.WAITING, typo, null));
    assertThat(dueNow()).isEmpty();

    corrections.decided(2, "officer", false, Optional.of("the value is right"), Instant.now());
    assertThat(dueNow()).isEmpty();
    corrections.decided(1, "officer", true, Optional.empty(), Instant.now());
    DuePeriod due = onlyDue();
    assertThat(values(due)).containsExactly("400");
    assertThat(corrections.find(1).orElseThrow().status()).isEqualTo(CorrectionStatus.APPLIED);
    assertThat(corrections.find(2).orElseThrow().status()).isEqualTo(CorrectionStatus.REJECTED);
    assertThat(corrections.find(2).orElseThrow().decisionReason()).contains("the value is right");
    assertThat(corrections.find(1).orElseThrow().closedPeriods())
        .containsExactly("siv MONTH 2026-11");
  }

  @Test
  void theLatestCorrectionInEffectDecidesAndHeldReadingsAreListedUntilDealtWith() {
    TargetReading typo = corrections.reading("bulk:test", "inlet", TYPO_AT).orElseThrow();
    corrections.recorded(record(1, ReadingAction.HOLD, CorrectionStatus.APPLIED, typo, null));
    assertThat(corrections.list(Optional.empty(), true, 10))
        .extracting(CorrectionRecord::correctionId)
        .containsExactly(1L);
    assertThat(values(onlyDue())).containsExactly("400");

    corrections.recorded(record(2, ReadingAction.RELEASE, CorrectionStatus.APPLIED, typo, null));
    assertThat(corrections.list(Optional.empty(), true, 10)).isEmpty();
    assertThat(values(onlyDue())).containsExactlyInAnyOrder("400", "99999999999");
    assertThat(corrections.inEffect(typo).orElseThrow().action()).isEqualTo(ReadingAction.RELEASE);

    TargetBatch batch = corrections.batch(typo.batchId()).orElseThrow();
    assertThat(batch.readingCount()).isEqualTo(2);
    corrections.recorded(
        new CorrectionRecord(
            3,
            ReadingAction.VOID,
            CorrectionStatus.APPLIED,
            batch.batchId(),
            batch.digest(),
            Optional.empty(),
            Optional.empty(),
            "wrong file",
            "operator",
            Instant.now(),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
    assertThat(values(onlyDue())).isEmpty();
  }

  @Test
  void aResubmittedBatchCountsOnlyOnceItsResubmissionIsApproved() {
    var stored =
        store.store(
            "bulk:test",
            List.of(reading("2026-11-02T13:00:00Z", "500")),
            Instant.parse("2026-12-02T00:00:00Z"));
    long batchId = stored.batchId().orElseThrow();
    TargetBatch batch = corrections.batch(batchId).orElseThrow();
    assertThat(corrections.closedPeriods(batchId, batch.assets(), asset -> ZONE))
        .as("no period has used the new batch")
        .isEmpty();
    assertThat(corrections.closedPeriods(0, batch.assets(), asset -> ZONE))
        .containsExactly("siv MONTH 2026-11");
    corrections.recorded(
        new CorrectionRecord(
            1,
            ReadingAction.RESUBMIT,
            CorrectionStatus.WAITING,
            batchId,
            batch.digest(),
            Optional.empty(),
            Optional.empty(),
            "digits lost",
            "operator",
            Instant.now(),
            List.of("siv MONTH 2026-11"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(7L)));
    assertThat(dueNow()).as("an undecided resubmission makes nothing due").isEmpty();

    corrections.decided(1, "officer", true, Optional.empty(), Instant.now());

    DuePeriod due = onlyDue();
    assertThat(values(due)).containsExactlyInAnyOrder("400", "99999999999", "500");
    assertThat(periods.cause("dma-1", List.of("siv"), due))
        .contains("correction 1 by operator: digits lost; late readings");
  }

  private void close() {
    for (DuePeriod due : dueNow()) {
      periods.closed("dma-1", "siv", due, Instant.now());
    }
  }

  private List<DuePeriod> dueNow() {
    return periods.due("dma-1", "siv", PeriodKind.MONTH, ZONE, ENDED_BY);
  }

  private DuePeriod onlyDue() {
    List<DuePeriod> due = dueNow();
    assertThat(due).hasSize(1);
    return due.getFirst();
  }

  private List<String> values(DuePeriod due) {
    List<PeriodReading> readings = periods.readings("dma-1", "siv", due);
    return readings.stream().map(r -> r.reading().value().toPlainString()).toList();
  }

  private static CorrectionRecord record(
      long id, ReadingAction action, CorrectionStatus status, TargetReading target, String value) {
    return new CorrectionRecord(
        id,
        action,
        status,
        target.batchId(),
        target.batchDigest(),
        Optional.of(target),
        Optional.ofNullable(value).map(BigDecimal::new),
        "meter misread",
        "operator",
        Instant.now(),
        List.of("siv MONTH 2026-11"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static AssessedReading reading(String at, String value) {
    return new AssessedReading(
        new Reading(
            "bulk:test",
            "inlet",
            "dma-1",
            "siv",
            Instant.parse(at),
            new BigDecimal(value),
            "MTQ",
            new BigDecimal(value),
            "MTQ"),
        Set.of());
  }
}
