package io.twinledger.reporting.report;

import java.util.Objects;
import java.util.Optional;

/**
 * Data a report's figures read, named by its evidence: the audit-log leaf that records it or, for
 * data the ledger itself holds (a market slot's clearing), the transaction that wrote it. The
 * report holds only that address; the data itself is in the {@link ReportBundle}, where the
 * verifier rebuilds the leaf from it or finds the write in the transaction.
 *
 * @param id unique in the report, such as {@code period.dma-north-hill.nrw-percent.2025-06}
 * @param kind what the data is; it decides the evidence ({@link InputKind#onLedger()})
 * @param evidence the leaf or the ledger write that records the data
 * @param address where the service serves the data, such as an evidence API path
 */
public record Input(String id, InputKind kind, Evidence evidence, String address) {

  public Input {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(address, "address");
    if (kind.onLedger() != evidence instanceof LedgerWrite) {
      throw new IllegalArgumentException(
          "input "
              + id
              + ": a "
              + kind.label()
              + (kind.onLedger() ? " is a ledger write" : " is an audit-log leaf"));
    }
  }

  /** An input recorded by audit-log leaf {@code leafIndex}, which hashes to {@code leafHash}. */
  public Input(String id, InputKind kind, long leafIndex, String leafHash, String address) {
    this(id, kind, new AuditLeaf(leafIndex, leafHash), address);
  }

  /**
   * The audit-log leaf that records the data; empty for a ledger write, which no leaf proof names.
   */
  public Optional<AuditLeaf> auditLeaf() {
    return evidence instanceof AuditLeaf leaf ? Optional.of(leaf) : Optional.empty();
  }

  /** Where an input's data is recorded. */
  public sealed interface Evidence permits AuditLeaf, LedgerWrite {}

  /**
   * A leaf of the audit log, proven in the bundle's one multi-leaf proof.
   *
   * @param index the leaf's index in the audit log
   * @param hash the leaf's RFC 9162 hash, hex
   */
  public record AuditLeaf(long index, String hash) implements Evidence {
    public AuditLeaf {
      Objects.requireNonNull(hash, "leafHash");
      if (index < 0) {
        throw new IllegalArgumentException("leafIndex must not be negative, was " + index);
      }
    }
  }

  /**
   * A write of a valid transaction on a channel of the ledger; the bundle carries the block.
   *
   * @param channel the channel, such as {@code energy-market}
   * @param blockNumber the block that holds the transaction
   * @param txId the transaction's id
   * @param key what it wrote, in the kind's terms: for a market slot, the slot's start ({@code
   *     2026-11-03T10:15:00Z}), whose {@code clearing~<start>} record the input reads
   */
  public record LedgerWrite(String channel, long blockNumber, String txId, String key)
      implements Evidence {
    public LedgerWrite {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(txId, "txId");
      Objects.requireNonNull(key, "key");
      if (blockNumber < 0) {
        throw new IllegalArgumentException("blockNumber must not be negative, was " + blockNumber);
      }
    }
  }
}
