package io.twinledger.twin.store;

import java.time.Instant;
import java.util.Optional;

/**
 * What one source delivered recently, as the ingestion overview lists it. A source is what the
 * readings' {@code source} column holds, such as {@code mqtt:broker}, {@code ngsi-ld:tenant} or
 * {@code bulk:file.csv}.
 *
 * @param source the source
 * @param recentReadings readings stored from it in the short window asked for
 * @param hourReadings readings stored from it in the last hour asked for
 * @param recentQuarantined payloads of it quarantined in the quarantine window asked for
 * @param lastReading when its latest stored batch was received; empty if none was ever stored
 * @param lastQuarantined when its latest refusal was received; empty if none was ever refused
 */
public record SourceActivity(
    String source,
    long recentReadings,
    long hourReadings,
    long recentQuarantined,
    Optional<Instant> lastReading,
    Optional<Instant> lastQuarantined) {

  /** When anything of it last arrived, stored or refused. */
  public Instant lastSeen() {
    return lastReading
        .map(r -> lastQuarantined.filter(q -> q.isAfter(r)).orElse(r))
        .or(() -> lastQuarantined)
        .orElseThrow();
  }
}
