package io.twinledger.contracts.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 9162 consistency proof (section 2.1.4): the hashes showing that the tree of the first
 * {@code size1} leaves is a prefix of the tree of the first {@code size2} leaves, so that a log
 * that grew from one checkpoint to the next rewrote nothing. A record of what was claimed; nothing
 * is checked until {@link #verify}.
 *
 * @param size1 leaves in the earlier tree
 * @param size2 leaves in the later tree
 * @param path the proof's hashes, in RFC order
 */
public record ConsistencyProof(long size1, long size2, List<Sha256> path) {

  public ConsistencyProof {
    path = List.copyOf(path);
  }

  /**
   * Checks that {@code root1}, the root of the first {@code size1} leaves, and {@code root2}, of
   * the first {@code size2}, belong to one log, by the algorithm of RFC 9162 section 2.1.4.2.
   * Refused before any hashing, as the RFC requires: a proof from the empty tree, from a larger
   * tree to a smaller one, a non-empty proof between equal sizes, and a proof of the wrong length.
   */
  public ProofCheck verify(Sha256 root1, Sha256 root2) {
    if (size1 < 0 || size2 < 0) {
      return new ProofCheck.Invalid("tree sizes must not be negative");
    }
    if (size1 == 0) {
      return new ProofCheck.Invalid("there is no consistency proof from the empty tree");
    }
    if (size1 > size2) {
      return new ProofCheck.Invalid(
          "the first tree (" + size1 + " leaves) is larger than the second (" + size2 + ")");
    }
    if (size1 == size2) {
      if (!path.isEmpty()) {
        return new ProofCheck.Invalid(
            "a proof between equal sizes is empty, not " + path.size() + " hashes");
      }
      return root1.equals(root2)
          ? ProofCheck.VALID
          : new ProofCheck.Invalid("trees of equal size " + size1 + " have different roots");
    }
    int expected = expectedLength(size1, size2);
    if (path.size() != expected) {
      return new ProofCheck.Invalid(
          "a proof from "
              + size1
              + " to "
              + size2
              + " leaves has "
              + expected
              + " hashes, not "
              + path.size());
    }
    List<Sha256> proof = new ArrayList<>(path.size() + 1);
    if (Long.bitCount(size1) == 1) {
      proof.add(root1);
    }
    proof.addAll(path);
    NodeWalk walk = new NodeWalk(size1 - 1, size2 - 1);
    walk.skipRightChildren();
    Sha256 fr = proof.getFirst();
    Sha256 sr = proof.getFirst();
    for (Sha256 c : proof.subList(1, proof.size())) {
      if (walk.siblingOnLeft()) {
        fr = TreeHash.node(c, fr);
        sr = TreeHash.node(c, sr);
      } else {
        sr = TreeHash.node(sr, c);
      }
      walk.step();
    }
    if (!fr.equals(root1)) {
      return new ProofCheck.Invalid("the proof leads to first root " + fr + ", not " + root1);
    }
    return sr.equals(root2)
        ? ProofCheck.VALID
        : new ProofCheck.Invalid("the proof leads to second root " + sr + ", not " + root2);
  }

  /**
   * The number of hashes in a proof from {@code size1} to {@code size2} leaves ({@code 0 < size1 <
   * size2}): the steps of the verification algorithm, less the first root when the algorithm
   * supplies it itself.
   */
  static int expectedLength(long size1, long size2) {
    NodeWalk walk = new NodeWalk(size1 - 1, size2 - 1);
    walk.skipRightChildren();
    int withFirstRoot = 1 + walk.stepsLeft();
    return Long.bitCount(size1) == 1 ? withFirstRoot - 1 : withFirstRoot;
  }
}
