package io.twinledger.reporting.report;

import io.twinledger.reporting.evidence.StrictJson;
import java.util.Optional;

/** Reads a logged payload's nested objects for a formula, failing the figure when malformed. */
final class FigureJson {

  private FigureJson() {}

  /** The required object field {@code name}. */
  static StrictJson.Node object(StrictJson.Node node, String name) throws FigureException {
    try {
      return node.object(name);
    } catch (StrictJson.Malformed e) {
      throw new FigureException(e.getMessage());
    }
  }

  /** The object field {@code name}, if present and not null. */
  static Optional<StrictJson.Node> optionalObject(StrictJson.Node node, String name)
      throws FigureException {
    try {
      return node.optionalObject(name);
    } catch (StrictJson.Malformed e) {
      throw new FigureException(e.getMessage());
    }
  }
}
