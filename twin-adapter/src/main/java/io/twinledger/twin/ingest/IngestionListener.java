package io.twinledger.twin.ingest;

import java.util.Map;

/**
 * Told what each delivery to {@link Ingestion} became, once its readings and refusals are stored:
 * the port through which the service counts readings and quarantine without this module knowing any
 * metrics library. Called on the ingesting thread; it must be quick and must not throw.
 */
@FunctionalInterface
public interface IngestionListener {

  /** Hears nothing. */
  IngestionListener NONE = (source, stored, quarantined) -> {};

  /**
   * A delivery was stored.
   *
   * @param source the delivery's source, such as {@code ngsi-ld:default}, {@code mqtt:host} or
   *     {@code bulk:file.csv}
   * @param stored readings stored, duplicates of stored ones not counted
   * @param quarantined payloads quarantined, by cause; causes without any are absent
   */
  void delivered(String source, int stored, Map<QuarantineCause, Integer> quarantined);
}
