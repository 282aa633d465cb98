package io.twinledger.ledger.pnl.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.zaxxer.hikari.HikariDataSource;
import io.twinledger.finance.model.LineValue;
import io.twinledger.finance.model.ModelDefinition;
import io.twinledger.finance.model.ModelDefinitions;
import io.twinledger.finance.model.ModelRun;
import io.twinledger.finance.model.PeriodValues;
import io.twinledger.finance.money.Money;
import io.twinledger.ledger.asset.api.Aggregation;
import io.twinledger.ledger.asset.api.AssetRegistered;
import io.twinledger.ledger.asset.api.BetterDirection;
import io.twinledger.ledger.asset.api.KpiDefined;
import io.twinledger.ledger.asset.api.KpiDefinition;
import io.twinledger.ledger.asset.api.KpiPeriodClosed;
import io.twinledger.ledger.asset.api.WaterDistrictParameters;
import io.twinledger.ledger.model.api.ModelDefined;
import io.twinledger.ledger.model.api.ModelRetired;
import io.twinledger.ledger.model.api.ModelRevised;
import io.twinledger.ledger.model.api.ModelStreams;
import io.twinledger.ledger.store.TestDatabases;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The P&amp;L projection driven by real events through Axon's annotation adapter, as a streaming
 * processor would drive it, on a freshly migrated embedded PostgreSQL.
 *
 * <p>The model pays {@code revenue = kpi('volume') × 2 EUR/m³} and {@code bonus = kpi('volume',
 * lag=2) × 2 EUR/m³}, so a volume closed for month m shows in the revenue of m and in the bonus of
 * m + 2, and in nothing of m + 1.
 */
class PnlProjectionTest {

  private static final String ZONE = "Europe/Amsterdam";
  private static final String MODEL = "lagged";
  private static final String A = "dma-a";
  private static final String B = "dma-b";
  private static final YearMonth JAN = YearMonth.of(2026, 1);
  private static final YearMonth FEB = YearMonth.of(2026, 2);
  private static final YearMonth MAR = YearMonth.of(2026, 3);
  private static final YearMonth APR = YearMonth.of(2026, 4);
  private static final YearMonth MAY = YearMonth.of(2026, 5);

  private static final List<String> TABLES =
      List.of(
          "pnl_asset", "pnl_asset_kpi", "pnl_model", "pnl_observation", "pnl_line", "pnl_revision");

  private HikariDataSource dataSource;
  private JdbcClient jdbc;
  private PnlBook book;
  private AnnotationEventHandlerAdapter projection;

  private final List<EventMessage<?>> history = new ArrayList<>();
  private final Map<String, Long> sequences = new HashMap<>();
  private Instant clock = Instant.parse("2026-06-01T08:00:00Z");

  @BeforeEach
  void freshDatabase() {
    dataSource = TestDatabases.migrated(2);
    jdbc = JdbcClient.create(dataSource);
    JsonMapper json = JsonMapper.builder().build();
    book = new PnlBook(jdbc, json);
    projection = new AnnotationEventHandlerAdapter(new PnlProjection(jdbc, json));
  }

  @AfterEach
  void close() {
    dataSource.close();
  }

  @Test
  void aMonthlyCloseComputesItsMonthAndTheMonthsUpToItsLagThatHaveClosedPeriods() {
    waterDistrict(A);
    deliver(new ModelDefined(MODEL, model("2"), List.of(A)));
    assertThat(book.run(A, JAN, MAY)).as("no KPI period closed yet").isEmpty();

    deliver(closed(A, MAR, 1, "120"));
    LineValue marchBonus = line(A, MAR, "bonus");
    assertThat(marchBonus.value()).isEmpty();
    assertThat(marchBonus.remarks()).containsExactly("KPI volume has no observation for 2026-01");
    assertThat(line(A, MAR, "revenue").value()).hasValueSatisfying(amount("240"));

    Instant januaryClosed = deliver(closed(A, JAN, 1, "100"));

    assertThat(months(A))
        .as("February has no closed period, so no statement")
        .containsExactly(JAN, MAR);
    assertThat(line(A, JAN, "revenue").value()).hasValueSatisfying(amount("200"));
    assertThat(line(A, MAR, "bonus").value()).hasValueSatisfying(amount("200"));
    assertThat(line(A, MAR, "bonus").provenance().kpis())
        .singleElement()
        .satisfies(use -> assertThat(use.period()).isEqualTo(JAN));
    List<PnlRevisionView> revisions = book.revisions(A, JAN, MAY);
    assertThat(revisions)
        .extracting(PnlRevisionView::month, PnlRevisionView::revision, PnlRevisionView::cause)
        .containsExactly(
            tuple(JAN, 1, "KPI volume 2026-01 closed"),
            tuple(MAR, 1, "KPI volume 2026-03 closed"),
            tuple(MAR, 2, "KPI volume 2026-01 closed"));
    PnlRevisionView march = revisions.get(2);
    assertThat(changes(march))
        .as("only the line that reads January changed in March")
        .containsExactly("bonus: none -> 200");
    assertThat(march.modelId()).isEqualTo(MODEL);
    assertThat(march.modelVersion()).isEqualTo(1);
    assertThat(march.recordedAt()).isEqualTo(januaryClosed);
  }

  @Test
  void aLateRevisionRecordsBeforeAndAfterWithItsCauseInEachMonthItChanges() {
    waterDistrict(A);
    closeJanuaryToApril(A);
    deliver(new ModelDefined(MODEL, model("2"), List.of(A)));
    assertThat(book.revisions(A, JAN, MAY))
        .extracting(PnlRevisionView::cause)
        .containsOnly("model lagged version 1 defined")
        .hasSize(4);

    deliver(closed(A, JAN, 2, "150"));

    List<PnlRevisionView> late =
        book.revisions(A, JAN, MAY).stream().filter(r -> r.revision() == 2).toList();
    assertThat(late)
        .as("January and March read January; February reads nothing of it, April is past the lag")
        .extracting(PnlRevisionView::month)
        .containsExactly(JAN, MAR);
    assertThat(late)
        .extracting(PnlRevisionView::cause)
        .containsOnly("KPI volume 2026-01 revision 2: late readings (revision 2)");
    assertThat(late)
        .extracting(PnlRevisionView::kpiPeriod)
        .containsOnly(Optional.of(new KpiPeriodRevision("volume", JAN, 2)));
    assertThat(changes(late.get(0))).containsExactly("revenue: 200 -> 300");
    assertThat(changes(late.get(1))).containsExactly("bonus: 200 -> 300");
    assertThat(line(A, MAR, "bonus").provenance().kpis().getFirst().revision()).isEqualTo(2);
    assertThat(line(A, FEB, "revenue").value()).hasValueSatisfying(amount("220"));
  }

  @Test
  void aCorrectionRecordsItsCauseAndEachLinesAmountBeforeAndAfter() {
    waterDistrict(A);
    deliver(new ModelDefined(MODEL, model("2"), List.of(A)));
    deliver(closed(A, JAN, 1, "50"));
    assertThat(book.revisions(A, JAN, JAN))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.cause()).isEqualTo("KPI volume 2026-01 closed");
              assertThat(r.kpiPeriod()).contains(new KpiPeriodRevision("volume", JAN, 1));
            });

    deliver(
        closed(
            A, JAN, 2, "40", "100", Optional.of("correction c-17 by alice: meter 4 read twice")));

    PnlRevisionView correction = book.revisions(A, JAN, JAN).getLast();
    assertThat(correction.revision()).isEqualTo(2);
    assertThat(correction.cause())
        .isEqualTo("KPI volume 2026-01 revision 2: correction c-17 by alice: meter 4 read twice");
    assertThat(correction.kpiPeriod()).contains(new KpiPeriodRevision("volume", JAN, 2));
    LineChange revenue = correction.changes().getFirst();
    assertThat(revenue.lineId()).isEqualTo("revenue");
    assertThat(revenue.before()).hasValueSatisfying(amount("100.00"));
    assertThat(revenue.after()).hasValueSatisfying(amount("80.00"));
    assertThat(correction.changes())
        .as("the bonus reads November, which did not change")
        .extracting(LineChange::lineId)
        .containsExactly("revenue");
    assertThat(book.modelRevisions(MODEL, JAN, JAN))
        .containsExactlyElementsOf(book.revisions(A, JAN, JAN));
    assertThat(book.modelRevisions("other", JAN, JAN)).isEmpty();
    assertThat(book.knowsModel(MODEL)).isTrue();
    assertThat(book.knowsModel("other")).isFalse();
  }

  @Test
  void aPeriodUnderTheCompleteCoverageMakesItsMonthPartialAndProratesTheBaseline() {
    waterDistrict(A);
    deliver(new ModelDefined("baseline", baselineModel(), List.of(A)));

    // April has 30 days; the readings cover 15 of them
    deliver(closed(A, APR, 1, "40", "50", Optional.empty()));
    deliver(closed(A, MAR, 1, "40", "100", Optional.empty()));

    // April: the 100 m³ baseline is prorated to 50 m³, saving 10 m³ at 2 EUR
    assertThat(line(A, APR, "saving").value()).hasValueSatisfying(amount("20"));
    assertThat(line(A, APR, "saving").partial())
        .containsExactly(
            "KPI volume for 2026-04 (revision 1) covers 50 % of the month, under the model's"
                + " complete coverage of 90 %",
            "monthly baseline baseline prorated to 15 of 30 days (50 % coverage)");
    assertThat(line(A, MAR, "saving").value()).hasValueSatisfying(amount("120"));
    assertThat(line(A, MAR, "saving").partial()).isEmpty();
    assertThat(
            jdbc.sql("SELECT coverage_percent FROM pnl_observation WHERE month = '2026-04-01'")
                .query(BigDecimal.class)
                .single())
        .isEqualByComparingTo("50");
  }

  @Test
  void aModelRevisionRecomputesItsAssetsAndEmptiesTheStatementsOfAnAssetItDrops() {
    waterDistrict(A);
    waterDistrict(B);
    closeJanuaryToApril(A);
    deliver(closed(B, JAN, 1, "50"));
    deliver(new ModelDefined(MODEL, model("2"), List.of(A, B)));
    assertThat(line(B, JAN, "revenue").value()).hasValueSatisfying(amount("100"));

    deliver(new ModelRevised(MODEL, model("3").withVersion(2), List.of(A), "tariff rise"));

    String cause = "model lagged revised to version 2: tariff rise";
    List<PnlRevisionView> revised =
        book.revisions(A, JAN, MAY).stream().filter(r -> r.revision() == 2).toList();
    assertThat(revised).extracting(PnlRevisionView::month).containsExactly(JAN, FEB, MAR, APR);
    assertThat(revised).extracting(PnlRevisionView::cause).containsOnly(cause);
    assertThat(revised).extracting(PnlRevisionView::modelVersion).containsOnly(2);
    assertThat(changes(revised.get(2))).containsExactly("revenue: 240 -> 360", "bonus: 200 -> 300");
    assertThat(book.run(A, JAN, APR)).get().extracting(ModelRun::modelVersion).isEqualTo(2);

    assertThat(book.run(B, JAN, MAY)).as("B's statements are gone").isEmpty();
    PnlRevisionView dropped = book.revisions(B, JAN, MAY).getLast();
    assertThat(dropped.revision()).isEqualTo(2);
    assertThat(dropped.cause()).isEqualTo(cause + " (the asset no longer uses it)");
    assertThat(changes(dropped))
        .containsExactly("revenue: 100 -> none (removed)", "bonus: none -> none (removed)");
  }

  @Test
  void aRetiredModelsStatementsStayAsLastComputed() {
    waterDistrict(A);
    deliver(new ModelDefined(MODEL, model("2"), List.of(A)));
    deliver(closed(A, JAN, 1, "100"));
    List<String> lines = rows("pnl_line");
    List<String> revisions = rows("pnl_revision");

    deliver(new ModelRetired(MODEL, 1, "contract ended"));
    deliver(closed(A, JAN, 2, "150"));
    deliver(closed(A, FEB, 1, "110"));

    assertThat(rows("pnl_line")).isEqualTo(lines);
    assertThat(rows("pnl_revision")).isEqualTo(revisions);
  }

  @Test
  void onlyMonthlyPeriodsCountAndTheirMonthIsCutInTheAssetsTimeZone() {
    waterDistrict(A);
    deliver(new ModelDefined(MODEL, model("2"), List.of(A)));
    Instant marchInAmsterdam = Instant.parse("2026-02-28T23:00:00Z");
    deliver(period(A, "DAY", marchInAmsterdam, marchInAmsterdam.plus(Duration.ofDays(1)), 1, "9"));
    assertThat(rows("pnl_line")).as("a daily period feeds no P&L").isEmpty();

    deliver(period(A, "MONTH", marchInAmsterdam, Instant.parse("2026-03-31T22:00:00Z"), 1, "120"));

    assertThat(months(A)).containsExactly(MAR);
    assertThat(line(A, MAR, "revenue").value()).hasValueSatisfying(amount("240"));
  }

  @Test
  void redeliveredEventsChangeNothing() {
    waterDistrict(A);
    waterDistrict(B);
    closeJanuaryToApril(A);
    deliver(new ModelDefined(MODEL, model("2"), List.of(A, B)));
    deliver(closed(B, JAN, 1, "50"));
    deliver(closed(A, JAN, 2, "150"));
    deliver(new ModelRevised(MODEL, model("3").withVersion(2), List.of(A), "tariff rise"));
    Map<String, List<String>> before = tables();
    assertThat(before.get("pnl_revision")).as("the history changed the P&L").hasSizeGreaterThan(8);

    // A processor that fails before storing its token delivers again from the token on, in order.
    for (EventMessage<?> message : List.copyOf(history)) {
      handle(message);
    }

    assertThat(tables()).isEqualTo(before);
  }

  @Test
  void resetAndReplayRebuildIdenticalRows() {
    waterDistrict(A);
    waterDistrict(B);
    closeJanuaryToApril(A);
    deliver(new ModelDefined(MODEL, model("2"), List.of(A, B)));
    deliver(closed(B, JAN, 1, "50"));
    deliver(closed(A, JAN, 2, "150"));
    deliver(new ModelRevised(MODEL, model("3").withVersion(2), List.of(A), "tariff rise"));
    deliver(closed(A, MAY, 1, "140"));
    deliver(new ModelRetired(MODEL, 2, "contract ended"));
    deliver(closed(A, FEB, 2, "115"));
    Map<String, List<String>> before = tables();

    projection.prepareReset();
    assertThat(tables().values()).as("reset empties every table").allMatch(List::isEmpty);
    for (EventMessage<?> message : List.copyOf(history)) {
      handle(message);
    }

    assertThat(tables()).isEqualTo(before);
  }

  // --- the event stream ----------------------------------------------------------------------

  /** Hands the event to the projection as the next message of its stream; returns its time. */
  private Instant deliver(Object event) {
    String stream =
        switch (event) {
          case AssetRegistered e -> e.assetId();
          case KpiDefined e -> e.assetId();
          case KpiPeriodClosed e -> e.assetId();
          case ModelDefined e -> ModelStreams.streamId(e.modelId());
          case ModelRevised e -> ModelStreams.streamId(e.modelId());
          case ModelRetired e -> ModelStreams.streamId(e.modelId());
          default -> throw new IllegalArgumentException("not an event of this test: " + event);
        };
    clock = clock.plus(Duration.ofMinutes(1));
    EventMessage<?> message =
        new GenericDomainEventMessage<>(
            stream.startsWith("model:") ? "CashFlowModel" : "InfrastructureAsset",
            stream,
            sequences.merge(stream, 1L, Long::sum) - 1,
            event,
            MetaData.emptyInstance(),
            UUID.randomUUID().toString(),
            clock);
    handle(message);
    history.add(message);
    return clock;
  }

  private void handle(EventMessage<?> message) {
    try {
      projection.handle(message);
    } catch (Exception e) {
      throw new AssertionError("the projection failed on " + message.getPayload(), e);
    }
  }

  private void waterDistrict(String assetId) {
    deliver(
        new AssetRegistered(
            assetId,
            "District " + assetId,
            ZONE,
            new WaterDistrictParameters(
                new BigDecimal("100"),
                5000,
                new BigDecimal("50"),
                new BigDecimal("48"),
                Money.of("EUR", "2.35"))));
    deliver(
        new KpiDefined(
            assetId,
            KpiDefinition.measured(
                "volume", "MTQ", Aggregation.SUM, BetterDirection.HIGHER, List.of())));
  }

  /** Volumes 100, 110, 120 and 130 m³ for January to April. */
  private void closeJanuaryToApril(String assetId) {
    deliver(closed(assetId, JAN, 1, "100"));
    deliver(closed(assetId, FEB, 1, "110"));
    deliver(closed(assetId, MAR, 1, "120"));
    deliver(closed(assetId, APR, 1, "130"));
  }

  private static KpiPeriodClosed closed(String assetId, YearMonth month, int revision, String m3) {
    return closed(assetId, month, revision, m3, "100", Optional.empty());
  }

  private static KpiPeriodClosed closed(
      String assetId,
      YearMonth month,
      int revision,
      String m3,
      String coveragePercent,
      Optional<String> cause) {
    ZoneId zone = ZoneId.of(ZONE);
    return period(
        assetId,
        "MONTH",
        month.atDay(1).atStartOfDay(zone).toInstant(),
        month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant(),
        revision,
        m3,
        coveragePercent,
        cause);
  }

  private static KpiPeriodClosed period(
      String assetId, String kind, Instant start, Instant end, int revision, String m3) {
    return period(assetId, kind, start, end, revision, m3, "100", Optional.empty());
  }

  private static KpiPeriodClosed period(
      String assetId,
      String kind,
      Instant start,
      Instant end,
      int revision,
      String m3,
      String coveragePercent,
      Optional<String> cause) {
    return new KpiPeriodClosed(
        assetId,
        "volume",
        kind,
        start,
        end,
        revision,
        Optional.of(new BigDecimal(m3)),
        "MTQ",
        new BigDecimal(coveragePercent),
        720,
        Map.of("GOOD", 720),
        List.of(Integer.toHexString(revision).repeat(64)),
        Map.of(),
        List.of(),
        Optional.empty(),
        cause);
  }

  /** Saves 2 EUR per m³ of volume above a monthly baseline of 100 m³. */
  private static ModelDefinition baselineModel() {
    return ModelDefinitions.parseYaml(
        """
        id: baseline
        name: Savings against a monthly baseline
        assetClass: WATER_DISTRICT
        currency: EUR
        parameters:
          baseline: {value: 100, unit: MTQ, monthlyBaseline: true}
          tariff: {value: 2, unit: EUR/MTQ}
        lines:
          - {id: saving, kind: REVENUE, label: Saving,
             formula: "(param('baseline') - kpi('volume')) * param('tariff')"}
        """);
  }

  private static ModelDefinition model(String tariff) {
    return ModelDefinitions.parseYaml(
        """
        id: lagged
        version: 1
        name: Lagged volume payments
        assetClass: WATER_DISTRICT
        currency: EUR
        parameters:
          tariff: {value: %s, unit: EUR/MTQ}
        lines:
          - {id: revenue, kind: REVENUE, label: Revenue,
             formula: "kpi('volume') * param('tariff')"}
          - {id: bonus, kind: REVENUE, label: Bonus two months on,
             formula: "kpi('volume', lag=2) * param('tariff')"}
        """
            .formatted(tariff));
  }

  // --- reading the P&L -----------------------------------------------------------------------

  private List<YearMonth> months(String assetId) {
    return book.run(assetId, JAN.minusYears(1), JAN.plusYears(1)).stream()
        .flatMap(run -> run.periods().stream())
        .map(PeriodValues::period)
        .toList();
  }

  private LineValue line(String assetId, YearMonth month, String lineId) {
    return book.run(assetId, month, month).orElseThrow().periods().getFirst().lines().stream()
        .filter(l -> l.lineId().equals(lineId))
        .findFirst()
        .orElseThrow();
  }

  private static Consumer<BigDecimal> amount(String expected) {
    return actual -> assertThat(actual).isEqualByComparingTo(expected);
  }

  /** The revision's changes as {@code "line: before -> after"}, amounts compared by value. */
  private static List<String> changes(PnlRevisionView revision) {
    return revision.changes().stream()
        .map(
            c ->
                c.lineId()
                    + ": "
                    + (c.existedBefore() ? amount(c.before()) : "(new)")
                    + " -> "
                    + (c.existsAfter() ? amount(c.after()) : amount(c.after()) + " (removed)"))
        .toList();
  }

  private static String amount(Optional<BigDecimal> value) {
    return value.map(v -> v.stripTrailingZeros().toPlainString()).orElse("none");
  }

  private Map<String, List<String>> tables() {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    TABLES.forEach(table -> tables.put(table, rows(table)));
    return tables;
  }

  /** The rows as JSON text, sorted: arrays, numerics and jsonb compare by value only that way. */
  private List<String> rows(String table) {
    return jdbc.sql("SELECT to_jsonb(t)::text FROM " + table + " t ORDER BY 1")
        .query(String.class)
        .list();
  }
}
