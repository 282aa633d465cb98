package io.twinledger.contracts.merkle;

/**
 * Where a log keeps its tree: the hashes of perfect subtrees, from which {@link MerkleTree} builds
 * roots and proofs of any size with O(log n) lookups.
 */
@FunctionalInterface
public interface SubtreeSource {

  /**
   * The root of the perfect subtree over leaves {@code [start, start + 2^level)}; {@code start} is
   * a multiple of {@code 2^level} and the leaves exist. Level 0 is the leaf hash itself.
   */
  Sha256 perfect(long start, int level);
}
