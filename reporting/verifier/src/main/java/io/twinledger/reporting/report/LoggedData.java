package io.twinledger.reporting.report;

import io.twinledger.ledger.audit.AuditLeaf;
import io.twinledger.ledger.audit.ReadingBatchLeaf;
import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.reporting.evidence.StrictJson;
import io.twinledger.twin.reading.AssessedReading;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@link FigureData} of a report: its inputs' raw data, each an {@link EvidenceBundle.Batch} or
 * {@link EvidenceBundle.Event} with its leaf or a {@link MarketSlot}, and the figures known so far.
 * The verifier hands it only the data that passed its checks and the figures it verified; the
 * service, the data it read from the stores and the figures it has just computed, so that both run
 * the formulas on the same kind of data.
 *
 * <p>A batch's readings are parsed once: the verifier hands over those it parsed to check the
 * batch's digest; any other batch is parsed when a formula first reads it.
 */
public final class LoggedData implements FigureData {

  private static final HexFormat HEX = HexFormat.of();

  private final Map<String, Input> inputs;
  private final Map<String, Object> data;
  private final Function<String, Figure> figures;
  private final Map<String, List<AssessedReading>> readings;

  /**
   * @param inputs the report's inputs
   * @param data input id → its batch, event or market slot; an input without data is unusable
   * @param figures figure id → the figure with its value, or null when it is not known
   */
  public LoggedData(
      List<Input> inputs, Map<String, Object> data, Function<String, Figure> figures) {
    this(inputs, data, figures, Map.of());
  }

  /**
   * @param inputs the report's inputs
   * @param data input id → its batch, event or market slot; an input without data is unusable
   * @param figures figure id → the figure with its value, or null when it is not known
   * @param parsed input id → its batch's readings, already parsed, in the batch's order
   */
  public LoggedData(
      List<Input> inputs,
      Map<String, Object> data,
      Function<String, Figure> figures,
      Map<String, List<AssessedReading>> parsed) {
    this.inputs = new HashMap<>();
    inputs.forEach(i -> this.inputs.put(i.id(), i));
    this.data = Map.copyOf(data);
    this.figures = figures;
    this.readings = new HashMap<>(parsed);
  }

  @Override
  public InputKind kind(String inputId) throws FigureException {
    return Optional.ofNullable(inputs.get(inputId))
        .orElseThrow(() -> new FigureException("no input " + inputId))
        .kind();
  }

  @Override
  public StrictJson.Node payload(String inputId) throws FigureException {
    try {
      return StrictJson.object(Base64.getDecoder().decode(event(inputId).payload()));
    } catch (StrictJson.Malformed | IllegalArgumentException e) {
      throw new FigureException(inputId + "'s payload is not JSON");
    }
  }

  @Override
  public EvidenceBundle.Event event(String inputId) throws FigureException {
    if (!(data(inputId) instanceof EvidenceBundle.Event event)) {
      throw new FigureException(inputId + " is not an event");
    }
    return event;
  }

  @Override
  public List<EvidenceBundle.Reading> batchReadings(String inputId) throws FigureException {
    return batch(inputId).readings();
  }

  @Override
  public List<AssessedReading> readings(String inputId) throws FigureException {
    EvidenceBundle.Batch batch = batch(inputId);
    List<AssessedReading> parsed = readings.get(inputId);
    if (parsed == null) {
      List<AssessedReading> read = new ArrayList<>(batch.readings().size());
      try {
        for (EvidenceBundle.Reading reading : batch.readings()) {
          read.add(reading.assessed());
        }
      } catch (RuntimeException e) {
        throw new FigureException("a reading is unreadable: " + e.getMessage());
      }
      parsed = List.copyOf(read);
      readings.put(inputId, parsed);
    }
    return parsed;
  }

  @Override
  public String batchDigest(String inputId) throws FigureException {
    return batchLeaf(inputId).digest().hex();
  }

  @Override
  public long batchId(String inputId) throws FigureException {
    return batchLeaf(inputId).batchId();
  }

  private ReadingBatchLeaf batchLeaf(String inputId) throws FigureException {
    try {
      if (AuditLeaf.decode(HEX.parseHex(batch(inputId).leaf().data()))
          instanceof ReadingBatchLeaf leaf) {
        return leaf;
      }
    } catch (IllegalArgumentException e) {
      throw new FigureException(inputId + "'s leaf is unreadable");
    }
    throw new FigureException(inputId + "'s leaf records no reading batch");
  }

  @Override
  public MarketSlot marketSlot(String inputId) throws FigureException {
    if (!(data(inputId) instanceof MarketSlot slot)) {
      throw new FigureException(inputId + " is not a market slot");
    }
    return slot;
  }

  @Override
  public Figure figure(String figureId) throws FigureException {
    return Optional.ofNullable(figures.apply(figureId))
        .orElseThrow(() -> new FigureException("no verified figure " + figureId));
  }

  @Override
  public boolean isInput(String id) {
    return inputs.containsKey(id);
  }

  private EvidenceBundle.Batch batch(String inputId) throws FigureException {
    if (!(data(inputId) instanceof EvidenceBundle.Batch batch)) {
      throw new FigureException(inputId + " is not a reading batch");
    }
    return batch;
  }

  private Object data(String inputId) throws FigureException {
    Object given = data.get(inputId);
    if (given == null) {
      throw new FigureException("input " + inputId + " is not usable");
    }
    return given;
  }
}
