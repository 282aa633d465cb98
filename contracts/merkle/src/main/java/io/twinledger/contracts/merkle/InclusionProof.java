package io.twinledger.contracts.merkle;

import java.util.List;

/**
 * An RFC 9162 inclusion proof (section 2.1.3): the audit path that links the leaf at {@code
 * leafIndex} to the root of the tree of the first {@code treeSize} leaves. The path lists sibling
 * hashes from the leaf upwards. A record of what was claimed; nothing is checked until {@link
 * #verify}.
 *
 * @param leafIndex zero-based index of the leaf
 * @param treeSize number of leaves in the tree the proof is for
 * @param path sibling hashes, leaf level first
 */
public record InclusionProof(long leafIndex, long treeSize, List<Sha256> path) {

  public InclusionProof {
    path = List.copyOf(path);
  }

  /**
   * Checks that a leaf with hash {@code leafHash} is at {@code leafIndex} in the tree whose root is
   * {@code root}, by the algorithm of RFC 9162 section 2.1.3.2. Proofs the RFC rules out are
   * refused before any hashing: an index outside the tree and a path of the wrong length.
   */
  public ProofCheck verify(Sha256 leafHash, Sha256 root) {
    if (leafIndex < 0 || treeSize < 0) {
      return new ProofCheck.Invalid("leaf index and tree size must not be negative");
    }
    if (leafIndex >= treeSize) {
      return new ProofCheck.Invalid(
          "leaf index " + leafIndex + " is outside a tree of " + treeSize + " leaves");
    }
    int expected = expectedLength(leafIndex, treeSize);
    if (path.size() != expected) {
      return new ProofCheck.Invalid(
          "a path to leaf "
              + leafIndex
              + " of "
              + treeSize
              + " has "
              + expected
              + " hashes, not "
              + path.size());
    }
    NodeWalk walk = new NodeWalk(leafIndex, treeSize - 1);
    Sha256 r = leafHash;
    for (Sha256 p : path) {
      r = walk.siblingOnLeft() ? TreeHash.node(p, r) : TreeHash.node(r, p);
      walk.step();
    }
    return r.equals(root)
        ? ProofCheck.VALID
        : new ProofCheck.Invalid("the path leads to root " + r + ", not " + root);
  }

  /**
   * The number of hashes in the audit path of leaf {@code index} in a tree of {@code size} leaves
   * ({@code 0 <= index < size}): the steps of the verification algorithm until the last node.
   */
  static int expectedLength(long index, long size) {
    return new NodeWalk(index, size - 1).stepsLeft();
  }
}
