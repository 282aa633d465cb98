package io.twinledger.contracts.merkle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.LongStream;

/**
 * The RFC 9162 tree algorithms (section 2.1): the tree head MTH, the audit path PATH and the
 * consistency proof PROOF, and the {@link MultiInclusionProof} of many leaves at once, computed for
 * any size up to the leaves the {@link SubtreeSource} holds. A tree of n leaves splits at k, the
 * largest power of two smaller than n; every range this recursion visits starts at a multiple of a
 * power of two at least its length, so its left part is always a perfect subtree the source can
 * answer from storage.
 */
public final class MerkleTree {

  private final SubtreeSource source;

  public MerkleTree(SubtreeSource source) {
    this.source = source;
  }

  /** MTH of the first {@code size} leaves; {@link Sha256#EMPTY} for none. */
  public Sha256 root(long size) {
    requireSize(size);
    return size == 0 ? TreeHash.EMPTY : hash(0, size);
  }

  /**
   * The audit path of leaf {@code index} in the tree of the first {@code size} leaves.
   *
   * @throws IllegalArgumentException unless {@code 0 <= index < size}
   */
  public InclusionProof inclusion(long index, long size) {
    requireSize(size);
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(
          "leaf index " + index + " is outside a tree of " + size + " leaves");
    }
    List<Sha256> path = new ArrayList<>();
    path(index, 0, size, path);
    return new InclusionProof(index, size, path);
  }

  /**
   * The proof that the leaves at {@code indices}, in any order, are in the tree of the first {@code
   * size} leaves, built as {@link MultiInclusionProof} defines; it lists the indices ascending. A
   * range the proof carries the hash of is hashed as {@link #root} hashes the tree: a perfect one
   * is read from the source, any other split into perfect ones.
   *
   * @throws IllegalArgumentException unless there is at least one index, each {@code 0 <= index <
   *     size}, none repeated
   */
  public MultiInclusionProof multiInclusion(Collection<Long> indices, long size) {
    requireSize(size);
    long[] sorted = indices.stream().mapToLong(Long::longValue).sorted().toArray();
    String badIndices = MultiInclusionProof.indexError(sorted, size);
    if (badIndices != null) {
      throw new IllegalArgumentException(badIndices);
    }
    List<Sha256> hashes = new ArrayList<>();
    for (MultiInclusionProof.Range range : MultiInclusionProof.siblings(sorted, size)) {
      hashes.add(hash(range.start(), range.end()));
    }
    return new MultiInclusionProof(size, LongStream.of(sorted).boxed().toList(), hashes);
  }

  /**
   * The proof that the first {@code size1} leaves are a prefix of the first {@code size2}.
   *
   * @throws IllegalArgumentException unless {@code 0 < size1 <= size2}
   */
  public ConsistencyProof consistency(long size1, long size2) {
    requireSize(size2);
    if (size1 <= 0 || size1 > size2) {
      throw new IllegalArgumentException(
          "no consistency proof from " + size1 + " to " + size2 + " leaves");
    }
    List<Sha256> proof = new ArrayList<>();
    if (size1 < size2) {
      subproof(size1, 0, size2, true, proof);
    }
    return new ConsistencyProof(size1, size2, proof);
  }

  /** MTH(D[start:end]). */
  private Sha256 hash(long start, long end) {
    long n = end - start;
    if (Long.bitCount(n) == 1) {
      return source.perfect(start, Long.numberOfTrailingZeros(n));
    }
    long k = split(n);
    return TreeHash.node(hash(start, start + k), hash(start + k, end));
  }

  /** PATH(m, D[start:end]), appended leaf level first. */
  private void path(long m, long start, long end, List<Sha256> out) {
    long n = end - start;
    if (n == 1) {
      return;
    }
    long k = split(n);
    if (m < k) {
      path(m, start, start + k, out);
      out.add(hash(start + k, end));
    } else {
      path(m - k, start + k, end, out);
      out.add(hash(start, start + k));
    }
  }

  /** SUBPROOF(m, D[start:end], b). */
  private void subproof(long m, long start, long end, boolean complete, List<Sha256> out) {
    long n = end - start;
    if (m == n) {
      if (!complete) {
        out.add(hash(start, end));
      }
      return;
    }
    long k = split(n);
    if (m <= k) {
      subproof(m, start, start + k, complete, out);
      out.add(hash(start + k, end));
    } else {
      subproof(m - k, start + k, end, false, out);
      out.add(hash(start, start + k));
    }
  }

  /** The largest power of two strictly less than {@code n}, for {@code n >= 2}. */
  private static long split(long n) {
    return Long.highestOneBit(n - 1);
  }

  private static void requireSize(long size) {
    if (size < 0) {
      throw new IllegalArgumentException("a tree size must not be negative: " + size);
    }
  }
}
