package io.twinledger.reporting.report;

import io.twinledger.finance.model.InvalidModelException;
import io.twinledger.finance.model.KpiCatalog;
import io.twinledger.finance.model.KpiObservation;
import io.twinledger.finance.model.LineDefinition;
import io.twinledger.finance.model.LineValue;
import io.twinledger.finance.model.ModelDefinition;
import io.twinledger.finance.model.ModelDefinitions;
import io.twinledger.finance.model.ModelEvaluator;
import io.twinledger.finance.model.ModelValidator;
import io.twinledger.finance.model.ValidatedModel;
import io.twinledger.finance.pnl.Statements;
import io.twinledger.reporting.evidence.StrictJson;
import io.twinledger.twin.reading.DecimalText;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@value #NAME}: the amount one booked line of an asset's cash-flow model books in one month, as
 * the P&amp;L projection computes it: the model validated against the KPIs' units with {@link
 * ModelValidator}, evaluated for the month with {@link ModelEvaluator} from the KPI periods, each
 * read as a {@link KpiObservation#ofMonthlyPeriod monthly observation}, and the exact value rounded
 * as a monthly statement books it ({@link Statements#rounded}, HALF_EVEN to the currency's minor
 * unit: {@code 1234.50}). A month whose line has no value (an input missing) is {@code none}.
 *
 * <p>Inputs: exactly one {@link InputKind#MODEL} input, the model version as logged, whose model id
 * is the figure's and which applies to the asset; the {@link InputKind#KPI_DEFINITION} of every KPI
 * the model reads (their units are the catalog it is validated against); and the {@link
 * KpiPeriodFormula} figures of the asset the month reads, lagged months included, each observed
 * with its re-computed value and the revision, unit, evidence and coverage its period's event
 * recorded, its month cut in the time zone of its first asset input. Parameters: {@code assetId},
 * {@code modelId}, {@code lineId} and {@code month} ({@code 2025-03}). The figure's unit is the
 * model's currency.
 *
 * <p>The evaluator reads the highest revision of each KPI and month it is given; the formula cannot
 * tell whether a later revision or a period was left out of the figure, only that what it reads
 * gives the value.
 */
public record PnlLineFormula() implements FigureFormula {

  /** The formula's name. */
  public static final String NAME = "pnl-line";

  /** The value of a month whose line has no value. */
  public static final String NONE = "none";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String compute(Figure figure, FigureData data) throws FigureException {
    String assetId = figure.parameters().getOrDefault("assetId", "");
    String modelId = figure.parameters().getOrDefault("modelId", "");
    String lineId = figure.parameters().getOrDefault("lineId", "");
    YearMonth month;
    try {
      month = YearMonth.parse(figure.parameters().getOrDefault("month", ""));
    } catch (RuntimeException e) {
      throw new FigureException("parameter month is not a month such as 2025-03");
    }
    ModelDefinition definition = null;
    Map<String, String> units = new TreeMap<>();
    List<KpiObservation> observations = new ArrayList<>();
    for (String id : figure.inputs()) {
      if (!data.isInput(id)) {
        observations.add(observation(id, data, assetId));
        continue;
      }
      switch (data.kind(id)) {
        case MODEL -> {
          if (definition != null) {
            throw new FigureException("reads " + id + "; it takes one model input");
          }
          definition = model(id, data.payload(id), modelId, assetId);
        }
        case KPI_DEFINITION -> {
          StrictJson.Node payload = data.payload(id);
          StrictJson.Node kpi = object(payload, "definition", id);
          if (!payload.stringOr("assetId", "").equals(assetId)) {
            throw new FigureException(id + " defines a KPI of another asset");
          }
          units.put(kpi.stringOr("kpiId", ""), kpi.stringOr("unit", ""));
        }
        default -> throw new FigureException("reads " + id + ", a " + data.kind(id).label());
      }
    }
    if (definition == null) {
      throw new FigureException("reads no model");
    }
    LineDefinition line =
        definition.lines().stream()
            .filter(l -> l.id().equals(lineId))
            .findFirst()
            .orElseThrow(
                () ->
                    new FigureException(
                        "model " + modelId + " has no line " + lineId + " in its logged version"));
    if (!line.kind().booked()) {
      throw new FigureException("line " + lineId + " is a memo line, which no statement books");
    }
    if (!figure.unit().equals(definition.currency())) {
      throw new FigureException(
          "line " + lineId + " books in " + definition.currency() + ", not " + figure.unit());
    }
    LineValue value;
    ValidatedModel validated;
    try {
      validated = ModelValidator.validated(definition, new KpiCatalog(units));
      value =
          ModelEvaluator.evaluate(validated, assetId, observations, month, month)
              .periods()
              .getFirst()
              .line(lineId)
              .orElseThrow();
    } catch (InvalidModelException | IllegalArgumentException e) {
      throw new FigureException(
          "model " + modelId + " cannot be evaluated for " + month + ": " + e.getMessage());
    }
    return value
        .value()
        .map(v -> Statements.rounded(v, validated.currency()).toPlainString())
        .orElse(NONE);
  }

  private static ModelDefinition model(
      String id, StrictJson.Node payload, String modelId, String assetId) throws FigureException {
    if (!payload.stringOr("modelId", "").equals(modelId)) {
      throw new FigureException(id + " is model " + payload.stringOr("modelId", "") + "'s");
    }
    if (!payload.stringsOrNone("assetIds").contains(assetId)) {
      throw new FigureException(id + " does not apply model " + modelId + " to " + assetId);
    }
    try {
      return ModelDefinitions.parseJson(object(payload, "definition", id).json());
    } catch (InvalidModelException e) {
      throw new FigureException(id + " holds no readable model: " + e.getMessage());
    }
  }

  /** A KPI period figure as the observation the evaluator reads. */
  private static KpiObservation observation(String figureId, FigureData data, String assetId)
      throws FigureException {
    Figure period = data.figure(figureId);
    if (!period.formula().equals(KpiPeriodFormula.NAME)) {
      throw new FigureException("reads " + figureId + ", which is not a KPI period");
    }
    StrictJson.Node closed = null;
    Optional<ZoneId> zone = Optional.empty();
    for (String id : period.inputs()) {
      if (data.isInput(id) && data.kind(id) == InputKind.KPI_PERIOD) {
        closed = data.payload(id);
      } else if (data.isInput(id)
          && data.kind(id) == InputKind.ASSET_PARAMETERS
          && zone.isEmpty()) {
        zone = Optional.of(zone(data.payload(id), figureId));
      }
    }
    if (closed == null || zone.isEmpty()) {
      throw new FigureException(figureId + " reads no period event or no asset");
    }
    if (!closed.stringOr("assetId", "").equals(assetId)
        || !closed.stringOr("periodKind", "").equals("MONTH")) {
      throw new FigureException(figureId + " is not a monthly period of " + assetId);
    }
    try {
      return KpiObservation.ofMonthlyPeriod(
          closed.stringOr("kpiId", ""),
          Instant.parse(closed.stringOr("periodStart", "")),
          zone.get(),
          Integer.parseInt(closed.scalarOr("revision", "")),
          period.value().equals(NONE)
              ? Optional.empty()
              : Optional.of(new BigDecimal(period.value())),
          closed.stringOr("unit", ""),
          closed.stringsOrNone("batchDigests"),
          decimal(closed.scalarOr("coveragePercent", "")));
    } catch (RuntimeException e) {
      throw new FigureException(figureId + " is not an observation: " + e.getMessage());
    }
  }

  private static Optional<BigDecimal> decimal(String written) {
    return written.isEmpty() ? Optional.empty() : Optional.of(DecimalText.parse(written));
  }

  private static ZoneId zone(StrictJson.Node asset, String figureId) throws FigureException {
    try {
      return ZoneId.of(asset.stringOr("timeZone", ""));
    } catch (RuntimeException e) {
      throw new FigureException(figureId + "'s asset gives no time zone: " + e.getMessage());
    }
  }

  private static StrictJson.Node object(StrictJson.Node node, String name, String id)
      throws FigureException {
    try {
      return node.object(name);
    } catch (StrictJson.Malformed e) {
      throw new FigureException(id + ": " + e.getMessage());
    }
  }
}
