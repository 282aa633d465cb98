package io.twinledger.ledger.audit;

import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.contracts.merkle.SubtreeSource;
import io.twinledger.contracts.merkle.TreeHash;
import java.util.ArrayList;
import java.util.List;

/**
 * The right frontier of a tree of {@code size} leaves: the roots of the perfect subtrees it
 * decomposes into, one per set bit of the size, largest first. Appending a leaf merges the subtrees
 * it completes, so each leaf costs one hash amortised and every node is hashed once, when its last
 * leaf arrives.
 */
final class Frontier {

  /** Receives each perfect subtree of two or more leaves as it is completed. */
  @FunctionalInterface
  interface Completed {
    void node(int level, long index, Sha256 hash);
  }

  private long size;
  private final ArrayList<Sha256> roots;

  private Frontier(long size, List<Sha256> roots) {
    this.size = size;
    this.roots = new ArrayList<>(roots);
  }

  /** The frontier of the empty tree. */
  static Frontier empty() {
    return new Frontier(0, List.of());
  }

  /** The frontier of the first {@code size} leaves, read from stored subtrees: O(log n) lookups. */
  static Frontier of(long size, SubtreeSource stored) {
    List<Sha256> roots = new ArrayList<>();
    long start = 0;
    for (int level = 63; level >= 0; level--) {
      if ((size & (1L << level)) != 0) {
        roots.add(stored.perfect(start, level));
        start += 1L << level;
      }
    }
    return new Frontier(size, roots);
  }

  long size() {
    return size;
  }

  Frontier copy() {
    return new Frontier(size, roots);
  }

  /** Appends the leaf with this hash as leaf {@link #size()}, reporting the nodes it completes. */
  void append(Sha256 leaf, Completed completed) {
    Sha256 hash = leaf;
    long index = size;
    int level = 0;
    while ((index & 1) == 1) {
      hash = TreeHash.node(roots.removeLast(), hash);
      index >>= 1;
      level++;
      completed.node(level, index, hash);
    }
    roots.add(hash);
    size++;
  }
}
