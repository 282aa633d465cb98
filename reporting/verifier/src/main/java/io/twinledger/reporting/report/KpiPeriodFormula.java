package io.twinledger.reporting.report;

import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.reporting.evidence.RecordedCorrection;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@value #NAME}: the value of one revision of a KPI period, closed again from its raw readings
 * with twin-adapter's {@link PeriodCloser} and, for a derived KPI, the formula of {@link
 * FormulaCatalog}.
 *
 * <p>Inputs, in any order: the period's {@link InputKind#KPI_PERIOD} event; the KPI's {@link
 * InputKind#KPI_DEFINITION}; the asset's {@link InputKind#ASSET_PARAMETERS} events, registration
 * first (its time zone cuts the period), the parameters of the last one counting; every reading
 * batch the period names by digest; and, when corrections were in effect on its readings when it
 * was closed, each correction's {@link InputKind#CORRECTION} events (its request and, when it
 * needed a second person, the approval) with the batch it names. Parameters: {@code kpiId} and
 * {@code observationDate}, the first local day of the period, which is the date a bond observes it
 * on.
 *
 * <p>Each correction is checked as {@link RecordedCorrection} reads it before it is applied: it
 * names a batch the figure reads, by id and digest, and, for one reading, that reading with the
 * value it replaces, still in the batch; it is in effect (one that changed a closed period carries
 * the approval of someone other than its requester); it took effect before the period's event was
 * logged; and every correction the period's cause names is there. A correction that fails fails the
 * figure, naming its inputs.
 *
 * <p>The readings that count are those of the named batches and the corrections' batches for the
 * period's asset and its KPI (or, derived, the KPIs bound to the formula's roles) observed in its
 * window, each as the latest correction in effect on it (by the reading or its whole batch) makes
 * it count ({@link io.twinledger.twin.correction.ReadingAction#applied}): a voided or held one left
 * out, a superseded one with its corrected value. They must come from exactly the batches the
 * period names, and the value computed must be the one the period's event recorded; the figure's
 * value is that decimal in {@linkplain FigureFormula#text plain form}.
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
    String periodInput = null;
    StrictJson.Node period = null;
    StrictJson.Node definition = null;
    List<StrictJson.Node> assets = new ArrayList<>();
    Map<String, String> batches = new LinkedHashMap<>();
    Map<Long, List<String>> correctionInputs = new TreeMap<>();
    for (String id : figure.inputs()) {
      if (!data.isInput(id)) {
        throw new FigureException("reads figure " + id + "; a period reads only inputs");
      }
      switch (data.kind(id)) {
        case KPI_PERIOD -> {
          period = once(period, data.payload(id), id);
          periodInput = id;
        }
        case KPI_DEFINITION -> definition = once(definition, data.payload(id), id);
        case ASSET_PARAMETERS -> assets.add(data.payload(id));
        case READING_BATCH -> batches.put(data.batchDigest(id), id);
        case CORRECTION ->
            correctionInputs
                .computeIfAbsent(
                    RecordedCorrection.numberOf(data.event(id))
                        .orElseThrow(
                            () ->
                                new FigureException(
                                    "input " + id + " is not an event of a correction")),
                    n -> new ArrayList<>())
                .add(id);
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
    List<RecordedCorrection> corrections =
        corrections(data, correctionInputs, batches, period, data.event(periodInput).globalIndex());
    Optional<BigDecimal> recorded = decimal(period, "value");
    StrictJson.Node kpi = FigureJson.object(definition, "definition");
    Optional<BigDecimal> value =
        close(figure, data, period, kpi, assets, window, batches, named, corrections);
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

  /**
   * The corrections whose events the figure reads, each checked against the batches it reads and
   * the period's event (logged at {@code periodIndex}); they must include every correction the
   * period's cause names.
   *
   * @param inputs correction number → the inputs holding its events
   * @param batches batch digest → the input of that batch
   */
  private static List<RecordedCorrection> corrections(
      FigureData data,
      Map<Long, List<String>> inputs,
      Map<String, String> batches,
      StrictJson.Node period,
      long periodIndex)
      throws FigureException {
    List<RecordedCorrection> corrections = new ArrayList<>();
    for (Map.Entry<Long, List<String>> given : inputs.entrySet()) {
      String named = "correction " + given.getKey() + " (" + String.join(", ", given.getValue());
      List<EvidenceBundle.Event> events = new ArrayList<>();
      for (String id : given.getValue()) {
        events.add(data.event(id));
      }
      RecordedCorrection c;
      try {
        c = RecordedCorrection.read(given.getKey(), events);
      } catch (RecordedCorrection.Unusable e) {
        throw new FigureException(named + "): " + e.getMessage());
      }
      String batch = batches.get(c.batchDigest());
      if (batch == null || data.batchId(batch) != c.batchId()) {
        throw new FigureException(
            named
                + ") names batch "
                + c.batchId()
                + " with digest "
                + c.batchDigest()
                + ", which the figure does not read");
      }
      if (c.reading().isPresent() && c.original(data.batchReadings(batch)).isEmpty()) {
        throw new FigureException(named + "): " + c.notInBatch());
      }
      Optional<String> notInEffect = c.notInEffect();
      if (notInEffect.isPresent()) {
        throw new FigureException(named + "): " + notInEffect.get());
      }
      if (c.tookEffectAt() > periodIndex) {
        throw new FigureException(
            named
                + ") took effect at event "
                + c.tookEffectAt()
                + ", after the period's event "
                + periodIndex
                + ", which therefore cannot have read it");
      }
      corrections.add(c);
    }
    for (long id : RecordedCorrection.namedBy(period.stringOr("cause", ""))) {
      if (!inputs.containsKey(id)) {
        throw new FigureException(
            "the period's cause names correction "
                + id
                + ", whose events the figure does not read");
      }
    }
    return corrections;
  }

  private static Optional<BigDecimal> close(
      Figure figure,
      FigureData data,
      StrictJson.Node period,
      StrictJson.Node kpi,
      List<StrictJson.Node> assets,
      PeriodWindow window,
      Map<String, String> batches,
      List<String> named,
      List<RecordedCorrection> corrections)
      throws FigureException {
    String assetId = period.stringOr("assetId", "");
    String kpiId = period.stringOr("kpiId", "");
    String unit = period.stringOr("unit", "");
    int revision = Integer.parseInt(period.scalarOr("revision", "0"));
    Optional<StrictJson.Node> derivation = FigureJson.optionalObject(kpi, "derivation");
    Map<String, String> roles = new TreeMap<>();
    if (derivation.isPresent()) {
      StrictJson.Node inputs = FigureJson.object(derivation.get(), "inputs");
      for (String role : inputs.names()) {
        roles.put(role, inputs.stringOr(role, ""));
      }
    }
    // A voided reading's batch is read for its correction, though the period may not name it.
    Set<String> read = new LinkedHashSet<>(named);
    corrections.forEach(c -> read.add(c.batchDigest()));
    Map<String, List<PeriodReading>> byKpi = new HashMap<>();
    for (String digest : read) {
      String input = batches.get(digest);
      long batchId = data.batchId(input);
      List<EvidenceBundle.Reading> raw = data.batchReadings(input);
      List<AssessedReading> parsed = data.readings(input);
      for (int i = 0; i < parsed.size(); i++) {
        AssessedReading assessed = parsed.get(i);
        Reading r = assessed.reading();
        boolean counts =
            r.assetId().equals(assetId)
                && (derivation.isPresent()
                    ? roles.containsValue(r.kpiId())
                    : r.kpiId().equals(kpiId));
        if (counts) {
          Optional<PeriodReading> reading =
              reading(raw.get(i), assessed, digest, batchId, corrections);
          if (reading.isPresent() && window.contains(reading.get().reading().observedAt())) {
            byKpi.computeIfAbsent(r.kpiId(), k -> new ArrayList<>()).add(reading.get());
          }
        }
      }
    }
    ClosedPeriod closed;
    try {
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
                    decimals(FigureJson.optionalObject(derivation.get(), "parameters")),
                    decimals(FigureJson.optionalObject(assets.getLast(), "parameters"))),
                unit,
                inputs);
      }
    } catch (RuntimeException e) {
      throw new FigureException(
          figure.parameters().get("kpiId") + " cannot be closed again: " + e.getMessage());
    }
    if (!new TreeSet<>(closed.batchDigests()).equals(new TreeSet<>(named))) {
      throw new FigureException(
          "its readings come from batches "
              + closed.batchDigests()
              + ", the period names "
              + new TreeSet<>(named));
    }
    return closed.value();
  }

  /**
   * How reading {@code r} of batch {@code batchId}, parsed as {@code assessed}, counts: as the
   * latest correction in effect on it makes it count, or as it arrived; empty when left out.
   */
  private static Optional<PeriodReading> reading(
      EvidenceBundle.Reading r,
      AssessedReading assessed,
      String digest,
      long batchId,
      List<RecordedCorrection> corrections)
      throws FigureException {
    Optional<RecordedCorrection> latest =
        corrections.stream()
            .filter(c -> c.concerns(batchId, r))
            .max(Comparator.comparingLong(RecordedCorrection::tookEffectAt));
    if (latest.isEmpty()) {
      return Optional.of(new PeriodReading(assessed.reading(), assessed.flags(), digest));
    }
    try {
      return latest
          .get()
          .action()
          .applied(assessed.reading(), latest.get().value())
          .map(counted -> new PeriodReading(counted, assessed.flags(), digest));
    } catch (IllegalArgumentException e) {
      throw new FigureException(
          "correction " + latest.get().correctionId() + " cannot be applied: " + e.getMessage());
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

  private static StrictJson.Node once(StrictJson.Node held, StrictJson.Node next, String id)
      throws FigureException {
    if (held != null) {
      throw new FigureException("reads " + id + " beside another input of its kind");
    }
    return next;
  }
}
