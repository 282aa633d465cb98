package io.twinledger.contracts.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * A proof that a set of leaves is in the tree of the first {@code treeSize} leaves: one proof for
 * many leaves, carrying each sibling subtree hash they need exactly once. Proofs of leaves that
 * share a path upwards share its hashes, so k leaves of a tree of n cost about k·log2(n/k) hashes,
 * not the k·log2(n) of k RFC 9162 audit paths. A record of what was claimed; nothing is checked
 * until {@link #verify}.
 *
 * <p><b>Construction</b>, on the MTH recursion of RFC 9162 section 2.1.1. Let S be the proven leaf
 * indices, at least one, each in {@code [0, treeSize)}, none twice. The proof's hashes are PROOF(0,
 * treeSize), where for a range {@code [lo, hi)} of leaves:
 *
 * <ul>
 *   <li>if the range holds no index of S: the list of one hash, MTH(D[lo:hi]), the range's subtree
 *       hash;
 *   <li>otherwise, if {@code hi - lo = 1}: the empty list, as that leaf's hash is the verifier's to
 *       supply;
 *   <li>otherwise, with k the largest power of two less than {@code hi - lo}: PROOF(lo, lo + k) ‖
 *       PROOF(lo + k, hi).
 * </ul>
 *
 * The hashes are thus listed in the left-to-right order of the recursion. The verifier follows the
 * same recursion, taking the next proof hash for each range with no index of S, the caller's leaf
 * hash for each single-leaf range with one, and {@link TreeHash#node} of the two halves for every
 * other range; the proof holds when the hash of {@code [0, treeSize)} is the root. A proof of one
 * leaf carries the hashes of that leaf's RFC 9162 audit path, not always in the path's order.
 *
 * <p><b>Encoding</b>: the components are already plain: a number, a list of numbers (the canonical
 * order is ascending, and the verifier accepts no other) and the hashes, which {@link #hexHashes}
 * and {@link #fromHex} give as hex strings, so a JSON form needs no more than these accessors.
 *
 * @param treeSize number of leaves in the tree the proof is for
 * @param leafIndices zero-based indices of the proven leaves, ascending
 * @param hashes the subtree hashes of the ranges holding none of the leaves, in recursion order
 */
public record MultiInclusionProof(long treeSize, List<Long> leafIndices, List<Sha256> hashes) {

  public MultiInclusionProof {
    leafIndices = List.copyOf(leafIndices);
    hashes = List.copyOf(hashes);
  }

  /**
   * A proof given in its encoded form, each hash as 64 hexadecimal digits.
   *
   * @throws IllegalArgumentException if a hash is not 64 hexadecimal digits
   */
  public static MultiInclusionProof fromHex(
      long treeSize, List<Long> leafIndices, List<String> hexHashes) {
    return new MultiInclusionProof(
        treeSize, leafIndices, hexHashes.stream().map(Sha256::fromHex).toList());
  }

  /** The hashes as 64 lower-case hexadecimal digits each, in proof order. */
  public List<String> hexHashes() {
    return hashes.stream().map(Sha256::hex).toList();
  }

  /**
   * Checks that the leaves with hashes {@code leafHashes}, the i-th at {@code
   * leafIndices().get(i)}, are in the tree of {@code size} leaves whose root is {@code root}, by
   * the recursion of the class comment. The size is the verifier's, from the checkpoint that states
   * the root, because a root does not bind the size a proof claims: leaf 0's proof in the tree of 5
   * leaves leads to the same root when read as a proof in a tree of 6, 7 or 8. Refused before any
   * hashing: a proof for another size, no indices, an index outside the tree, an index repeated or
   * out of ascending order, a leaf hash count other than the index count, and hashes missing or
   * left over.
   */
  public ProofCheck verify(List<Sha256> leafHashes, long size, Sha256 root) {
    if (treeSize != size) {
      return new ProofCheck.Invalid(
          "the proof is for a tree of " + treeSize + " leaves, not " + size);
    }
    long[] indices = leafIndices.stream().mapToLong(Long::longValue).toArray();
    String badIndices = indexError(indices, treeSize);
    if (badIndices != null) {
      return new ProofCheck.Invalid(badIndices);
    }
    if (leafHashes.size() != indices.length) {
      return new ProofCheck.Invalid(
          leafHashes.size() + " leaf hashes given for " + indices.length + " leaf indices");
    }
    int expected = expectedLength(indices, treeSize);
    if (hashes.size() != expected) {
      return new ProofCheck.Invalid(
          "a proof of "
              + indices.length
              + " leaves of "
              + treeSize
              + " has "
              + expected
              + " hashes, not "
              + hashes.size());
    }
    Iterator<Sha256> next = hashes.iterator();
    Sha256 r =
        fold(
            indices,
            treeSize,
            new Fold<>() {
              @Override
              public Sha256 sibling(long start, long end) {
                return next.next();
              }

              @Override
              public Sha256 leaf(int position) {
                return leafHashes.get(position);
              }

              @Override
              public Sha256 node(Sha256 left, Sha256 right) {
                return TreeHash.node(left, right);
              }
            });
    return r.equals(root)
        ? ProofCheck.VALID
        : new ProofCheck.Invalid("the proof leads to root " + r + ", not " + root);
  }

  /**
   * What is wrong with these indices of a tree of {@code size} leaves, or null if nothing: they
   * must be at least one, inside the tree, and strictly ascending (so none is repeated).
   */
  static String indexError(long[] indices, long size) {
    if (indices.length == 0) {
      return "a multi-leaf proof is of at least one leaf";
    }
    for (int i = 0; i < indices.length; i++) {
      long index = indices[i];
      if (index < 0 || index >= size) {
        return "leaf index " + index + " is outside a tree of " + size + " leaves";
      }
      if (i > 0 && index == indices[i - 1]) {
        return "leaf index " + index + " is repeated";
      }
      if (i > 0 && index < indices[i - 1]) {
        return "leaf indices are not ascending: " + index + " after " + indices[i - 1];
      }
    }
    return null;
  }

  /** The number of hashes in a proof of these (valid) indices of a tree of {@code size} leaves. */
  static int expectedLength(long[] indices, long size) {
    return siblings(indices, size).size();
  }

  /** A range {@code [start, end)} of leaves. */
  record Range(long start, long end) {}

  /**
   * The ranges of the recursion that hold none of these (valid) indices, in proof order: the
   * subtrees whose hashes the proof carries.
   */
  static List<Range> siblings(long[] indices, long size) {
    List<Range> ranges = new ArrayList<>();
    fold(
        indices,
        size,
        new Fold<Void>() {
          @Override
          public Void sibling(long start, long end) {
            ranges.add(new Range(start, end));
            return null;
          }

          @Override
          public Void leaf(int position) {
            return null;
          }

          @Override
          public Void node(Void left, Void right) {
            return null;
          }
        });
    return ranges;
  }

  /**
   * What the recursion of the class comment computes at each kind of range; {@link #fold} visits
   * the ranges depth first, left before right, so siblings come in proof order.
   */
  interface Fold<T> {

    /** A range {@code [start, end)} holding none of the proven leaves. */
    T sibling(long start, long end);

    /** The single-leaf range of the proven leaf at {@code position} in the ascending indices. */
    T leaf(int position);

    /** A range holding proven leaves, split at the largest power of two less than its length. */
    T node(T left, T right);
  }

  /**
   * The recursion over {@code [0, size)} for these indices (valid: see {@link #indexError}), the
   * one home of the construction, shared by the generator, the length check and the verifier.
   */
  static <T> T fold(long[] indices, long size, Fold<T> folder) {
    return fold(indices, 0, indices.length, 0, size, folder);
  }

  /** The recursion over {@code [lo, hi)}, which holds exactly {@code indices[from:to)}. */
  private static <T> T fold(long[] indices, int from, int to, long lo, long hi, Fold<T> folder) {
    if (from == to) {
      return folder.sibling(lo, hi);
    }
    if (hi - lo == 1) {
      return folder.leaf(from);
    }
    long mid = lo + Long.highestOneBit(hi - lo - 1);
    int found = Arrays.binarySearch(indices, from, to, mid);
    int split = found >= 0 ? found : -found - 1;
    return folder.node(
        fold(indices, from, split, lo, mid, folder), fold(indices, split, to, mid, hi, folder));
  }
}
