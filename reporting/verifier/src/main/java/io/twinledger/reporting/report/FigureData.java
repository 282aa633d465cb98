package io.twinledger.reporting.report;

import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.reporting.evidence.StrictJson;
import io.twinledger.twin.reading.AssessedReading;
import java.util.List;

/**
 * The data formulas read, by the ids a figure names: the raw inputs a bundle carries and the
 * figures computed before. An implementation hands out only data it has checked against its leaf,
 * so a formula never reads what the log does not hold.
 */
public interface FigureData {

  /** The kind of the input {@code inputId}. */
  InputKind kind(String inputId) throws FigureException;

  /** The stored payload of an event input, as JSON. */
  StrictJson.Node payload(String inputId) throws FigureException;

  /** An event input as stored: its stream, type and place in the log besides its payload. */
  EvidenceBundle.Event event(String inputId) throws FigureException;

  /**
   * The readings of a reading-batch input as the bundle carries them, in the batch's order: what a
   * correction's replaced reading is matched against.
   */
  List<EvidenceBundle.Reading> batchReadings(String inputId) throws FigureException;

  /**
   * The readings of a reading-batch input as twin-adapter holds them, with their quality flags, in
   * the batch's order.
   */
  List<AssessedReading> readings(String inputId) throws FigureException;

  /** The SHA-256 digest (hex) of a reading-batch input, as its leaf records it. */
  String batchDigest(String inputId) throws FigureException;

  /** The id of a reading-batch input's batch, as its leaf records it. */
  long batchId(String inputId) throws FigureException;

  /** The clearing of a market-slot input, with the terms it was settled under. */
  MarketSlot marketSlot(String inputId) throws FigureException;

  /** An earlier figure, with the value it was computed to. */
  Figure figure(String figureId) throws FigureException;

  /** Whether {@code id} names an input rather than a figure. */
  boolean isInput(String id);
}
