package io.twinledger.twin.ingest;

import java.util.Locale;

/**
 * Why a payload went to quarantine, as a closed set. The stored reason is free text naming the
 * entity, line and values; this is the kind of problem behind it, few enough to be a metric's label
 * (see {@link IngestionListener}).
 */
public enum QuarantineCause {
  /** An NGSI-LD notification that could not be read as a whole. */
  UNREADABLE_NOTIFICATION,
  /** An attribute or entity of a notification that the mapping binds but that could not be read. */
  UNREADABLE_ATTRIBUTE,
  /**
   * An MQTT payload too large, not JSON, with a number out of range, or without an observation time
   * or a number where the mapping points.
   */
  UNREADABLE_PAYLOAD,
  /** A line of a bulk file that could not be read. */
  UNREADABLE_LINE,
  /** An MQTT topic, or a bulk line's asset and attribute, that the mapping does not bind. */
  UNMAPPED,
  /** No unit code and none in the mapping, or a unit that does not convert to the KPI's. */
  UNIT,
  /** Values the reading itself refuses, such as a sensor id or a number out of bounds. */
  INVALID_READING,
  /** A reading that failed a quality check: out of physical range, in the future, too late. */
  QUALITY;

  /** The cause as a label: lower case, words joined by {@code -}, e.g. {@code unreadable-line}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
