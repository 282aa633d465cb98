package io.twinledger.reporting.report;

import java.util.Objects;

/**
 * Data a report's figures read, named by the audit-log leaf that records it. The report holds only
 * the leaf's index and hash; the data itself is in the {@link ReportBundle}, where the verifier
 * rebuilds the leaf from it.
 *
 * @param id unique in the report, such as {@code period.dma-north-hill.nrw-percent.2025-06}
 * @param kind what the data is
 * @param leafIndex the leaf's index in the audit log
 * @param leafHash the leaf's RFC 9162 hash, hex
 * @param address where the service serves the data, such as an evidence API path
 */
public record Input(String id, InputKind kind, long leafIndex, String leafHash, String address) {

  public Input {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(leafHash, "leafHash");
    Objects.requireNonNull(address, "address");
    if (leafIndex < 0) {
      throw new IllegalArgumentException("leafIndex must not be negative, was " + leafIndex);
    }
  }
}
