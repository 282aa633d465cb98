package io.twinledger.reporting.report;

import io.twinledger.reporting.evidence.StrictJson;
import io.twinledger.twin.formula.FormulaCatalog;
import io.twinledger.twin.period.ClosedPeriod;
import io.twinledger.twin.period.PeriodAggregation;
import io.twinledger.twin.period.PeriodCloser;
import io.twinledger.twin.period.PeriodKind;
import io.twinledger.twin.period.PeriodReading;
import io.twinledger.twin.period.PeriodWindow;
import io.twinledger.twin.reading.AssessedReading;
import io.twinledger.twin.reading.DecimalText;
import io.twinledger.twin.reading.Reading;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@value #NAME}: the value of one revision of a KPI period, closed again from its raw readings
 * with twin-adapter's {@link PeriodCloser} and, for a derived KPI, the formula of {@link
 * FormulaCatalog}.
 *
 * <p>Inputs, in any order: the period's {@link InputKind#KPI_PERIOD} event; the KPI's {@link
 * InputKind#KPI_DEFINITION}; the asset's {@link InputKind#ASSET_PARAMETERS} events, registration
 * first (its time zone cuts the period), the parameters of the last one counting; and every reading
 * batch the period names by digest. The readings that count are those of the named batches for the
 * period's asset and its KPI (or, derived, the KPIs bound to the formula's roles) observed in its
 * window. Parameters: {@code kpiId} and {@code observationDate}, the first local day of the period,
 * which is the date a bond observes it on.
 *
 * <p>The value computed must be the one the period's event recorded; the figure's value is that
 * decimal in {@linkplain FigureFormula#text plain form}. Periods whose readings were corrected are
 * not re-computed yet: the corrections' own events would have to travel too.
 */
public record KpiPeriodFormula() implements FigureFormula {

  /** The formula's name. */
  public static final String NAME = "kpi-period";

  // Coverage does not bear on the value; the closer only needs an interval to count it by.
  private static final Duration ANY_INTERVAL = Duration.ofHours(1);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String compute(Figure figure, FigureData data) throws FigureException {
    StrictJson.Node period = null;
    StrictJson.Node definition = null;
    List<StrictJson.Node> assets = new ArrayList<>();
    Map<String, String> batches = new LinkedHashMap<>();
    for (String id : figure.inputs()) {
      if (!data.isInput(id)) {
        throw new FigureException("reads figure " + id + "; a period reads only inputs");
      }
      switch (data.kind(id)) {
        case KPI_PERIOD -> period = once(period, data.payload(id), id);
        case KPI_DEFINITION -> definition = once(definition, data.payload(id), id);
        case ASSET_PARAMETERS -> assets.add(data.payload(id));
        case READING_BATCH -> batches.put(data.batchDigest(id), id);
        default -> throw new FigureException("reads " + id + ", a " + data.kind(id).label());
      }
    }
    if (period == null || definition == null || assets.isEmpty()) {
      throw new FigureException("needs the period's event, the KPI's definition and the asset");
    }
    String assetId = period.stringOr("assetId", "");
    String kpiId = period.stringOr("kpiId", "");
    if (!kpiId.equals(figure.parameters().get("kpiId"))) {
      throw new FigureException(
          "the period is of " + kpiId + ", not " + figure.parameters().get("kpiId"));
    }
    ZoneId zone = zone(assets.getFirst());
    PeriodWindow window;
    try {
      window =
          new PeriodWindow(
              PeriodKind.valueOf(period.stringOr("periodKind", "")),
              zone,
              Instant.parse(period.stringOr("periodStart", "")),
              Instant.parse(period.stringOr("periodEnd", "")));
    } catch (RuntimeException e) {
      throw new FigureException("the period's event has no readable window: " + e.getMessage());
    }
    LocalDate observed = window.start().atZone(zone).toLocalDate();
    if (!observed.toString().equals(figure.parameters().get("observationDate"))) {
      throw new FigureException(
          "the period starts on "
              + observed
              + " in "
              + zone
              + ", not on "
              + figure.parameters().get("observationDate"));
    }
    List<String> named = period.stringsOrNone("batchDigests");
    for (String digest : named) {
      if (!batches.containsKey(digest)) {
        throw new FigureException("the period names batch " + digest + ", which it does not read");
      }
    }
    Optional<BigDecimal> recorded = decimal(period, "value");
    StrictJson.Node kpi = object(definition, "definition");
    Optional<BigDecimal> value = close(figure, data, period, kpi, assets, window, batches, named);
    if (!(value.isEmpty() && recorded.isEmpty()) && !sameNumber(value, recorded)) {
      throw new FigureException(
          "its readings close to "
              + value.map(FigureFormula::text).orElse("no value")
              + ", the period's event recorded "
              + recorded.map(FigureFormula::text).orElse("no value")
              + " ("
              + assetId
              + " "
              + kpiId
              + " "
              + window.label()
              + ")");
    }
    return value.map(FigureFormula::text).orElse("none");
  }

  private static Optional<BigDecimal> close(
      Figure figure,
      FigureData data,
      StrictJson.Node period,
      StrictJson.Node kpi,
      List<StrictJson.Node> assets,
      PeriodWindow window,
      Map<String, String> batches,
      List<String> named)
      throws FigureException {
    String assetId = period.stringOr("assetId", "");
    String kpiId = period.stringOr("kpiId", "");
    String unit = period.stringOr("unit", "");
    int revision = Integer.parseInt(period.scalarOr("revision", "0"));
    Optional<StrictJson.Node> derivation = optionalObject(kpi, "derivation");
    Map<String, String> roles = new TreeMap<>();
    if (derivation.isPresent()) {
      StrictJson.Node inputs = object(derivation.get(), "inputs");
      for (String role : inputs.names()) {
        roles.put(role, inputs.stringOr(role, ""));
      }
    }
    Map<String, List<PeriodReading>> byKpi = new HashMap<>();
    for (String digest : named) {
      for (AssessedReading assessed : data.readings(batches.get(digest))) {
        Reading r = assessed.reading();
        boolean counts =
            r.assetId().equals(assetId)
                && (derivation.isPresent()
                    ? roles.containsValue(r.kpiId())
                    : r.kpiId().equals(kpiId));
        if (counts && window.contains(r.observedAt())) {
          byKpi
              .computeIfAbsent(r.kpiId(), k -> new ArrayList<>())
              .add(new PeriodReading(r, assessed.flags(), digest));
        }
      }
    }
    try {
      ClosedPeriod closed;
      if (derivation.isEmpty()) {
        closed =
            PeriodCloser.close(
                assetId,
                kpiId,
                window,
                revision,
                PeriodAggregation.valueOf(kpi.stringOr("aggregation", "")),
                unit,
                new PeriodCloser.Input(byKpi.getOrDefault(kpiId, List.of()), ANY_INTERVAL));
      } else {
        Map<String, PeriodCloser.Input> inputs = new HashMap<>();
        roles.forEach(
            (role, input) ->
                inputs.put(
                    role,
                    new PeriodCloser.Input(byKpi.getOrDefault(input, List.of()), ANY_INTERVAL)));
        closed =
            PeriodCloser.closeDerived(
                assetId,
                kpiId,
                window,
                revision,
                FormulaCatalog.of(
                    derivation.get().stringOr("formula", ""),
                    decimals(optionalObject(derivation.get(), "parameters")),
                    decimals(optionalObject(assets.getLast(), "parameters"))),
                unit,
                inputs);
      }
      return closed.value();
    } catch (RuntimeException e) {
      throw new FigureException(
          figure.parameters().get("kpiId") + " cannot be closed again: " + e.getMessage());
    }
  }

  private static ZoneId zone(StrictJson.Node registration) throws FigureException {
    try {
      return ZoneId.of(registration.stringOr("timeZone", ""));
    } catch (RuntimeException e) {
      throw new FigureException("the first asset input gives no time zone: " + e.getMessage());
    }
  }

  private static Map<String, BigDecimal> decimals(Optional<StrictJson.Node> node)
      throws FigureException {
    Map<String, BigDecimal> values = new HashMap<>();
    if (node.isPresent()) {
      for (String name : node.get().names()) {
        decimal(node.get(), name).ifPresent(v -> values.put(name, v));
      }
    }
    return values;
  }

  private static Optional<BigDecimal> decimal(StrictJson.Node node, String name) {
    String written = node.scalarOr(name, "");
    try {
      return written.isEmpty() ? Optional.empty() : Optional.of(DecimalText.parse(written));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static boolean sameNumber(Optional<BigDecimal> a, Optional<BigDecimal> b) {
    return a.isPresent() && b.isPresent() && a.get().compareTo(b.get()) == 0;
  }

  private static StrictJson.Node object(StrictJson.Node node, String name) throws FigureException {
    try {
      return node.object(name);
    } catch (StrictJson.Malformed e) {
      throw new FigureException(e.getMessage());
    }
  }

  private static Optional<StrictJson.Node> optionalObject(StrictJson.Node node, String name)
      throws FigureException {
    try {
      return node.optionalObject(name);
    } catch (StrictJson.Malformed e) {
      throw new FigureException(e.getMessage());
    }
  }

  private static StrictJson.Node once(StrictJson.Node held, StrictJson.Node next, String id)
      throws FigureException {
    if (held != null) {
      throw new FigureException("reads " + id + " beside another input of its kind");
    }
    return next;
  }
}
