package io.twinledger.service.evidence;

import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.reporting.evidence.export.PeriodKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The parameters naming a KPI period's evidence, checked: the API's and the evidence explorer's.
 * Each refusal is an {@link InvalidFieldException} naming the parameter as the API calls it.
 */
public final class EvidenceRequests {

  /** The period kinds evidence is exported for, finest first. */
  public static final List<String> KINDS = List.of("HOUR", "DAY", "MONTH", "QUARTER");

  private EvidenceRequests() {}

  /**
   * The period named by the API's parameters.
   *
   * @param start the period's start, an ISO-8601 instant
   * @param revision a whole number from 1, or null for the latest
   */
  public static PeriodKey key(
      String assetId, String kpiId, String kind, String start, String revision) {
    return new PeriodKey(
        required("assetId", assetId),
        required("kpiId", kpiId),
        kind(kind),
        start(start),
        revision(revision));
  }

  /** A period kind, one of {@link #KINDS}. */
  public static String kind(String kind) {
    if (!KINDS.contains(required("kind", kind))) {
      throw new InvalidFieldException("kind", "must be one of HOUR, DAY, MONTH, QUARTER");
    }
    return kind;
  }

  private static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidFieldException(field, "is required");
    }
    return value;
  }

  private static Instant start(String start) {
    try {
      return Instant.parse(required("start", start));
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(
          "start", "must be an ISO-8601 instant such as 2026-03-01T00:00:00Z, was '" + start + "'");
    }
  }

  private static Optional<Integer> revision(String revision) {
    if (revision == null) {
      return Optional.empty();
    }
    try {
      int value = Integer.parseInt(revision);
      if (value < 1) {
        throw new InvalidFieldException("revision", "must be at least 1");
      }
      return Optional.of(value);
    } catch (NumberFormatException e) {
      throw new InvalidFieldException("revision", "'" + revision + "' is not a whole number");
    }
  }
}
