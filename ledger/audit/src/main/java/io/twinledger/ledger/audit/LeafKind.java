package io.twinledger.ledger.audit;

import java.util.Arrays;

/**
 * The kinds of leaf an audit log holds. Each kind's name is stored beside the leaf (for lookups)
 * and its tag opens the leaf's canonical encoding; a new encoding of a kind gets a new tag.
 */
public enum LeafKind {
  /** A batch of twin readings, by its batch id ({@link ReadingBatchLeaf}). */
  READING_BATCH("reading-batch", "twinledger-leaf/reading-batch/v1"),
  /** An event of the Axon event store, by its global index ({@link DomainEventLeaf}). */
  DOMAIN_EVENT("domain-event", "twinledger-leaf/domain-event/v1");

  private final String label;
  private final String tag;

  LeafKind(String label, String tag) {
    this.label = label;
    this.tag = tag;
  }

  /**
   * The name stored in {@code audit_leaf.kind} and used in the API, such as {@code reading-batch}.
   */
  public String label() {
    return label;
  }

  /** The ASCII tag that opens this kind's canonical encoding, version included. */
  public String tag() {
    return tag;
  }

  /**
   * The kind with this label.
   *
   * @throws IllegalArgumentException naming the known labels if there is none
   */
  public static LeafKind ofLabel(String label) {
    return Arrays.stream(values())
        .filter(k -> k.label.equals(label))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown leaf kind '"
                        + label
                        + "'; known: "
                        + Arrays.stream(values()).map(LeafKind::label).toList()));
  }
}
