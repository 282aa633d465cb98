package io.twinledger.ledger.pnl.projection;

import io.twinledger.finance.model.InvalidModelException;
import io.twinledger.finance.model.KpiCatalog;
import io.twinledger.finance.model.KpiObservation;
import io.twinledger.finance.model.LineValue;
import io.twinledger.finance.model.ModelEvaluator;
import io.twinledger.finance.model.ModelValidator;
import io.twinledger.finance.model.PeriodValues;
import io.twinledger.finance.model.ValidatedModel;
import io.twinledger.ledger.asset.api.AssetRegistered;
import io.twinledger.ledger.asset.api.KpiDefined;
import io.twinledger.ledger.asset.api.KpiPeriodClosed;
import io.twinledger.ledger.model.api.ModelDefined;
import io.twinledger.ledger.model.api.ModelRetired;
import io.twinledger.ledger.model.api.ModelRevised;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps every asset's monthly P&amp;L up to date: when a monthly KPI period closes or is revised,
 * or a model is defined or revised, it recomputes the affected months with {@link ModelEvaluator}
 * and records what changed and why.
 *
 * <p>Conventions:
 *
 * <ul>
 *   <li>Only MONTH periods feed the P&amp;L; the month is cut in the asset's time zone.
 *   <li>A month of an asset appears once a KPI the asset's model reads has a period in it. A KPI
 *       period of month m changes months m to m + lag, where lag is the largest lag the model reads
 *       the KPI at.
 *   <li>A KPI period closed again (revision 2, 3, …) records its cause on every month revision it
 *       causes, {@code KPI x 2026-03 revision 2: correction <id> by <user>: <reason>}, or {@code
 *       late readings (revision 2)} when the period carries none, with the period revision itself
 *       and each changed line's amount before and after.
 *   <li>The observation keeps the period's coverage, so that a month under the model's complete
 *       coverage is partial (see {@link io.twinledger.finance.model.ModelEvaluator}).
 *   <li>A month whose lines come out unchanged gets no revision; a redelivered event changes
 *       nothing. The projection keeps its own copy of assets, KPI units, models and observations
 *       and reads the events in stream order (the composition root must give it a sequential
 *       policy), so reset plus replay rebuilds identical lines and revisions. Every timestamp comes
 *       from the events.
 *   <li>A retired model's statements stay as last computed.
 * </ul>
 */
@ProcessingGroup(PnlProjection.PROCESSING_GROUP)
public class PnlProjection {

  /** Name of the streaming processor and of its token. */
  public static final String PROCESSING_GROUP = "pnl-projection";

  /** The period kind whose closes feed the P&amp;L. */
  public static final String MONTH = "MONTH";

  private static final Logger LOG = LoggerFactory.getLogger(PnlProjection.class);
  private static final int VALIDATED_CACHE_LIMIT = 1024;

  private final PnlStore store;
  private final JsonMapper json;
  private final Map<ValidationKey, ValidatedModel> validated = new ConcurrentHashMap<>();

  public PnlProjection(JdbcClient jdbc, JsonMapper json) {
    this.store = new PnlStore(jdbc, json);
    this.json = json;
  }

  @EventHandler
  void on(AssetRegistered event) {
    store.addAsset(event.assetId(), event.timeZone());
  }

  @EventHandler
  void on(KpiDefined event) {
    store.defineKpi(event.assetId(), event.definition().kpiId(), event.definition().unit());
  }

  @EventHandler
  void on(KpiPeriodClosed event, @Timestamp Instant at) {
    if (!MONTH.equals(event.periodKind())) {
      return;
    }
    Optional<ZoneId> zone = store.zone(event.assetId());
    if (zone.isEmpty()) {
      return;
    }
    KpiObservation observation =
        KpiObservation.ofMonthlyPeriod(
            event.kpiId(),
            event.periodStart(),
            zone.get(),
            event.revision(),
            event.value(),
            event.unit(),
            event.batchDigests(),
            Optional.ofNullable(event.coveragePercent()));
    YearMonth month = observation.period();
    if (!store.addObservation(
        event.assetId(), observation, event.periodStart(), event.periodEnd())) {
      return;
    }
    Optional<StoredModel> model = store.activeModel(event.assetId());
    Optional<ValidatedModel> checked = model.flatMap(m -> validated(m, event.assetId()));
    if (checked.isEmpty()) {
      return;
    }
    Integer lag = checked.get().kpiLags().get(event.kpiId());
    if (lag == null) {
      return;
    }
    SortedSet<YearMonth> months =
        store
            .months(event.assetId(), checked.get().kpiLags().keySet())
            .subSet(month, month.plusMonths(lag + 1L));
    recompute(
        event.assetId(),
        model.get(),
        checked.get(),
        months,
        new Cause(
            kpiCause(event, month),
            Optional.of(new KpiPeriodRevision(event.kpiId(), month, event.revision()))),
        at);
  }

  /**
   * Why a KPI period's close changes the P&amp;L: a first close, or a revision with the period's
   * own cause. A revision without one was closed again by late readings, the only other way a
   * period gets a new revision.
   */
  private static String kpiCause(KpiPeriodClosed event, YearMonth month) {
    String period = "KPI " + event.kpiId() + " " + month;
    if (event.revision() == 1) {
      return period + " closed";
    }
    return period
        + " revision "
        + event.revision()
        + ": "
        + event.cause().orElse("late readings (revision " + event.revision() + ")");
  }

  @EventHandler
  void on(ModelDefined event, @Timestamp Instant at) {
    StoredModel model = new StoredModel(event.definition(), event.assetIds(), true);
    if (!store.saveModel(model)) {
      return;
    }
    Cause cause = Cause.model("model " + event.modelId() + " version 1 defined");
    for (String assetId : event.assetIds()) {
      recomputeAll(assetId, model, cause, at);
    }
  }

  @EventHandler
  void on(ModelRevised event, @Timestamp Instant at) {
    Optional<StoredModel> previous = store.model(event.modelId());
    StoredModel model = new StoredModel(event.definition(), event.assetIds(), true);
    if (!store.saveModel(model)) {
      return;
    }
    Cause cause =
        Cause.model(
            "model "
                + event.modelId()
                + " revised to version "
                + model.version()
                + ": "
                + event.reason());
    for (String assetId : event.assetIds()) {
      recomputeAll(assetId, model, cause, at);
    }
    Set<String> dropped = new HashSet<>(previous.map(StoredModel::assetIds).orElse(List.of()));
    dropped.removeAll(event.assetIds());
    for (String assetId : dropped) {
      for (YearMonth month : store.months(assetId, List.copyOf(allKpis(assetId)))) {
        apply(
            assetId,
            month,
            model,
            List.of(),
            Cause.model(cause.text() + " (the asset no longer uses it)"),
            at);
      }
    }
  }

  @EventHandler
  void on(ModelRetired event) {
    store.retire(event.modelId());
  }

  @ResetHandler
  void reset() {
    store.truncate();
    validated.clear();
  }

  private void recomputeAll(String assetId, StoredModel model, Cause cause, Instant at) {
    validated(model, assetId)
        .ifPresent(
            checked ->
                recompute(
                    assetId,
                    model,
                    checked,
                    store.months(assetId, checked.kpiLags().keySet()),
                    cause,
                    at));
  }

  private void recompute(
      String assetId,
      StoredModel model,
      ValidatedModel checked,
      SortedSet<YearMonth> months,
      Cause cause,
      Instant at) {
    if (months.isEmpty()) {
      return;
    }
    int maxLag = checked.kpiLags().values().stream().mapToInt(Integer::intValue).max().orElse(0);
    List<KpiObservation> observations =
        store.observations(
            assetId, checked.kpiLags().keySet(), months.first().minusMonths(maxLag), months.last());
    // One evaluation over the span indexes the observations once; unaffected months in it are
    // skipped.
    List<PeriodValues> span =
        ModelEvaluator.evaluate(checked, assetId, observations, months.first(), months.last())
            .periods();
    for (PeriodValues values : span) {
      YearMonth month = values.period();
      if (!months.contains(month)) {
        continue;
      }
      List<StoredLine> lines = new ArrayList<>();
      for (int i = 0; i < values.lines().size(); i++) {
        lines.add(line(assetId, month, model, i, values.lines().get(i)));
      }
      apply(assetId, month, model, lines, cause, at);
    }
  }

  /** Replaces the month's lines with the given ones, recording a revision if anything changed. */
  private void apply(
      String assetId,
      YearMonth month,
      StoredModel model,
      List<StoredLine> lines,
      Cause cause,
      Instant at) {
    Map<String, StoredLine> before = store.lines(assetId, month);
    List<LineChange> changes = new ArrayList<>();
    List<StoredLine> changed = new ArrayList<>();
    for (StoredLine line : lines) {
      StoredLine old = before.remove(line.lineId());
      if (old == null || !old.sameContent(line)) {
        changes.add(
            new LineChange(
                line.lineId(),
                old == null ? Optional.empty() : old.value(),
                line.value(),
                old != null,
                true));
        changed.add(line);
      }
    }
    for (StoredLine removed : before.values()) {
      changes.add(new LineChange(removed.lineId(), removed.value(), Optional.empty(), true, false));
      store.deleteLine(removed);
    }
    if (changes.isEmpty()) {
      return;
    }
    int revision = store.nextRevision(assetId, month);
    for (StoredLine line : changed) {
      store.saveLine(line.withRevision(revision));
    }
    store.addRevision(
        new PnlRevisionView(
            assetId,
            month,
            revision,
            model.modelId(),
            model.version(),
            cause.text(),
            cause.kpiPeriod(),
            changes,
            at));
  }

  private StoredLine line(
      String assetId, YearMonth month, StoredModel model, int ordinal, LineValue value) {
    String unit =
        model.definition().lines().get(ordinal).unit().orElse(model.definition().currency());
    return new StoredLine(
        assetId,
        month,
        value.lineId(),
        model.modelId(),
        model.version(),
        ordinal,
        value.label(),
        value.kind().name(),
        unit,
        value.value(),
        json.writeValueAsString(value.provenance()),
        value.remarks(),
        value.partial(),
        0);
  }

  private Set<String> allKpis(String assetId) {
    return store.catalog(assetId).unitCodes().keySet();
  }

  /**
   * The model checked against the asset's KPI units as this projection knows them. A model the
   * registry accepted fails only if the asset's KPIs changed since; such a model computes nothing
   * for the asset until it is revised, and the log says why.
   */
  private Optional<ValidatedModel> validated(StoredModel model, String assetId) {
    KpiCatalog catalog = store.catalog(assetId);
    ValidationKey key = new ValidationKey(model.modelId(), model.version(), catalog);
    ValidatedModel cached = validated.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    try {
      ValidatedModel checked = ModelValidator.validated(model.definition(), catalog);
      if (validated.size() >= VALIDATED_CACHE_LIMIT) {
        validated.clear();
      }
      validated.put(key, checked);
      return Optional.of(checked);
    } catch (InvalidModelException e) {
      LOG.warn(
          "Model {} version {} no longer fits asset {}, whose P&L it leaves unchanged: {}",
          model.modelId(),
          model.version(),
          assetId,
          e.getMessage());
      return Optional.empty();
    }
  }

  private record ValidationKey(String modelId, int version, KpiCatalog catalog) {}

  /** Why months are recomputed: the text a revision records, and the KPI period behind it. */
  private record Cause(String text, Optional<KpiPeriodRevision> kpiPeriod) {

    static Cause model(String text) {
      return new Cause(text, Optional.empty());
    }
  }
}
